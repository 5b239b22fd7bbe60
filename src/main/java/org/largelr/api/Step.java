package org.largelr.api;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.largelr.core.StepObserver;

/**
 * One evaluated step of a run, as a {@link StepListener} sees it: the iterate {@code X_k, Y_k} before the step is
 * taken, its residual and metrics. Valid during the listener call only; {@link #factors()} and {@link #residual()}
 * return copies that may be kept.
 */
public final class Step {
    private final Problem problem;
    private long k;
    private StepObserver.Iterate at;
    private boolean last;

    Step(Problem problem) {
        this.problem = problem;
    }

    Step at(long k, StepObserver.Iterate at, boolean last) {
        this.k = k;
        this.at = at;
        this.last = last;
        return this;
    }

    /** The step index k (0 at the start). */
    public long k() { return k; }

    /** True at the step where the run ends. */
    public boolean last() { return last; }

    /** Loss at X_k, Y_k. */
    public double loss() { return at.loss(); }

    /** Gradient norm at X_k, Y_k. */
    public double gradNorm() { return at.gradNorm(); }

    /** {@code ||X_k||_F^2}. */
    public double xNorm2() { return at.xNorm2(); }

    /** {@code ||Y_k||_F^2}. */
    public double yNorm2() { return at.yNorm2(); }

    /** {@code ||X_k||_F^2 - ||Y_k||_F^2}. */
    public double imbalance() { return at.xNorm2() - at.yNorm2(); }

    /** {@code ||X_k^T X_k - Y_k^T Y_k||_F}. */
    public double balanceGap() { return at.balanceGap(); }

    /** A copy of {@code (X_k, Y_k)}. */
    public Factors factors() {
        int n = problem.rows(), m = problem.cols(), d = problem.d();
        double[] x = new double[n * d], y = new double[m * d];
        at.copyFactors(x, y);
        return new Factors(DMatrixRMaj.wrap(n, d, x), DMatrixRMaj.wrap(m, d, y));
    }

    /** The residual {@code A - X_k Y_k^T} (a new matrix). */
    public DMatrixRMaj residual() {
        DMatrixRMaj r = problem.target();
        Factors f = factors();
        CommonOps_DDRM.multAddTransB(-1, f.x(), f.y(), r);
        return r;
    }
}
