package org.largelr.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.FactorizationProblem;
import org.largelr.api.Problem;

/**
 * The exact one-step law of the imbalance matrix {@code D = X^T X - Y^T Y} under GD with step h (derived here,
 * docs/paper.md section 3.3): with {@code R = A - X Y^T},
 *
 * <pre>
 *   X+^T X+ - Y+^T Y+ = X^T X - Y^T Y + h^2 (Y^T R^T R Y - X^T R R^T X).
 * </pre>
 *
 * The first-order terms cancel because {@code X^T (R Y) = (R^T X)^T Y}: gradient flow conserves D, and GD changes it
 * only by {@code O(h^2 ||R||^2)} per step. So only steps with a large residual move the imbalance.
 *
 * <p>{@link #replay} watches the engine's own run ({@link GradientDescent#observe}), so its iterates are those of
 * every run, and at every step evaluates both sides with R, RY and R^T X recomputed independently
 * (EJML), reporting the worst relative error. A sequential update (Y moved with the new X) would break the identity
 * at order h^2, so the check also guards the engine's "both from the old iterate".
 */
public final class MatrixImbalanceIdentity {
    private MatrixImbalanceIdentity() {}

    /**
     * What a replay found.
     *
     * @param steps            GD steps replayed (identity checked at each)
     * @param maxRelativeError worst {@code ||lhs - rhs||_F / scale} over the steps, where scale is the sum of the
     *                         Frobenius norms of the terms involved
     * @param worstStep        the step (0-based: the update from iterate k to k+1) of that worst error, -1 if none
     * @param end              the iterate after the last replayed step (null when the run overflowed: then
 *                         {@code steps} counts the finite steps that were checked)
     */
    public record Report(long steps, double maxRelativeError, long worstStep, Factors end) {}

    /** {@code X^T X - Y^T Y}. */
    public static DMatrixRMaj imbalance(Factors f) {
        int d = f.d();
        DMatrixRMaj out = new DMatrixRMaj(d, d), yy = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(f.x(), out);
        CommonOps_DDRM.multInner(f.y(), yy);
        CommonOps_DDRM.subtractEquals(out, yy);
        return out;
    }

    /** The right-hand side: the imbalance after one GD step of size h from {@code f}, predicted by the identity. */
    public static DMatrixRMaj predictedNext(DMatrixRMaj a, Factors f, double h) {
        return terms(a, f, h).predicted;
    }

    /** Replays the whole run (its {@code steps()} updates) from its start, checking the identity at every step. */
    public static Report of(GdResult run) {
        return of(run, Long.MAX_VALUE);
    }

    /** Replays at most {@code maxSteps} updates of the run. */
    public static Report of(GdResult run, long maxSteps) {
        if (run == null) throw new IllegalArgumentException("run must not be null");
        return replay(run.problem(), run.start(), run.h(), Math.min(run.steps(), maxSteps));
    }

    /** GD from {@code start} with step h for {@code steps} updates, the identity checked at each. */
    public static Report replay(Problem problem, Factors start, double h, long steps) {
        if (!(problem instanceof FactorizationProblem fp))
            throw new IllegalArgumentException("the matrix identity needs a FactorizationProblem, got " + problem);
        fp.requireShape(start);
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("h must be finite and > 0, got " + h);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        DMatrixRMaj a = fp.target();
        Factors[] previous = new Factors[1];
        double[] worst = {0, -1};   // error, step
        long[] checked = {0};
        // The engine's own run, watched step by step: every step of the budget, stopped only by overflow.
        GdResult run = GradientDescent.on(fp).from(start).h(h).maxSteps(steps).noTolerance()
                .divergenceBound(Double.MAX_VALUE).computeL(false).recordEvery(Integer.MAX_VALUE).threads(1)
                .observe(step -> {
                    if (!Double.isFinite(step.loss())) return;   // overflowed: only the finite steps are checked
                    Factors now = step.factors();
                    if (previous[0] != null) {
                        Terms t = terms(a, previous[0], h);
                        DMatrixRMaj diff = imbalance(now);
                        CommonOps_DDRM.subtractEquals(diff, t.predicted);
                        double scale = t.scale + NormOps_DDRM.normF(gram(now.x())) + NormOps_DDRM.normF(gram(now.y()));
                        double err = NormOps_DDRM.normF(diff) / Math.max(scale, Double.MIN_NORMAL);
                        if (err > worst[0] || worst[1] < 0) {
                            worst[0] = err;
                            worst[1] = step.k() - 1;
                        }
                        checked[0] = step.k();
                    }
                    previous[0] = now;
                }).run();
        boolean finished = run.outcome() != Outcome.DIVERGED;
        return new Report(checked[0], worst[0], (long) worst[1], finished ? run.end() : null);
    }

    private record Terms(DMatrixRMaj predicted, double scale) {}

    /** RHS of the identity with R, RY and R^T X computed from scratch, and the size of the terms. */
    private static Terms terms(DMatrixRMaj a, Factors f, double h) {
        int d = f.d();
        DMatrixRMaj r = a.copy();
        CommonOps_DDRM.multAddTransB(-1.0, f.x(), f.y(), r);            // R = A - X Y^T
        DMatrixRMaj ry = new DMatrixRMaj(f.x().numRows, d), rtx = new DMatrixRMaj(f.y().numRows, d);
        CommonOps_DDRM.mult(r, f.y(), ry);                               // R Y
        CommonOps_DDRM.multTransA(r, f.x(), rtx);                        // R^T X
        DMatrixRMaj up = new DMatrixRMaj(d, d), down = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(ry, up);                                // Y^T R^T R Y
        CommonOps_DDRM.multInner(rtx, down);                             // X^T R R^T X
        DMatrixRMaj predicted = imbalance(f);
        double scale = NormOps_DDRM.normF(gram(f.x())) + NormOps_DDRM.normF(gram(f.y()))
                + h * h * (NormOps_DDRM.normF(up) + NormOps_DDRM.normF(down));
        CommonOps_DDRM.addEquals(predicted, h * h, up);
        CommonOps_DDRM.addEquals(predicted, -h * h, down);
        return new Terms(predicted, scale);
    }

    private static DMatrixRMaj gram(DMatrixRMaj m) {
        DMatrixRMaj g = new DMatrixRMaj(m.numCols, m.numCols);
        CommonOps_DDRM.multInner(m, g);
        return g;
    }

}
