package org.largelr.core;

/**
 * Sees every evaluated step of a run, before the step is taken: the only way to look inside a run, so nothing
 * outside the engine replays GD. A step's view is valid during the call only.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * @param k    the step index (0 at the start)
     * @param at   the iterate X_k, Y_k and the metrics there
     * @param last true at the step where the run ends (a tolerance met, diverged, or the budget spent)
     */
    void onStep(long k, Iterate at, boolean last);

    /**
     * The next step after k this observer needs to see, so that a loop may skip calling it in between (the last
     * step is shown in any case). A loop may also show it more steps than it asks for; the default asks for every
     * step.
     */
    default long next(long k) {
        return k + 1;
    }

    /** The iterate of the step being observed. */
    interface Iterate {
        /** Loss at X_k, Y_k. */
        double loss();

        /** Gradient norm at X_k, Y_k. */
        double gradNorm();

        /** {@code ||X_k||_F^2}. */
        double xNorm2();

        /** {@code ||Y_k||_F^2}. */
        double yNorm2();

        /** {@code ||X_k^T X_k - Y_k^T Y_k||_F}. */
        double balanceGap();

        /** Copies X_k (n x d) and Y_k (m x d), row-major, into the given arrays. */
        void copyFactors(double[] x, double[] y);
    }
}
