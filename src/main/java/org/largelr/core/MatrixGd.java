package org.largelr.core;

import org.largelr.api.Outcome;

/**
 * The GD loop of {@code 1/2 ||A - X Y^T||_F^2} on a {@link Workspace}: {@code X+ = X + h (A - X Y^T) Y},
 * {@code Y+ = Y + h (A - X Y^T)^T X}, both from the old iterate.
 */
public final class MatrixGd implements StepObserver.Iterate {
    private final Workspace w;
    private final double h;
    private final long maxSteps;
    private final StopRule rule;
    private final int n, m, d;
    private double loss, gradNorm;
    private long endStep;

    /** A run from the factors already loaded into {@code w}. */
    public MatrixGd(Workspace w, double h, long maxSteps, StopRule rule) {
        this.w = w;
        this.h = h;
        this.maxSteps = maxSteps;
        this.rule = rule;
        this.n = w.rows();
        this.m = w.cols();
        this.d = w.d();
    }

    /** Every step of the budget unless the rule stops the run first; the observer sees each evaluated step. */
    public Outcome run(StepObserver observer) {
        for (long k = 0; ; k++) {
            loss = w.evaluate();
            gradNorm = Math.sqrt(w.directionNorm2());
            Outcome end = rule.diverged(loss, gradNorm) ? Outcome.DIVERGED
                    : rule.converged(loss, gradNorm) ? Outcome.CONVERGED
                    : k == maxSteps ? Outcome.MAX_STEPS : null;
            if (observer != null) observer.onStep(k, this, end != null);
            if (end != null) {
                endStep = k;
                return end;
            }
            w.step(h);
        }
    }

    /** The step at which the run ended. */
    public long endStep() { return endStep; }

    @Override public double loss() { return loss; }

    @Override public double gradNorm() { return gradNorm; }

    @Override public double xNorm2() { return w.xNorm2(); }

    @Override public double yNorm2() { return w.yNorm2(); }

    @Override public double balanceGap() { return w.balanceGap(); }

    @Override public void copyFactors(double[] x, double[] y) { w.getFactors(x, y); }

    /** n, m, d of the run. */
    public int[] shape() { return new int[] {n, m, d}; }
}
