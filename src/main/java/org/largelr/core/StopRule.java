package org.largelr.core;

/**
 * When a run stops early: CONVERGED once {@code loss <= lossTolerance} or {@code ||grad|| <= gradTolerance} (a
 * tolerance of 0 is off), DIVERGED once a value is not finite or {@code loss > divergenceBound}. Checked at every
 * evaluated step, before the step is taken; the same rule serves a single run, a sweep's run and a scalar lane.
 *
 * @param lossTolerance   converged once the loss is at most this (0: off)
 * @param gradTolerance   converged once the gradient norm is at most this (0: off)
 * @param divergenceBound diverged once the loss exceeds this
 */
public record StopRule(double lossTolerance, double gradTolerance, double divergenceBound) {
    /** Loss beyond which a run counts as diverged, unless told otherwise. */
    public static final double DEFAULT_DIVERGENCE_BOUND = 1e50;
    /**
     * Scalar default: {@code 1/2 (mu - x y)^2 <= 1e-20}, that is {@code |mu - x y| <= 1.4e-10}, far below what a plot
     * shows and reachable in double precision for any mu below about 1e3: a run that sits on a global minimum to
     * rounding reads CONVERGED.
     */
    public static final double SCALAR_LOSS_TOLERANCE = 1e-20;
    /**
     * Matrix default: {@code ||grad|| <= 1e-10}. The loss need not reach 0 when d is below the rank of A, but the
     * gradient vanishes at every minimum; 1e-10 is reached to rounding by any run sitting on one.
     */
    public static final double MATRIX_GRAD_TOLERANCE = 1e-10;

    /** Checks each tolerance and the bound, naming it in the message. */
    public StopRule {
        if (!(lossTolerance >= 0) || !Double.isFinite(lossTolerance))
            throw new IllegalArgumentException("lossTolerance must be finite and >= 0 (0: off), got " + lossTolerance);
        if (!(gradTolerance >= 0) || !Double.isFinite(gradTolerance))
            throw new IllegalArgumentException("gradTolerance must be finite and >= 0 (0: off), got " + gradTolerance);
        if (!(divergenceBound > 0) || !Double.isFinite(divergenceBound))
            throw new IllegalArgumentException("divergenceBound must be finite and > 0, got " + divergenceBound);
    }

    /** The default rule of the scalar problem {@code 1/2 (mu - x y)^2}. */
    public static StopRule scalarDefault() {
        return new StopRule(SCALAR_LOSS_TOLERANCE, 0, DEFAULT_DIVERGENCE_BOUND);
    }

    /** The default rule of matrix problems (any A and d, including a 1x1 A with d > 1). */
    public static StopRule matrixDefault() {
        return new StopRule(0, MATRIX_GRAD_TOLERANCE, DEFAULT_DIVERGENCE_BOUND);
    }

    /** Only the budget and divergence end the run: every step of the budget is taken (the NumPy reference's rule). */
    public static StopRule budgetOnly() {
        return new StopRule(0, 0, DEFAULT_DIVERGENCE_BOUND);
    }

    /** The same rule with another loss tolerance. */
    public StopRule withLossTolerance(double t) { return new StopRule(t, gradTolerance, divergenceBound); }

    /** The same rule with another gradient tolerance. */
    public StopRule withGradTolerance(double t) { return new StopRule(lossTolerance, t, divergenceBound); }

    /** The same rule with another divergence bound. */
    public StopRule withDivergenceBound(double b) { return new StopRule(lossTolerance, gradTolerance, b); }

    /** A value is not finite or the loss passed the bound. */
    public boolean diverged(double loss, double gradNorm) {
        return !(Double.isFinite(loss) && Double.isFinite(gradNorm)) || loss > divergenceBound;
    }

    /** A tolerance is met. A zero gradient alone (the saddle X = Y = 0) is no convergence when both are off. */
    public boolean converged(double loss, double gradNorm) {
        return (lossTolerance > 0 && loss <= lossTolerance) || (gradTolerance > 0 && gradNorm <= gradTolerance);
    }

    /** Text for grid fingerprints. */
    public String canonical() {
        return "lossTol=" + lossTolerance + ";gradTol=" + gradTolerance + ";bound=" + divergenceBound;
    }
}
