package org.largelr.gd;

import org.largelr.matrix.MatrixChecks;

/**
 * Knobs of one run, validated. A tolerance of 0 switches that stop rule off.
 *
 * @param learningRate   the constant step h (finite, > 0)
 * @param maxSteps       step budget K (>= 0)
 * @param lossTolerance  stop as CONVERGED once {@code loss <= lossTolerance}
 * @param gradTolerance  stop as CONVERGED once {@code ||grad|| <= gradTolerance}
 * @param divergenceBound stop as DIVERGED once {@code loss > divergenceBound}
 * @param recordEvery    record metrics every k steps (the first and last step are always recorded)
 * @param recordSharpness also record the Hessian's top eigenvalue at every recorded step (costly)
 */
public record GdSettings(double learningRate, long maxSteps, double lossTolerance, double gradTolerance,
                         double divergenceBound, int recordEvery, boolean recordSharpness) {
    public static final double DEFAULT_DIVERGENCE_BOUND = 1e50;

    public GdSettings {
        MatrixChecks.requirePositive("learningRate h", learningRate);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
        MatrixChecks.requireNonNegative("lossTolerance", lossTolerance);
        MatrixChecks.requireNonNegative("gradTolerance", gradTolerance);
        MatrixChecks.requirePositive("divergenceBound", divergenceBound);
        if (recordEvery < 1) throw new IllegalArgumentException("recordEvery must be >= 1, got " + recordEvery);
    }
}
