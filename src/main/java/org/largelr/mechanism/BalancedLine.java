package org.largelr.mechanism;

import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.ScalarProblem;
import org.largelr.api.Start;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * GD on the balanced line {@code x = y} of {@code 1/2 (mu - x y)^2}, where it is the map
 * {@code x -> x + h x (mu - x^2)}: orbits, their periods and where a period is born, all read from the library's
 * own runs from {@code (x0, x0)} (a {@link org.largelr.api.StepListener} collects {@code x_k}).
 *
 * <pre>{@code
 * var line = BalancedLine.of(1);
 * double[] tail = line.orbit(1.1, 0.9, 2000, 8);      // the 2-cycle, twice over
 * int p = BalancedLine.period(tail, 64, 1e-9);          // 2
 * }</pre>
 */
public final class BalancedLine {
    /** Record the trajectory this rarely: the orbit is read by the listener, the recorder only keeps the ends. */
    private static final int RECORD_EVERY = 1 << 20;

    private final ScalarProblem problem;

    private BalancedLine(double mu) {
        this.problem = Problem.scalar(mu);
    }

    /** The balanced line of the scalar problem with target mu (finite, > 0). */
    public static BalancedLine of(double mu) {
        if (!(mu > 0) || !Double.isFinite(mu)) throw new IllegalArgumentException("mu must be finite and > 0, got " + mu);
        return new BalancedLine(mu);
    }

    /** The target mu. */
    public double mu() { return problem.mu(); }

    /** The scalar problem whose balanced line this is. */
    public ScalarProblem problem() { return problem; }

    /** The library run from {@code (x0, x0)} with step h taking every step of its budget (no stop on a minimum). */
    public GradientDescent run(double h, double x0) {
        return GradientDescent.on(problem).from(Start.scalar(x0, x0)).h(h).noTolerance().recordEvery(RECORD_EVERY);
    }

    /**
     * {@code x_k} for {@code k} in {@code [skip, skip + keep)} of the run from {@code (x0, x0)}. Throws when the run
     * leaves the line or diverges before the last kept step, naming the step.
     */
    public double[] orbit(double h, double x0, int skip, int keep) {
        if (skip < 0) throw new IllegalArgumentException("skip must be >= 0, got " + skip);
        if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        double[] out = new double[keep];
        long[] seen = {0};
        var result = run(h, x0).computeL(false).maxSteps((long) skip + keep - 1).observe(step -> {
            if (step.k() < skip) return;
            double[] x = step.factors().x().data, y = step.factors().y().data;
            if (x[0] != y[0])
                throw new IllegalStateException("the run from (" + x0 + ", " + x0 + ") left the line x = y at step " + step.k());
            out[(int) (step.k() - skip)] = x[0];
            seen[0]++;
        }).run();
        if (seen[0] < keep)
            throw new IllegalStateException("the run from (" + x0 + ", " + x0 + ") with h = " + h + " ended as "
                    + result.outcome() + " at step " + result.steps() + ", before step " + (skip + keep - 1));
        return out;
    }

    /**
     * The smallest {@code p <= maxPeriod} with {@code |x_{k+p} - x_k| <= tol} along the whole tail; 0 when there is
     * none (chaos, a longer period, or an orbit still settling). The tail must hold at least {@code 2 maxPeriod}
     * values, so that every candidate period is seen at least twice.
     */
    public static int period(double[] tail, int maxPeriod, double tol) {
        if (maxPeriod < 1) throw new IllegalArgumentException("maxPeriod must be >= 1, got " + maxPeriod);
        if (tail == null || tail.length < 2 * maxPeriod)
            throw new IllegalArgumentException("tail must hold at least 2 maxPeriod = " + 2 * maxPeriod + " values");
        if (!(tol >= 0)) throw new IllegalArgumentException("tol must be >= 0, got " + tol);
        for (int p = 1; p <= maxPeriod; p++) {
            boolean repeats = true;
            for (int k = 0; k + p < tail.length && repeats; k++) repeats = Math.abs(tail[k + p] - tail[k]) <= tol;
            if (repeats) return p;
        }
        return 0;
    }

    /**
     * The bifurcation diagram: for each h, the {@code keep} values {@code x_k} after {@code skip} steps from
     * {@code (x0, x0)}, one row each, with the period {@link #period} finds (tolerance 1e-9). Columns
     * {@code h, x, period}.
     */
    public Table diagram(Grid h, double x0, int skip, int keep, int maxPeriod) {
        if (h == null) throw new IllegalArgumentException("h must not be null");
        DoubleColumn hs = DoubleColumn.create("h"), xs = DoubleColumn.create("x");
        IntColumn periods = IntColumn.create("period");
        for (double step : h.values()) {
            double[] tail = orbit(step, x0, skip, keep);
            int p = period(tail, maxPeriod, 1e-9);
            for (double x : tail) {
                hs.append(step);
                xs.append(x);
                periods.append(p);
            }
        }
        return Table.create("balanced-line orbits", hs, xs, periods);
    }

    /**
     * The splitting of period p at step h: {@code max |x_{k+p} - x_k|} over {@code 4p} steps after {@code skip}. Zero
     * (to rounding) on a p-cycle; past the birth of period 2p it grows like {@code sqrt(h - h*)}.
     */
    public double splitting(int p, double h, double x0, int skip) {
        if (p < 1) throw new IllegalArgumentException("p must be >= 1, got " + p);
        double[] tail = orbit(h, x0, skip, 5 * p);
        double s = 0;
        for (int k = 0; k + p < tail.length; k++) s = Math.max(s, Math.abs(tail[k + p] - tail[k]));
        return s;
    }

    /**
     * Where period 2p is born out of period p: near a period doubling the square of the splitting is a smooth
     * function of h that vanishes at the birth, {@code s^2 = c1 (h - h*) + c2 (h - h*)^2 + ...}; a least-squares
     * parabola through {@code (h, splitting^2)} at steps that all lie past the birth is extrapolated to its zero
     * below them. At least three steps.
     */
    public double birth(int p, Grid h, double x0, int skip) {
        if (h == null || h.size() < 3) throw new IllegalArgumentException("h must hold at least 3 steps");
        double[] hs = h.values(), s2 = new double[hs.length];
        for (int i = 0; i < hs.length; i++) {
            double s = splitting(p, hs[i], x0, skip);
            if (!(s > 1e-6))
                throw new IllegalArgumentException("h = " + hs[i] + " is not past the birth of period " + 2 * p
                        + " (splitting " + s + "); give steps just above it");
            s2[i] = s * s;
        }
        double ref = hs[0], span = hs[hs.length - 1] - hs[0];
        if (!(span > 0)) throw new IllegalArgumentException("h must increase");
        double[] t = new double[hs.length];
        for (int i = 0; i < hs.length; i++) t[i] = (hs[i] - ref) / span;   // in [0, 1]: a well-conditioned fit
        double[] c = parabola(t, s2);
        // the zero of c0 + c1 t + c2 t^2 nearest below the steps: Newton from the straight line's zero
        double z = -c[0] / c[1];
        for (int it = 0; it < 50; it++) z -= (c[0] + c[1] * z + c[2] * z * z) / (c[1] + 2 * c[2] * z);
        return ref + z * span;
    }

    /** Coefficients {@code c0, c1, c2} of the least-squares parabola through (t, y). */
    static double[] parabola(double[] t, double[] y) {
        double[][] m = new double[3][4];
        for (int i = 0; i < t.length; i++) {
            double[] basis = {1, t[i], t[i] * t[i]};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) m[r][c] += basis[r] * basis[c];
                m[r][3] += basis[r] * y[i];
            }
        }
        for (int col = 0; col < 3; col++)            // Gauss-Jordan on the 3x3 normal equations
            for (int r = 0; r < 3; r++) {
                if (r == col) continue;
                double f = m[r][col] / m[col][col];
                for (int c = col; c < 4; c++) m[r][c] -= f * m[col][c];
            }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }

    /** Intercept and slope of the least-squares line through (x, y). */
    public static double[] leastSquares(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2)
            throw new IllegalArgumentException("x and y must have the same length, at least 2; got " + x.length + " and " + y.length);
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        if (!(sxx > 0)) throw new IllegalArgumentException("x must not be constant");
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
