package org.largelr.api;

/**
 * Watches a run step by step: {@code GradientDescent.on(p).from(s).h(h).observe(step -> ...).run()}. Called at
 * every evaluated step, before the step is taken, including the last.
 */
@FunctionalInterface
public interface StepListener {
    /** Called at every evaluated step; the step is valid during the call only. */
    void onStep(Step step);
}
