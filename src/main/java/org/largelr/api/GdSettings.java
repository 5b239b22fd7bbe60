package org.largelr.api;

import org.largelr.core.StopRule;
import org.largelr.matrix.MatrixChecks;

/**
 * The resolved knobs of one run, as its result reports them.
 *
 * @param h               the constant step (finite, > 0)
 * @param maxSteps        step budget K (>= 0)
 * @param stopRule        when the run stops early
 * @param recordEvery     record metrics every k steps (the first and last step are always recorded)
 * @param recordSharpness also record the Hessian's top eigenvalue at every recorded step (costly)
 */
public record GdSettings(double h, long maxSteps, StopRule stopRule, int recordEvery, boolean recordSharpness) {
    /** Checks each knob, naming it in the message. */
    public GdSettings {
        MatrixChecks.requirePositive("learning rate h", h);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
        if (stopRule == null) throw new IllegalArgumentException("stopRule must not be null");
        if (recordEvery < 1) throw new IllegalArgumentException("recordEvery must be >= 1, got " + recordEvery);
    }

    /** The stop rule's loss tolerance (0: off). */
    public double lossTolerance() { return stopRule.lossTolerance(); }

    /** The stop rule's gradient tolerance (0: off). */
    public double gradTolerance() { return stopRule.gradTolerance(); }

    /** The loss above which the run counts as diverged. */
    public double divergenceBound() { return stopRule.divergenceBound(); }
}
