package org.largelr.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ejml.dense.row.SingularOps_DDRM;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The thresholds of one problem and start. Sources are kept apart as in docs/paper.md: "paper" for what the
 * paper states, "derived" for what follows from the stability of minima (digest, section A).
 */
public final class Theory {
    private final Problem problem;
    private final Factors start;
    private final double l;
    private final double sigmaMax;

    private Theory(Problem problem, Factors start) {
        problem.requireShape(start);
        this.problem = problem;
        this.start = start.copy();
        this.l = problem.sharpness(start);
        double[] sv = SingularOps_DDRM.singularValues(problem.target());
        double top = 0;
        for (double s : sv) top = Math.max(top, s);
        this.sigmaMax = top;
    }

    /** The thresholds of this problem at this start point. */
    public static Theory of(Problem problem, Factors start) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (start == null) throw new IllegalArgumentException("start must not be null");
        return new Theory(problem, start);
    }

    /** The thresholds of this problem at the point this recipe gives. */
    public static Theory of(Problem problem, org.largelr.api.Start start) {
        if (start == null) throw new IllegalArgumentException("start must not be null");
        return of(problem, start.create(problem));
    }

    /** L: top Hessian eigenvalue at the start. */
    public double L() { return l; }

    /** The classical step-size limit {@code 2/L}. */
    public double classicalLimit() { return classicalLimit(l); }

    /** {@code sigma_1(A)}, which is |mu| in the scalar case. */
    public double sigmaMax() { return sigmaMax; }

    /** True when A is 1x1 (the scalar and the over-parameterized scalar problems of the paper's section 3). */
    public boolean isScalarTarget() {
        return problem.rows() == 1 && problem.cols() == 1;
    }

    /** {@link #h0(double)} of this start for a 1x1 target (NaN otherwise). */
    public double h0() {
        if (!isScalarTarget()) return Double.NaN;
        return h0(start.xNorm2() + start.yNorm2());
    }

    /**
     * Sharpness of the flattest global minimum, {@code 2 sigma_1} (derived: at a minimum with X Y^T = A the
     * Hessian restricted to the top singular pair has eigenvalue ||x||^2 + ||y||^2 >= 2 sigma_1).
     */
    public double flattestMinimumSharpness() {
        return 2 * sigmaMax;
    }

    /** {@link #noStableMinimumAbove(double)} for this target. */
    public double noStableMinimumAbove() {
        return noStableMinimumAbove(sigmaMax);
    }

    /** Where step h lies for this problem and start. */
    public Regime regime(double h) {
        return regime(h, l, sigmaMax);
    }

    /** Balancing bound {@link #balanceBound(double, double)} for a 1x1 target (NaN otherwise). */
    public double scalarBalanceBound(double h) {
        if (!isScalarTarget()) return Double.NaN;
        return balanceBound(h, problem.target().get(0, 0));
    }

    // ---- The formulas, each once. Everything else (sweeps, verdicts, charts) calls these. ----

    /** Relative slack of the stability checks, as a fraction of {@code 2/h}: room for rounding at the limit. */
    public static final double SLACK = 1e-6;

    /** The classical limit {@code 2/L}: below it, GD with L-smooth loss decreases the loss every step. */
    public static double classicalLimit(double l) {
        return 2 / l;
    }

    /**
     * The largest step of the paper's scalar experiment, {@code h0 = 4 / (||x0||^2 + ||y0||^2 + 8)}, given
     * {@code startNormSum = ||x0||^2 + ||y0||^2}. The paper says its steps lie within Theorem 3.1's range; whether
     * h0 is that range's endpoint could not be read (docs/paper.md, correction 1), so it is the experiment's
     * largest step, not an edge of the theorem.
     */
    public static double h0(double startNormSum) {
        return 4 / (startNormSum + 8);
    }

    /** Above {@code 1/sigma_1} no global minimum is linearly stable, so GD cannot converge (derived). */
    public static double noStableMinimumAbove(double sigma1) {
        return 1 / sigma1;
    }

    /** Bound on the sharpness of a limit reached with step h: {@code 2/h} (derived, stability of minima). */
    public static double sharpnessBound(double h) {
        return 2 / h;
    }

    /**
     * Balancing bound for a 1x1 target mu: {@code ||x - y||^2 <= 2/h - 2 mu} at the limit (derived from
     * {@code ||x||^2 + ||y||^2 <= 2/h} and {@code x^T y = mu}).
     */
    public static double balanceBound(double h, double mu) {
        return 2 / h - 2 * mu;
    }

    /** The rounding room added to a bound of step h before it is checked: {@link #SLACK} of {@code 2/h}. */
    public static double slack(double h) {
        return SLACK * (2 / h);
    }

    /** Where h lies: at most {@code 2/L}, beyond it up to {@code 1/sigma_1}, or where no minimum is stable. */
    public static Regime regime(double h, double l, double sigma1) {
        if (h <= classicalLimit(l)) return Regime.CLASSICAL;
        return h <= noStableMinimumAbove(sigma1) ? Regime.BEYOND_2_OVER_L : Regime.NO_STABLE_MINIMUM;
    }

    /** The regimes of {@link #regime(double, double, double)}. */
    public enum Regime {
        /** {@code h <= 2/L}: the classical analysis applies. */
        CLASSICAL,
        /** {@code 2/L < h <= 1/sigma_1}: beyond the classical limit, a flat enough minimum is still stable. */
        BEYOND_2_OVER_L,
        /** {@code h > 1/sigma_1}: above the flattest minimum's limit, no minimum is stable. */
        NO_STABLE_MINIMUM
    }

    /** One row per threshold, with its source. */
    public Table thresholds() {
        StringColumn name = StringColumn.create("quantity"), source = StringColumn.create("source");
        DoubleColumn value = DoubleColumn.create("value");
        add(name, value, source, "L (top Hessian eigenvalue at start)", l, "definition");
        add(name, value, source, "2/L (classical limit)", classicalLimit(), "classical");
        if (isScalarTarget()) add(name, value, source, "h0 = 4/(|x0|^2+|y0|^2+8)", h0(),
                "paper: largest step of the scalar experiment, inside Thm 3.1's range");
        add(name, value, source, "1/sigma_1 (no stable minimum above)", noStableMinimumAbove(), "derived");
        add(name, value, source, "2 sigma_1 (flattest minimum's sharpness)", flattestMinimumSharpness(), "derived");
        return Tables.readable(Table.create("thresholds", name, value, source));
    }

    private static void add(StringColumn n, DoubleColumn v, StringColumn s, String name, double value, String src) {
        n.append(name);
        v.append(value);
        s.append(src);
    }

    /**
     * The settled conclusions for a finished run (digest section A): converged, the limit is a global minimum
     * within {@code lossTolerance}, its sharpness is at most {@code 2/h} (within relative {@code 1e-6}), and for a
     * 1x1 target the balancing bound. Hypotheses of specific theorems are added by the caller with
     * {@link Verdict#with}.
     */
    public static Verdict verdict(GdResult run, double lossTolerance) {
        Problem p = run.problem();
        double h = run.h();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.that("run converged", run.outcome() == Outcome.CONVERGED));
        checks.add(Check.conclusion("limit is a global minimum: loss - min loss <= tol",
                run.finalLoss() - p.minimumLoss(), "<=", lossTolerance));
        Factors end = run.end();
        double sharp = end == null ? Double.NaN : p.sharpness(end);
        checks.add(Check.conclusion("sharpness(limit) <= 2/h (stability, derived)", sharp, "<=",
                sharpnessBound(h) + slack(h)));
        if (p.rows() == 1 && p.cols() == 1 && end != null) {
            double diff2 = 0;
            for (int k = 0; k < end.d(); k++) {
                double dxy = end.x().data[k] - end.y().data[k];
                diff2 += dxy * dxy;
            }
            double mu = p.target().get(0, 0);
            checks.add(Check.conclusion("balancing: ||x - y||^2 <= 2/h - 2 mu (derived)", diff2, "<=",
                    balanceBound(h, mu) + slack(h)));
        }
        String instance = String.format(Locale.ROOT, "%s, h=%.6g, seed %d", p, h, run.seed());
        return new Verdict(instance, checks);
    }

    // ---- Phase plane, d = 1 (notebooks 06, 07; derived here, docs/mechanism.md sections 1 and 5) ----

    /**
     * Where gradient flow {@code x' = r y, y' = r x} ({@code r = mu - x y}) from {@code (x0, y0)} ends: on the
     * hyperbola {@code x y = mu} with the conserved {@code D = x^2 - y^2}, so
     * {@code x^2 = (D + sqrt(D^2 + 4 mu^2)) / 2}, {@code y^2 = (-D + sqrt(D^2 + 4 mu^2)) / 2}. The larger factor
     * keeps its sign (it never passes 0); the other takes the sign that makes {@code x y = mu}.
     *
     * @throws IllegalArgumentException for mu = 0, a non-finite start, or a start on the saddle's stable line
     *         ({@code D = 0} and {@code mu x0 y0 <= 0}), which flows into {@code (0, 0)}
     */
    public static Factors gradientFlowLimit(double mu, double x0, double y0) {
        double d = flowImbalance(mu, x0, y0);
        double root = Math.hypot(d, 2 * mu);
        double ax = Math.sqrt((d + root) / 2), ay = Math.sqrt((root - d) / 2);
        double sx, sy;
        if (d >= 0) {
            sx = Math.signum(x0);
            sy = sx * Math.signum(mu);
        } else {
            sy = Math.signum(y0);
            sx = sy * Math.signum(mu);
        }
        return Factors.scalar(sx * ax, sy * ay);
    }

    /**
     * {@code I = integral_0^inf r(t)^2 dt} along the gradient flow from {@code (x0, y0)}. Along the flow
     * {@code r' = -r S} with {@code S = x^2 + y^2 = sqrt(D^2 + 4 (x y)^2)}, so with {@code u = x y}:
     * {@code I = [ (mu/2) asinh(2u/|D|) - sqrt(D^2 + 4u^2)/4 ]} from {@code u = x0 y0} to {@code mu}
     * ({@code (mu/2) ln(mu/u0) - (mu - u0)/2} when {@code D = 0}). Same argument checks as
     * {@link #gradientFlowLimit}.
     */
    public static double gradientFlowResidualIntegral(double mu, double x0, double y0) {
        double d = Math.abs(flowImbalance(mu, x0, y0)), u0 = x0 * y0;
        if (d == 0) return mu / 2 * Math.log(mu / u0) - (mu - u0) / 2;
        return mu / 2 * (asinh(2 * mu / d) - asinh(2 * u0 / d)) - (Math.hypot(d, 2 * mu) - Math.hypot(d, 2 * u0)) / 4;
    }

    /**
     * The first-order constant {@code C} of {@code |GD limit(h) - gradient-flow limit| = C h + O(h^2)} for a small
     * step. GD multiplies {@code D} by {@code 1 - h^2 r_k^2} each step, so over a run that follows the flow
     * {@code D_inf = D0 (1 - h I + O(h^2))} ({@link #gradientFlowResidualIntegral}); the limit is the hyperbola's
     * point of that {@code D}, hence {@code C = |D0| I |dP/dD|} with {@code P(D)} the point of
     * {@link #gradientFlowLimit}: {@code dx/dD = (1 + D/R) / (4x)}, {@code dy/dD = (D/R - 1) / (4y)},
     * {@code R = sqrt(D^2 + 4 mu^2)}.
     */
    public static double smallStepLimitShift(double mu, double x0, double y0) {
        double d = flowImbalance(mu, x0, y0);
        if (d == 0) return 0;   // D stays 0 exactly: GD and the flow both end at (+-sqrt(mu), +-sqrt(mu))
        Factors p = gradientFlowLimit(mu, x0, y0);
        double x = p.x().data[0], y = p.y().data[0], root = Math.hypot(d, 2 * mu);
        double dx = (1 + d / root) / (4 * x), dy = (d / root - 1) / (4 * y);
        return Math.abs(d) * gradientFlowResidualIntegral(mu, x0, y0) * Math.hypot(dx, dy);
    }

    /** {@code x0^2 - y0^2}, after checking that the flow from {@code (x0, y0)} reaches the hyperbola. */
    private static double flowImbalance(double mu, double x0, double y0) {
        if (!Double.isFinite(mu) || mu == 0) throw new IllegalArgumentException("mu must be finite and != 0, got " + mu);
        if (!Double.isFinite(x0) || !Double.isFinite(y0))
            throw new IllegalArgumentException("start (x0, y0) must be finite, got (" + x0 + ", " + y0 + ")");
        double d = x0 * x0 - y0 * y0;
        if (d == 0 && mu * x0 * y0 <= 0)
            throw new IllegalArgumentException("start (" + x0 + ", " + y0 + ") has x0^2 = y0^2 and mu x0 y0 <= 0: "
                    + "the flow from it ends at the saddle (0, 0), not on x y = mu");
        return d;
    }

    /** asinh, odd by construction so that large negative arguments lose no digits. */
    private static double asinh(double v) {
        double a = Math.abs(v);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), v);
    }

    // ---- The mechanism past the converging range and the rank-one case (notebooks 08, 09; docs/mechanism.md
    // sections 2-4, 6 and 7). All derived here; each formula once, each unit-tested against an independent computation. ----

    /**
     * The 2-cycle {p, q} (p < q) of GD on the balanced line x = y, the map {@code x -> x + h x (mu - x^2)}:
     * {@code p, q = (sqrt(mu + 3/h) -+ sqrt(mu - 1/h)) / 2}, from {@code p q = 1/h} and {@code p^2 + q^2 = mu + 1/h}
     * (derived). It exists for {@code h >= 1/mu}, where it branches off the fixed point sqrt(mu).
     */
    public static double[] balancedTwoCycle(double h, double mu) {
        requireBalancedLine(h, mu);
        if (h * mu < 1)
            throw new IllegalArgumentException("h must be >= 1/mu = " + 1 / mu + " for the 2-cycle to exist, got h = " + h);
        double a = Math.sqrt(mu + 3 / h), b = Math.sqrt(mu - 1 / h);
        return new double[] {(a - b) / 2, (a + b) / 2};
    }

    /**
     * The multiplier {@code g'(p) g'(q) = 9 - 2 (1 + h mu)^2} of the balanced 2-cycle along the line (derived):
     * 1 at its birth {@code h mu = 1}, -1 where period 4 is born ({@link #periodFourBirth}).
     */
    public static double twoCycleMultiplier(double h, double mu) {
        requireBalancedLine(h, mu);
        double s = 1 + h * mu;
        return 9 - 2 * s * s;
    }

    /** Where the balanced 2-cycle's multiplier reaches -1 and period 4 is born: {@code h = (sqrt 5 - 1)/mu} (derived). */
    public static double periodFourBirth(double mu) {
        requireBalancedLine(1, mu);
        return (Math.sqrt(5) - 1) / mu;
    }

    /**
     * The factor {@code (1 - h r_p)(1 - h r_q) = 3 - 2 h mu} by which one period of the balanced 2-cycle multiplies
     * a small {@code x - y} (derived: {@code x - y} is multiplied by {@code 1 - h r} every step, and on the cycle
     * {@code h r_p + h r_q = h mu - 1}, {@code h^2 r_p r_q = 1 - h mu}). Below 1 in size for {@code 1 < h mu < 2}: the
     * cycle attracts off the line, so the imbalance dies.
     */
    public static double twoCycleImbalanceFactor(double h, double mu) {
        requireBalancedLine(h, mu);
        return 3 - 2 * h * mu;
    }

    /**
     * The balanced line's escape radius {@code sqrt(mu + 2/h)}: the sign-alternating 2-cycle {p, -p}. For
     * {@code h <= 2/mu} the map sends {@code [-p, p]} into itself (at {@code h = 2/mu} its maximum touches p); past
     * {@code 2/mu} almost every orbit leaves it and diverges (derived).
     */
    public static double balancedEscapeRadius(double h, double mu) {
        requireBalancedLine(h, mu);
        return Math.sqrt(mu + 2 / h);
    }

    /**
     * At the critical step {@code h = 1/mu} the residual on the balanced line decays like
     * {@code |r_k| ~ mu / (2 sqrt k)} (derived: two steps give {@code e'' = e - 16 e^3 + O(e^4)} for
     * {@code x = sqrt(mu)(1 + e)}).
     */
    public static double criticalResidual(long k, double mu) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        requireBalancedLine(1, mu);
        return mu / (2 * Math.sqrt(k));
    }

    /**
     * Rank one ({@code d = 1}): at a limit {@code x y^T = sigma_1 u_1 v_1^T} reached with step h,
     * {@code (||x|| - ||y||)^2 = ||x||^2 + ||y||^2 - 2 sigma_1 <= 2/h - 2 sigma_1} (derived: the sharpness there is
     * {@code ||x||^2 + ||y||^2 <= 2/h}). The same expression as {@link #balanceBound} with mu replaced by sigma_1; the
     * left side is the gap of the norms, not {@code ||x - y||}.
     */
    public static double rankOneBalanceBound(double h, double sigma1) {
        return balanceBound(h, sigma1);
    }

    /**
     * The largest {@code ||X||_2^2} (and {@code ||Y||_2^2}) a global minimum stable at step h can have:
     * {@code 1/h + sqrt(1/h^2 - sigma_1^2)}. At an exact-fit minimum the sharpness is at least
     * {@code ||X||_2^2 + ||Y||_2^2} (test direction along the top singular pairs of X and Y), which must be at most
     * {@code 2/h}, while {@code ||X||_2 ||Y||_2 >= ||X Y^T||_2 = sigma_1}; the largest root of the pair is this (derived).
     * It falls to {@code sigma_1} at {@code h = 1/sigma_1}; every eigenvalue of {@code X^T X - Y^T Y} lies in
     * {@code [-||Y||_2^2, ||X||_2^2]}, so within plus or minus this value.
     */
    public static double largestStableFactorNorm2(double h, double sigma1) {
        requireStableStep(h, sigma1);
        return 1 / h + Math.sqrt(Math.max(0, 1 / (h * h) - sigma1 * sigma1));
    }

    /**
     * Per singular direction i of A, at a global minimum fitting directions 1..i (exact fit, or {@code i <= d}):
     * {@code |a_i^2 - b_i^2| <= min(2 sqrt(1/h^2 - sigma_i^2), m - sigma_i^2 / m)}, with {@code a_i = ||X^T u_i||},
     * {@code b_i = ||Y^T v_i||} and {@code m = }{@link #largestStableFactorNorm2}. Derived from the test directions
     * {@code (u_i p^T, v_j q^T)}, which give sharpness {@code >= a_i^2 + b_j^2} for every pair i, j, together with
     * {@code a_i b_i >= sigma_i}: the first term squeezes only directions with {@code sigma_i} near {@code 1/h}; the
     * second holds every direction under {@code m}, which tends to {@code sigma_1} as {@code h -> 1/sigma_1}.
     */
    public static double directionImbalanceBound(double h, double sigmaI, double sigma1) {
        requireStableStep(h, sigma1);
        if (!(sigmaI >= 0) || !(sigmaI <= sigma1))
            throw new IllegalArgumentException("sigma_i must be in [0, sigma_1 = " + sigma1 + "], got " + sigmaI);
        double m = largestStableFactorNorm2(h, sigma1);
        return Math.min(2 * Math.sqrt(Math.max(0, 1 / (h * h) - sigmaI * sigmaI)), m - sigmaI * sigmaI / m);
    }

    private static void requireStableStep(double h, double sigma1) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("h must be finite and > 0, got " + h);
        if (!(sigma1 > 0) || !Double.isFinite(sigma1))
            throw new IllegalArgumentException("sigma_1 must be finite and > 0, got " + sigma1);
        if (h * sigma1 > 1)
            throw new IllegalArgumentException("h must be <= 1/sigma_1 = " + 1 / sigma1
                    + " (no minimum is stable above it), got h = " + h);
    }

    private static void requireBalancedLine(double h, double mu) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("h must be finite and > 0, got " + h);
        if (!(mu > 0) || !Double.isFinite(mu)) throw new IllegalArgumentException("mu must be finite and > 0, got " + mu);
    }
}
