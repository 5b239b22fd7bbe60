package org.largelr.sweep;

import org.largelr.api.Columns;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.largelr.core.ScalarLanes;
import org.largelr.core.StopRule;
import org.largelr.gd.GdResult;
import org.largelr.gd.GradientDescent;
import org.largelr.gd.Outcome;
import org.largelr.problem.Problem;
import org.largelr.problem.ScalarProblem;
import org.largelr.problem.Start;

import tech.tablesaw.api.Table;

/**
 * A sweep of {@code 1/2 (mu - x y)^2} over learning rates x imbalance factors x starts. Grid order (the order of
 * the rows): learning rate outermost, then c, then x0, then y0 (or the listed points).
 *
 * <p>Defaults: 1000 steps, "converged" when {@code loss <= 1e-20} (that is {@code |mu - x y| <= 1.4e-10}, far below
 * anything a plot shows, and reachable in double precision for any mu below about 1e3), no gradient tolerance,
 * divergence above {@code loss > 1e50}, all cores, progress as a few text lines on System.out.
 */
public final class ScalarSweep {
    /** Default stop rule: converged once {@code 1/2 (mu - x y)^2 <= 1e-20}. */
    public static final double DEFAULT_LOSS_TOLERANCE = 1e-20;
    /** Runs per unit of work: enough lanes to fill the vector units, few enough to spread over the cores. */
    static final int BATCH = 256;

    private final double mu;
    private final Settings settings = new Settings(DEFAULT_LOSS_TOLERANCE, 0);
    private Grid lr, x0, y0, c = Grid.of(1);
    private boolean lrTimes2OverL;
    private double[][] points;
    private Results results;
    private AtomicReferenceArray<GdResult> trajectories;

    ScalarSweep(double mu) {
        ScalarProblem p = Problem.scalar(mu);   // checks mu
        this.mu = p.mu();
    }

    /** Learning rates h (each finite and > 0). */
    public ScalarSweep learningRates(Grid h) {
        this.lr = require("learningRates", h).requirePositive("learning rates h");
        this.lrTimes2OverL = false;
        return this;
    }

    /** Learning rates as multiples f of each start's classical limit {@code 2/L}: {@code h = f 2/L}. */
    public ScalarSweep learningRatesTimes2OverL(Grid f) {
        this.lr = require("learningRatesTimes2OverL", f).requirePositive("multiples of 2/L");
        this.lrTimes2OverL = true;
        return this;
    }

    /** Values of x0 (combined with every y0). */
    public ScalarSweep x0(Grid values) {
        this.x0 = require("x0", values);
        this.points = null;
        return this;
    }

    /** Values of y0 (combined with every x0). */
    public ScalarSweep y0(Grid values) {
        this.y0 = require("y0", values);
        this.points = null;
        return this;
    }

    public ScalarSweep y0(double value) {
        return y0(Grid.of(value));
    }

    public ScalarSweep x0(double value) {
        return x0(Grid.of(value));
    }

    /** Explicit starts {@code {{x0, y0}, ...}} instead of the x0 x y0 grid. */
    public ScalarSweep starts(double[]... xy) {
        if (xy == null || xy.length == 0) throw new IllegalArgumentException("starts must hold at least one (x0, y0) point");
        double[][] copy = new double[xy.length][];
        for (int i = 0; i < xy.length; i++) {
            if (xy[i] == null || xy[i].length != 2)
                throw new IllegalArgumentException("starts[" + i + "] must be a pair {x0, y0}");
            if (!Double.isFinite(xy[i][0]) || !Double.isFinite(xy[i][1]))
                throw new IllegalArgumentException("starts[" + i + "] must be finite, got {" + xy[i][0] + ", " + xy[i][1] + "}");
            copy[i] = xy[i].clone();
        }
        this.points = copy;
        this.x0 = null;
        this.y0 = null;
        return this;
    }

    /** Imbalance factors c (each > 0): the start {@code (x0, y0)} becomes {@code (c x0, y0 / c)}; default 1. */
    public ScalarSweep imbalance(Grid factors) {
        this.c = require("imbalance", factors).requirePositive("imbalance factors c");
        return this;
    }

    /** Step budget K per run (default 1000). */
    public ScalarSweep steps(long k) { settings.steps(k); return this; }

    /** Converged once {@code loss <= t} (default 1e-20; 0 switches it off). */
    public ScalarSweep lossTolerance(double t) { settings.lossTolerance(t); return this; }

    /** Converged once {@code ||grad|| <= t} (default 0: off). */
    public ScalarSweep gradTolerance(double t) { settings.gradTolerance(t); return this; }

    /** Diverged once {@code loss > b} (default 1e50) or a value is not finite. */
    public ScalarSweep divergenceBound(double b) { settings.divergenceBound(b); return this; }

    /** Worker threads (default: all cores). The table does not depend on it. */
    public ScalarSweep threads(int n) { settings.threads(n); return this; }

    /** Where progress goes (default {@link SweepProgress#lines()}: a few lines on System.out; none() for silence). */
    public ScalarSweep progress(SweepProgress p) { settings.progress(p); return this; }

    /**
     * Streams rows to this CSV as they finish; if it already holds rows of this grid, they are kept and only the
     * missing runs are computed (resume). A file of another grid is refused.
     */
    public ScalarSweep csv(Path file) {
        if (file == null) throw new IllegalArgumentException("csv path must not be null");
        settings.csv = file;
        return this;
    }

    /** Also keep every run's trajectory, recorded every k steps (memory grows with runs x steps / k). */
    public ScalarSweep keepTrajectories(int recordEvery) { settings.recordEvery(recordEvery); return this; }

    public double mu() { return mu; }

    /** Number of runs in the grid. */
    public int runs() {
        return plan().runs();
    }

    /** Runs the sweep and returns one row per run, in grid order (the finished rows only, if interrupted). */
    public Table run() {
        Plan plan = plan();
        results = new Results(plan);
        trajectories = settings.recordEvery > 0 ? new AtomicReferenceArray<>(plan.runs()) : null;
        return Runner.run(plan, results, settings.threads, settings.progress, settings.csv, "scalar sweep mu=" + mu);
    }

    /** The rows finished so far by the last {@link #run()}, in grid order: all of them after an interruption too. */
    public Table results() {
        if (results == null) throw new IllegalStateException("the sweep has not been run yet: call run()");
        return results.table("scalar sweep mu=" + mu);
    }

    /** The trajectory of one run of the last {@link #run()} (needs {@link #keepTrajectories}); null if not run. */
    public GdResult trajectory(int run) {
        if (trajectories == null) throw new IllegalStateException("trajectories were not kept: call keepTrajectories(k) before run()");
        return trajectories.get(run);
    }

    private static Grid require(String what, Grid g) {
        if (g == null) throw new IllegalArgumentException(what + " must not be null");
        return g;
    }

    Plan plan() {
        if (lr == null) throw new IllegalArgumentException("learning rates must be set: call learningRates(...) or learningRatesTimes2OverL(...)");
        if (points == null && (x0 == null || y0 == null))
            throw new IllegalArgumentException("starts must be set: call x0(...) and y0(...), or starts(...)");
        return new ScalarPlan();
    }

    private final class ScalarPlan extends Plan {
        final double[] lrs = lr.view(), cs = c.view();
        final double[][] pts = points;
        final double[] xs = x0 == null ? null : x0.view(), ys = y0 == null ? null : y0.view();
        final boolean relative = lrTimes2OverL;
        final long steps = settings.steps;
        final double lossTol = settings.lossTolerance, gradTol = settings.gradTolerance, bound = settings.divergenceBound;
        final int recordEvery = settings.recordEvery;
        final int starts = pts != null ? pts.length : xs.length * ys.length;
        final int runs;
        final ScalarProblem problem = Problem.scalar(mu);

        ScalarPlan() {
            long n = (long) lrs.length * cs.length * starts;
            if (n > Integer.MAX_VALUE - 8)
                throw new IllegalArgumentException("grid too large: " + n + " runs (at most " + (Integer.MAX_VALUE - 8) + ")");
            runs = (int) n;
        }

        @Override int runs() { return runs; }

        @Override
        List<Column> columns() {
            return List.of(Column.dbl(Columns.H), Column.dbl(Columns.X0), Column.dbl(Columns.Y0), Column.outcome(Columns.OUTCOME),
                    Column.integer(Columns.STEPS), Column.dbl(Columns.LOSS), Column.dbl(Columns.X), Column.dbl(Columns.Y),
                    Column.dbl(Columns.IMBALANCE), Column.dbl(Columns.X_NORM2), Column.dbl(Columns.Y_NORM2),
                    Column.dbl(Columns.HL), Column.dbl(Columns.L), Column.dbl(Columns.C), Column.dbl(Columns.MU),
                    Column.integer(Columns.RUN));
        }

        @Override
        String canonical() {
            return "largelr scalar sweep v1;mu=" + mu + ";lr" + (relative ? "*2/L=" : "=") + Settings.list(lrs)
                    + ";c=" + Settings.list(cs) + (pts != null ? ";points=" + java.util.Arrays.deepToString(pts)
                    : ";x0=" + Settings.list(xs) + ";y0=" + Settings.list(ys)) + ";" + settings.canonical()
                    + ";columns=" + columns();
        }

        @Override
        String describe() {
            return String.format(Locale.ROOT, "scalar mu=%s: %d runs = %s %d x c %d x starts %d (%s), %d steps, loss tol %s",
                    mu, runs, relative ? "multiples of 2/L" : "learning rates", lrs.length, cs.length, starts,
                    pts != null ? "points" : "x0 " + x0 + " x y0 " + y0, steps, lossTol);
        }

        @Override int batchSize() { return recordEvery > 0 ? 16 : BATCH; }

        /** {x0, y0, c, h, L} of a run. */
        double[] params(int run) {
            int iStart = run % starts, rest = run / starts;
            int iC = rest % cs.length, iLr = rest / cs.length;
            double px, py;
            if (pts != null) {
                px = pts[iStart][0];
                py = pts[iStart][1];
            } else {
                px = xs[iStart / ys.length];
                py = ys[iStart % ys.length];
            }
            double cc = cs[iC];
            if (cc != 1) {
                px = px * cc;
                py = py / cc;
            }
            double l = problem.sharpness(px, py);
            double h = relative ? lrs[iLr] * (2 / l) : lrs[iLr];
            if (!(h > 0) || !Double.isFinite(h))
                throw new IllegalArgumentException("learning rate " + lrs[iLr] + " x 2/L at start (" + px + ", " + py
                        + ") is " + h + " (L = " + l + "): must be finite and > 0");
            return new double[] {px, py, cc, h, l};
        }

        @Override
        void compute(int from, int to, boolean[] done, RowSink sink, AtomicBoolean stop) {
            int n = 0;
            int[] ids = new int[to - from];
            for (int r = from; r < to; r++) if (!done[r]) ids[n++] = r;
            double[][] p = new double[n][];
            for (int i = 0; i < n; i++) p[i] = params(ids[i]);
            if (recordEvery > 0) {
                for (int i = 0; i < n && !stop.get(); i++) {
                    GdResult g = GradientDescent.on(problem).from(Start.scalar(p[i][0], p[i][1])).learningRate(p[i][3])
                            .maxSteps(steps).lossTolerance(lossTol).gradTolerance(gradTol).divergenceBound(bound)
                            .recordEvery(recordEvery).run();
                    trajectories.set(ids[i], g);
                    boolean atEnd = g.recordedRows() > 0 && g.column(GdResult.STEP)[g.recordedRows() - 1] == g.steps();
                    double x = g.end() == null ? Double.NaN : g.end().x().data[0];
                    double y = g.end() == null ? Double.NaN : g.end().y().data[0];
                    sink.accept(ids[i], row(ids[i], p[i], g.outcome().ordinal(), g.steps(),
                            atEnd ? g.finalLoss() : Double.NaN, x, y));
                }
                return;
            }
            double[] h = new double[n], sx = new double[n], sy = new double[n];
            for (int i = 0; i < n; i++) {
                sx[i] = p[i][0];
                sy[i] = p[i][1];
                h[i] = p[i][3];
            }
            ScalarLanes.Out out = new ScalarLanes(mu, steps, new StopRule(lossTol, gradTol, bound)).run(h, sx, sy, n);
            for (int i = 0; i < n; i++)
                sink.accept(ids[i], row(ids[i], p[i], out.outcome[i], out.steps[i], out.loss[i], out.x[i], out.y[i]));
        }

        @Override
        String mismatch(int run, double[] r) {
            double[] p;
            try {
                p = params(run);
            } catch (IllegalArgumentException e) {
                return "the grid cannot run it: " + e.getMessage();
            }
            return first(differs(Columns.H, r[0], p[3]), differs(Columns.X0, r[1], p[0]), differs(Columns.Y0, r[2], p[1]),
                    differs(Columns.HL, r[11], p[3] * p[4]), differs(Columns.L, r[12], p[4]),
                    differs(Columns.C, r[13], p[2]), differs(Columns.MU, r[14], mu), stepsWithin(r[4], r[3], steps),
                    differs(Columns.X_NORM2, r[9], r[6] * r[6]), differs(Columns.Y_NORM2, r[10], r[7] * r[7]),
                    differs(Columns.IMBALANCE, r[8], r[9] - r[10]));
        }

        private double[] row(int run, double[] p, int outcome, long k, double loss, double x, double y) {
            double xn = x * x, yn = y * y;
            return new double[] {p[3], p[0], p[1], outcome, k, loss, x, y, xn - yn, xn, yn, p[3] * p[4], p[4], p[2], mu, run};
        }
    }

    /** Outcome names for filters: {@code t.where(t.stringColumn("outcome").isEqualTo(ScalarSweep.CONVERGED))}. */
    public static final String CONVERGED = Outcome.CONVERGED.name(), DIVERGED = Outcome.DIVERGED.name(),
            MAX_STEPS = Outcome.MAX_STEPS.name();
}
