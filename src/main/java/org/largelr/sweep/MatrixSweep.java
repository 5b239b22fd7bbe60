package org.largelr.sweep;

import org.largelr.api.Columns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.largelr.gd.GdResult;
import org.largelr.gd.GradientDescent;
import org.largelr.matrix.Matrices;
import org.largelr.problem.FactorizationProblem;
import org.largelr.problem.Problem;
import org.largelr.problem.Start;

import tech.tablesaw.api.Table;

/**
 * A sweep of {@code 1/2 ||A - X Y^T||_F^2} over problem sizes x Gaussian scales x imbalance factors c x seeds x
 * learning rates; each run starts from {@code Start.gaussian(scale).seed(seed).unbalanced(c)}. Grid order: size
 * outermost, then scale, c, seed, and the learning rate innermost (so runs sharing a start are neighbours).
 *
 * <p>Defaults: scale 0.1, c = 1, seed 0, 1000 steps, "converged" once {@code ||grad|| <= 1e-10} (the loss need not
 * reach 0 when d is below the rank of A; compare {@code loss} with {@code min_loss}), no loss tolerance, divergence
 * above {@code loss > 1e50}, all cores.
 */
public final class MatrixSweep {
    /** Default stop rule: converged once the gradient norm is at most 1e-10. */
    public static final double DEFAULT_GRAD_TOLERANCE = 1e-10;

    private final FactorizationProblem fixed;
    private final long targetSeed;
    private final int[][] sizes;
    private final Settings settings = new Settings(0, DEFAULT_GRAD_TOLERANCE);
    private Grid lr, scales = Grid.of(0.1), c = Grid.of(1);
    private long[] seeds = {0};
    private boolean lrTimes2OverL;
    private Results results;
    private AtomicReferenceArray<GdResult> trajectories;

    MatrixSweep(FactorizationProblem problem) {
        this.fixed = problem;
        this.targetSeed = 0;
        this.sizes = new int[][] {{problem.rows(), problem.cols(), problem.d()}};
    }

    MatrixSweep(long targetSeed, int[]... sizes) {
        if (sizes == null || sizes.length == 0)
            throw new IllegalArgumentException("sizes must hold at least one {n, m, d}");
        this.sizes = new int[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            int[] s = sizes[i];
            if (s == null || s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1)
                throw new IllegalArgumentException("sizes[" + i + "] must be {n, m, d} with each >= 1, got "
                        + Arrays.toString(s));
            this.sizes[i] = s.clone();
        }
        this.fixed = null;
        this.targetSeed = targetSeed;
    }

    /** Learning rates h (each finite and > 0). */
    public MatrixSweep learningRates(Grid h) {
        this.lr = require("learningRates", h).requirePositive("learning rates h");
        this.lrTimes2OverL = false;
        return this;
    }

    /** Learning rates as multiples f of each start's classical limit: {@code h = f 2/L}, L at that start. */
    public MatrixSweep learningRatesTimes2OverL(Grid f) {
        this.lr = require("learningRatesTimes2OverL", f).requirePositive("multiples of 2/L");
        this.lrTimes2OverL = true;
        return this;
    }

    /** Standard deviations of the Gaussian starts (each > 0; default 0.1). */
    public MatrixSweep scales(Grid s) {
        this.scales = require("scales", s).requirePositive("scales");
        return this;
    }

    /** Imbalance factors c (each > 0; default 1): X0 times c, Y0 divided by c. */
    public MatrixSweep imbalance(Grid factors) {
        this.c = require("imbalance", factors).requirePositive("imbalance factors c");
        return this;
    }

    /** The seeds of the starts (default {0}). */
    public MatrixSweep seeds(long... s) {
        if (s == null || s.length == 0) throw new IllegalArgumentException("seeds must hold at least one seed");
        this.seeds = s.clone();
        return this;
    }

    /** Seeds {@code from, from + 1, ..., to - 1}. */
    public MatrixSweep seeds(long from, long to) {
        if (to <= from) throw new IllegalArgumentException("seeds: to must be > from, got from " + from + ", to " + to);
        if (to - from > 1_000_000) throw new IllegalArgumentException("seeds: at most 1000000 seeds, got " + (to - from));
        long[] s = new long[(int) (to - from)];
        for (int i = 0; i < s.length; i++) s[i] = from + i;
        this.seeds = s;
        return this;
    }

    public MatrixSweep steps(long k) { settings.steps(k); return this; }

    /** Converged once {@code loss <= t} (default 0: off). */
    public MatrixSweep lossTolerance(double t) { settings.lossTolerance(t); return this; }

    /** Converged once {@code ||grad|| <= t} (default 1e-10; 0 switches it off). */
    public MatrixSweep gradTolerance(double t) { settings.gradTolerance(t); return this; }

    public MatrixSweep divergenceBound(double b) { settings.divergenceBound(b); return this; }

    public MatrixSweep threads(int n) { settings.threads(n); return this; }

    public MatrixSweep progress(SweepProgress p) { settings.progress(p); return this; }

    /** Streams rows to this CSV and resumes from it (see {@link ScalarSweep#csv}). */
    public MatrixSweep csv(Path file) {
        if (file == null) throw new IllegalArgumentException("csv path must not be null");
        settings.csv = file;
        return this;
    }

    public MatrixSweep keepTrajectories(int recordEvery) { settings.recordEvery(recordEvery); return this; }

    public int runs() {
        return plan().runs();
    }

    public Table run() {
        Plan plan = plan();
        results = new Results(plan);
        trajectories = settings.recordEvery > 0 ? new AtomicReferenceArray<>(plan.runs()) : null;
        return Runner.run(plan, results, settings.threads, settings.progress, settings.csv, "matrix sweep");
    }

    public Table results() {
        if (results == null) throw new IllegalStateException("the sweep has not been run yet: call run()");
        return results.table("matrix sweep");
    }

    public GdResult trajectory(int run) {
        if (trajectories == null) throw new IllegalStateException("trajectories were not kept: call keepTrajectories(k) before run()");
        return trajectories.get(run);
    }

    /** The problem of each size, in grid order (the fixed problem, or the drawn targets). */
    public List<FactorizationProblem> problems() {
        List<FactorizationProblem> out = new ArrayList<>();
        for (int[] s : sizes) out.add(problemFor(s));
        return out;
    }

    private FactorizationProblem problemFor(int[] s) {
        if (fixed != null) return fixed;
        return Problem.factorization(Matrices.gaussian(s[0], s[1]).scale(1 / Math.sqrt(s[0])).seed(targetSeed).build(), s[2]);
    }

    private static Grid require(String what, Grid g) {
        if (g == null) throw new IllegalArgumentException(what + " must not be null");
        return g;
    }

    Plan plan() {
        if (lr == null) throw new IllegalArgumentException("learning rates must be set: call learningRates(...) or learningRatesTimes2OverL(...)");
        return new MatrixPlan();
    }

    private final class MatrixPlan extends Plan {
        final double[] lrs = lr.view(), sc = scales.view(), cs = c.view();
        final long[] sd = seeds.clone();
        final int[][] sz = sizes;
        final boolean relative = lrTimes2OverL;
        final long steps = settings.steps;
        final double lossTol = settings.lossTolerance, gradTol = settings.gradTolerance, bound = settings.divergenceBound;
        final int recordEvery = settings.recordEvery;
        final int perSize = sc.length * cs.length * sd.length;
        final int runs;
        final FactorizationProblem[] problems;
        final ConcurrentHashMap<Integer, Double> lAtStart = new ConcurrentHashMap<>();

        MatrixPlan() {
            long n = (long) sz.length * perSize * lrs.length;
            if (n > Integer.MAX_VALUE - 8)
                throw new IllegalArgumentException("grid too large: " + n + " runs (at most " + (Integer.MAX_VALUE - 8) + ")");
            runs = (int) n;
            problems = new FactorizationProblem[sz.length];
            for (int i = 0; i < sz.length; i++) problems[i] = problemFor(sz[i]);
        }

        @Override int runs() { return runs; }

        @Override
        List<Column> columns() {
            return List.of(Column.dbl(Columns.H), Column.dbl(Columns.HL), Column.integer(Columns.N), Column.integer(Columns.M),
                    Column.integer(Columns.D), Column.dbl(Columns.SCALE), Column.dbl(Columns.C), Column.integer(Columns.SEED),
                    Column.outcome(Columns.OUTCOME), Column.integer(Columns.STEPS), Column.dbl(Columns.LOSS),
                    Column.dbl(Columns.X_NORM2), Column.dbl(Columns.Y_NORM2), Column.dbl(Columns.IMBALANCE),
                    Column.dbl(Columns.BALANCE_GAP), Column.dbl(Columns.L), Column.dbl(Columns.MIN_LOSS),
                    Column.integer(Columns.RUN));
        }

        @Override
        String canonical() {
            StringBuilder sb = new StringBuilder("largelr matrix sweep v1;");
            if (fixed != null) sb.append("A=").append(fixed.rows()).append('x').append(fixed.cols()).append(':')
                    .append(CsvStore.digest(fixed.targetView().data)).append(";d=").append(fixed.d());
            else sb.append("targetSeed=").append(targetSeed).append(";sizes=").append(Arrays.deepToString(sz));
            return sb.append(";lr").append(relative ? "*2/L=" : "=").append(Settings.list(lrs)).append(";scales=")
                    .append(Settings.list(sc)).append(";c=").append(Settings.list(cs)).append(";seeds=")
                    .append(Arrays.toString(sd)).append(';').append(settings.canonical()).append(";columns=")
                    .append(columns()).toString();
        }

        @Override
        String describe() {
            return String.format(Locale.ROOT, "matrix %s: %d runs = sizes %d x scales %d x c %d x seeds %d x %s %d, %d steps",
                    fixed != null ? fixed.toString() : "random targets (seed " + targetSeed + ")", runs, sz.length,
                    sc.length, cs.length, sd.length, relative ? "multiples of 2/L" : "learning rates", lrs.length, steps);
        }

        @Override int batchSize() { return 1; }

        @Override
        void compute(int from, int to, boolean[] done, RowSink sink, AtomicBoolean stop) {
            for (int run = from; run < to && !stop.get(); run++) {
                if (done[run]) continue;
                int iLr = run % lrs.length, startIndex = run / lrs.length;
                int iSeed = startIndex % sd.length, rest = startIndex / sd.length;
                int iC = rest % cs.length;
                rest /= cs.length;
                int iScale = rest % sc.length, iSize = rest / sc.length;
                FactorizationProblem p = problems[iSize];
                Start start = Start.gaussian(sc[iScale]).seed(sd[iSeed]).unbalanced(cs[iC]);
                double l = lAtStart.computeIfAbsent(startIndex, k -> p.sharpness(start.create(p)));
                double h = relative ? lrs[iLr] * (2 / l) : lrs[iLr];
                if (!(h > 0) || !Double.isFinite(h))
                    throw new IllegalArgumentException("learning rate " + lrs[iLr] + " x 2/L is " + h + " (L = " + l
                            + " at the start of run " + run + "): must be finite and > 0");
                GdResult g = GradientDescent.on(p).threads(1).from(start).learningRate(h).maxSteps(steps).lossTolerance(lossTol)
                        .gradTolerance(gradTol).divergenceBound(bound)
                        .recordEvery(recordEvery > 0 ? recordEvery : Integer.MAX_VALUE).computeL(false)
                        .observe(at -> Plan.Stopped.check(stop)).run();
                if (trajectories != null) trajectories.set(run, g);
                int rows = g.recordedRows();
                boolean atEnd = rows > 0 && g.column(GdResult.STEP)[rows - 1] == g.steps();
                double nan = Double.NaN;
                sink.accept(run, new double[] {h, h * l, p.rows(), p.cols(), p.d(), sc[iScale], cs[iC], sd[iSeed],
                        g.outcome().ordinal(), g.steps(), atEnd ? g.finalLoss() : nan, atEnd ? g.finalXNorm2() : nan,
                        atEnd ? g.finalYNorm2() : nan, atEnd ? g.finalImbalance() : nan,
                        atEnd ? g.finalBalanceGap() : nan, l, p.minimumLoss(), run});
            }
        }

        @Override
        String mismatch(int run, double[] r) {
            int iLr = run % lrs.length, startIndex = run / lrs.length;
            int iSeed = startIndex % sd.length, rest = startIndex / sd.length;
            int iC = rest % cs.length;
            rest /= cs.length;
            int iScale = rest % sc.length, iSize = rest / sc.length;
            FactorizationProblem p = problems[iSize];
            double l = r[15];   // L at the start takes a Lanczos run to check; h and hL must agree with the row's
            double h = relative ? lrs[iLr] * (2 / l) : lrs[iLr];
            return first(differs(Columns.H, r[0], h), differs(Columns.HL, r[1], h * l), differs(Columns.N, r[2], p.rows()),
                    differs(Columns.M, r[3], p.cols()), differs(Columns.D, r[4], p.d()),
                    differs(Columns.SCALE, r[5], sc[iScale]), differs(Columns.C, r[6], cs[iC]),
                    differs(Columns.SEED, r[7], sd[iSeed]), stepsWithin(r[9], r[8], steps),
                    differs(Columns.MIN_LOSS, r[16], p.minimumLoss()));
        }
    }
}
