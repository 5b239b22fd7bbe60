package org.largelr.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.ejml.data.DMatrixRMaj;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Check;
import org.largelr.api.Verdict;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * GD on the (over-parameterized) scalar problem {@code 1/2 (mu - x y^T)^2}, {@code x, y in R^{1 x d}}, replayed
 * with every iterate kept, and the two exact one-step identities behind Figure 3 evaluated at every step.
 *
 * <p>With {@code r_k = x_k y_k^T - mu}, {@code S_k = ||x_k||^2 + ||y_k||^2}, {@code D_k = ||x_k||^2 - ||y_k||^2}
 * and the GD step {@code x+ = x - h r y, y+ = y - h r x}:
 * <ul>
 *   <li>{@code r_{k+1} = s_k r_k} with {@code s_k = 1 - h S_k + h^2 r_k (x_k y_k^T)} — the form
 *       {@code r_{k+1} = s_k r_k} is the paper's (Figure 3's caption); the formula for {@code s_k} is derived
 *       here by expanding {@code (x - h r y)(y - h r x)^T};</li>
 *   <li>{@code D_{k+1} = (1 - h^2 r_k^2) D_k} (derived here: the cross terms {@code -2 h r x y^T} cancel in the
 *       difference of the two squared norms).</li>
 * </ul>
 *
 * <p>The iterates are the engine's own, seen through {@link GradientDescent#observe}: the run stops on its loss
 * tolerance, the default divergence bound or the step budget, and every iterate is kept.
 *
 * <p>Identity errors are measured relative to the size of the terms that are subtracted, not to the (possibly
 * tiny) result: {@code r} and {@code D} are differences of large numbers ({@code x y^T - mu},
 * {@code ||x||^2 - ||y||^2}), so near a balanced minimum their own size says nothing about rounding.
 * <pre>
 * residual_identity_error  = |r_{k+1} - s_k r_k| / (|mu| + ||x_{k+1}|| ||y_{k+1}|| + |s_k| (|mu| + ||x_k|| ||y_k||))
 * imbalance_identity_error = |D_{k+1} - (1 - h^2 r_k^2) D_k| / (S_{k+1} + |1 - h^2 r_k^2| S_k)
 * </pre>
 *
 * <p>Table columns (stable API): {@code step, x_norm2, y_norm2, xy, r, abs_r, S, D, s_k, abs_s_k, balance_factor,
 * r_next, D_next, residual_identity_error, imbalance_identity_error}; the last row (no next iterate) has missing (empty) cells in
 * {@code r_next, D_next} and both error columns.
 */
public final class ResidualContraction {
    /** Column names of {@link #table()}. */
    public static final String STEP = "step", X_NORM2 = "x_norm2", Y_NORM2 = "y_norm2", XY = "xy", R = "r",
            ABS_R = "abs_r", S = "S", D = "D", FACTOR = "s_k", ABS_FACTOR = "abs_s_k", BALANCE_FACTOR = "balance_factor",
            R_NEXT = "r_next", D_NEXT = "D_next", RESIDUAL_ERROR = "residual_identity_error",
            IMBALANCE_ERROR = "imbalance_identity_error";

    private final String instance;
    private final double mu, h;
    private final int d;
    private final Outcome outcome;
    private final double[][] xs, ys;
    private final double[] xy, xNorm2, yNorm2;

    private ResidualContraction(String instance, double mu, double h, int d, Outcome outcome, List<double[]> xs,
                                List<double[]> ys) {
        this.instance = instance;
        this.mu = mu;
        this.h = h;
        this.d = d;
        this.outcome = outcome;
        this.xs = xs.toArray(new double[0][]);
        this.ys = ys.toArray(new double[0][]);
        int n = this.xs.length;
        xy = new double[n];
        xNorm2 = new double[n];
        yNorm2 = new double[n];
        for (int k = 0; k < n; k++) {
            double p = 0, a = 0, b = 0;
            for (int i = 0; i < d; i++) {
                double xi = this.xs[k][i], yi = this.ys[k][i];
                p += xi * yi;
                a += xi * xi;
                b += yi * yi;
            }
            xy[k] = p;
            xNorm2[k] = a;
            yNorm2[k] = b;
        }
    }

    /** Replays GD from a start recipe; see {@link #replay(Problem, Factors, double, long, double)}. */
    public static ResidualContraction replay(Problem problem, Start start, double h, long maxSteps,
                                             double lossTolerance) {
        if (start == null) throw new IllegalArgumentException("start must not be null");
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        return replay(problem, start.create(problem), h, maxSteps, lossTolerance, start.describe());
    }

    /**
     * Replays GD with step h from {@code start} for at most {@code maxSteps} steps, stopping like
     * {@link org.largelr.api.GradientDescent}: CONVERGED once {@code loss <= lossTolerance} (0: off), DIVERGED once the
     * loss is non-finite or above the default divergence bound. The problem's target must be 1x1 (mu).
     */
    public static ResidualContraction replay(Problem problem, Factors start, double h, long maxSteps,
                                             double lossTolerance) {
        return replay(problem, start, h, maxSteps, lossTolerance, "given start");
    }

    private static ResidualContraction replay(Problem problem, Factors start, double h, long maxSteps,
                                              double lossTolerance, String startName) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (problem.rows() != 1 || problem.cols() != 1)
            throw new IllegalArgumentException("the residual identities are for a 1x1 target (mu); got a "
                    + problem.rows() + "x" + problem.cols() + " target");
        problem.requireShape(start);
        if (maxSteps > 2_000_000)
            throw new IllegalArgumentException("replay keeps every iterate: maxSteps must be <= 2,000,000, got "
                    + maxSteps);
        double mu = problem.target().get(0, 0);
        int d = problem.d();
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        // The engine's own run, every iterate kept as the observer sees it (an overflowed one is not kept).
        GdResult run = GradientDescent.on(problem).from(start).h(h).maxSteps(maxSteps).lossTolerance(lossTolerance)
                .gradTolerance(0).computeL(false).recordEvery(Integer.MAX_VALUE).threads(1)
                .observe(step -> {
                    if (!Double.isFinite(step.loss())) return;
                    Factors f = step.factors();
                    xs.add(f.x().data);
                    ys.add(f.y().data);
                }).run();
        Outcome outcome = run.outcome();
        String instance = String.format(Locale.ROOT, "mu=%s, d=%d, %s, h=%.6g", fmt(mu), d, startName, h);
        return new ResidualContraction(instance, mu, h, d, outcome, xs, ys);
    }


    /** How the replay ended (same rule as GradientDescent). */
    public Outcome outcome() { return outcome; }

    /** Index of the last kept iterate: the number of GD steps taken. */
    public int steps() { return xs.length - 1; }

    /** Number of kept iterates ({@code steps() + 1}). */
    public int size() { return xs.length; }

    /** The learning rate h. */
    public double h() { return h; }

    /** The target mu. */
    public double mu() { return mu; }

    /** d: the length of x and y. */
    public int d() { return d; }

    /** A short description of the instance (mu, d, start, h), used in verdicts. */
    public String instance() { return instance; }

    /** The k-th iterate as 1 x d matrices. */
    public Factors iterate(int k) {
        Objects.checkIndex(k, xs.length);
        return new Factors(new DMatrixRMaj(1, d, true, xs[k].clone()), new DMatrixRMaj(1, d, true, ys[k].clone()));
    }

    /** The last kept iterate. */
    public Factors last() { return iterate(xs.length - 1); }

    /** {@code r_k = x_k y_k^T - mu}. */
    public double residual(int k) { return xy[k] - mu; }

    /** {@code S_k = ||x_k||^2 + ||y_k||^2}. */
    public double normSum(int k) { return xNorm2[k] + yNorm2[k]; }

    /** {@code D_k = ||x_k||^2 - ||y_k||^2}. */
    public double imbalance(int k) { return xNorm2[k] - yNorm2[k]; }

    /** The residual factor {@code s_k = 1 - h S_k + h^2 r_k (x_k y_k^T)}. */
    public double factor(int k) {
        double r = residual(k);
        return 1 - h * normSum(k) + h * h * r * xy[k];
    }

    /** The imbalance factor {@code 1 - h^2 r_k^2}. */
    public double balanceFactor(int k) {
        double r = residual(k);
        return 1 - h * h * r * r;
    }

    /** Scaled error of {@code r_{k+1} = s_k r_k} at step k (see the class comment); NaN on the last iterate. */
    public double residualIdentityError(int k) {
        if (k + 1 >= xs.length) return Double.NaN;
        double s = factor(k);
        double scale = Math.abs(mu) + Math.sqrt(xNorm2[k + 1] * yNorm2[k + 1])
                + Math.abs(s) * (Math.abs(mu) + Math.sqrt(xNorm2[k] * yNorm2[k]));
        return Math.abs(residual(k + 1) - s * residual(k)) / scale;
    }

    /** Scaled error of {@code D_{k+1} = (1 - h^2 r_k^2) D_k} at step k; NaN on the last iterate. */
    public double imbalanceIdentityError(int k) {
        if (k + 1 >= xs.length) return Double.NaN;
        double f = balanceFactor(k);
        double scale = normSum(k + 1) + Math.abs(f) * normSum(k);
        return Math.abs(imbalance(k + 1) - f * imbalance(k)) / scale;
    }

    /** Largest {@link #residualIdentityError(int)} over the run (0 for a run of no step). */
    public double maxResidualIdentityError() {
        double m = 0;
        for (int k = 0; k + 1 < xs.length; k++) m = Math.max(m, residualIdentityError(k));
        return m;
    }

    /** Largest {@link #imbalanceIdentityError(int)} over the run (0 for a run of no step). */
    public double maxImbalanceIdentityError() {
        double m = 0;
        for (int k = 0; k + 1 < xs.length; k++) m = Math.max(m, imbalanceIdentityError(k));
        return m;
    }

    /** {@code D_last / D_0}: 1 means no balancing at all, 0 perfect balance. */
    public double imbalanceRatio() {
        return imbalance(xs.length - 1) / imbalance(0);
    }

    /**
     * {@code prod (1 - h^2 r_k^2)} over the steps {@code k < steps()} with {@code h |r_k| >= minScaledResidual}.
     * With 0 this is {@code D_last / D_0} (by the imbalance identity); with e.g. 0.1 it is the part of the balancing
     * done by the steps whose residual is large on the scale of the step, {@code |r_k| >= 0.1 / h}.
     */
    public double balanceProduct(double minScaledResidual) {
        double p = 1;
        for (int k = 0; k + 1 < xs.length; k++)
            if (h * Math.abs(residual(k)) >= minScaledResidual) p *= balanceFactor(k);
        return p;
    }

    /** Number of steps {@code k < steps()} with {@code h |r_k| >= minScaledResidual}. */
    public int stepsWithScaledResidualAtLeast(double minScaledResidual) {
        int n = 0;
        for (int k = 0; k + 1 < xs.length; k++) if (h * Math.abs(residual(k)) >= minScaledResidual) n++;
        return n;
    }

    /**
     * The identities as checks (derived here), each at most {@code identityTolerance}; when the run CONVERGED,
     * also the stability bounds on the limit (derived): {@code S <= 2/h} and {@code ||x - y||^2 <= 2/h - 2 mu},
     * each with relative slack {@code 1e-6} of {@code 2/h}.
     */
    public Verdict verdict(double identityTolerance) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.conclusion("r_{k+1} = s_k r_k at every step: max scaled error (derived)",
                maxResidualIdentityError(), "<=", identityTolerance));
        checks.add(Check.conclusion("D_{k+1} = (1 - h^2 r_k^2) D_k at every step: max scaled error (derived)",
                maxImbalanceIdentityError(), "<=", identityTolerance));
        if (outcome == Outcome.CONVERGED) checks.addAll(Claims.scalarStability(h, mu, last()));
        return new Verdict(instance + " [" + outcome + " after " + steps() + " steps]", checks);
    }

    /** One row per kept iterate; see the class comment for the columns. */
    public Table table() {
        int n = xs.length;
        long[] step = new long[n];
        double[] r = new double[n], absR = new double[n], sum = new double[n], imb = new double[n],
                s = new double[n], absS = new double[n], bal = new double[n], rNext = new double[n],
                dNext = new double[n], eR = new double[n], eD = new double[n];
        for (int k = 0; k < n; k++) {
            step[k] = k;
            r[k] = residual(k);
            absR[k] = Math.abs(r[k]);
            sum[k] = normSum(k);
            imb[k] = imbalance(k);
            s[k] = factor(k);
            absS[k] = Math.abs(s[k]);
            bal[k] = balanceFactor(k);
            rNext[k] = k + 1 < n ? residual(k + 1) : Double.NaN;
            dNext[k] = k + 1 < n ? imbalance(k + 1) : Double.NaN;
            eR[k] = residualIdentityError(k);
            eD[k] = imbalanceIdentityError(k);
        }
        return Tables.readable(Table.create(String.format(Locale.ROOT, "residual contraction h=%.4g", h),
                LongColumn.create(STEP, step),
                DoubleColumn.create(X_NORM2, xNorm2.clone()),
                DoubleColumn.create(Y_NORM2, yNorm2.clone()),
                DoubleColumn.create(XY, xy.clone()),
                DoubleColumn.create(R, r),
                DoubleColumn.create(ABS_R, absR),
                DoubleColumn.create(S, sum),
                DoubleColumn.create(D, imb),
                DoubleColumn.create(FACTOR, s),
                DoubleColumn.create(ABS_FACTOR, absS),
                DoubleColumn.create(BALANCE_FACTOR, bal),
                DoubleColumn.create(R_NEXT, rNext),
                DoubleColumn.create(D_NEXT, dNext),
                DoubleColumn.create(RESIDUAL_ERROR, eR),
                DoubleColumn.create(IMBALANCE_ERROR, eD)));
    }

    /** The first {@code rows} rows of {@link #table()} with the columns that tell the story. */
    public Table head(int rows) {
        Table t = table().selectColumns(STEP, X_NORM2, Y_NORM2, R, S, D, FACTOR, BALANCE_FACTOR, R_NEXT, D_NEXT);
        return t.first(Math.min(rows, t.rowCount()));
    }

    @Override
    public String toString() {
        return "ResidualContraction[" + instance + ", " + outcome + " after " + steps() + " steps, D_last/D_0="
                + fmt(imbalanceRatio()) + "]";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
