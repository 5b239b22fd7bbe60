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
    public GdSettings {
        MatrixChecks.requirePositive("learning rate h", h);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
        if (stopRule == null) throw new IllegalArgumentException("stopRule must not be null");
        if (recordEvery < 1) throw new IllegalArgumentException("recordEvery must be >= 1, got " + recordEvery);
    }

    public double lossTolerance() { return stopRule.lossTolerance(); }

    public double gradTolerance() { return stopRule.gradTolerance(); }

    public double divergenceBound() { return stopRule.divergenceBound(); }
}
