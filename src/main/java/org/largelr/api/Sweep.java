package org.largelr.api;

import org.largelr.sweep.SweepPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import org.largelr.core.StopRule;

/**
 * The grid runner: every combination of problems x starts x seeds x imbalance factors c x learning rates, one GD
 * run each, on all cores, one row per run (columns: {@link org.largelr.api.Columns}). An immutable value: each
 * wither returns a changed copy; {@link #run()} returns a {@link SweepResult}.
 *
 * <pre>{@code
 * // 200 learning rates x 200 starts of the scalar problem
 * Table t = Sweep.scalar(1.0).h(Grid.linear(0.01, 1.0, 200)).x0(Grid.linear(0.1, 3.0, 200)).y0(0.5)
 *         .maxSteps(2000).run().table();
 * // final imbalance ratio against h for 20 seeds, h in multiples of 2/L
 * Table m = Sweep.of(problem).starts(Start.gaussian(0.2).unbalanced(4)).seeds(Grid.consecutive(0, 20))
 *         .hTimes(Sweep.Unit.TWO_OVER_L, Grid.linear(0.25, 1.9, 16)).run().table();
 * }</pre>
 *
 * <p>Grid order (the order of the rows): problem outermost, then start recipe, seed, c, and h innermost (runs
 * sharing a start are neighbours). Each run starts from {@code recipe.withSeed(seed).unbalanced(c)}; seeds only
 * matter for recipes that draw (Gaussian, given norms). Defaults: start {@code Start.gaussian(0.1)} for matrix
 * problems (the scalar problem needs its starts set), each recipe with its own seed, c = 1, 1000 steps, the problem kind's stop rule
 * (as {@link GradientDescent}'s), all cores, progress as a few lines on System.out.
 *
 * <p>Learning rates are absolute ({@link #h(Grid)}) or multiples of a unit ({@link #hTimes(Unit, Grid)}) taken at
 * each run's start: {@code 2/L}, the scalar experiment's {@code h0}, or {@code 1/sigma_1}. The grid's own value is
 * the {@code h_factor} column. The table does not depend on the thread count; with {@link #csv(Path)} rows stream
 * to a CSV as they finish and a sweep resumes from it.
 */
public final class Sweep extends RunSettings<Sweep> {
    /** What a relative learning rate multiplies. */
    public enum Unit {
        /** Absolute h. */
        ABSOLUTE("1"),
        /** {@code 2/L}, L the top Hessian eigenvalue at the run's start. */
        TWO_OVER_L("2/L"),
        /** The scalar experiment's {@code h0 = 4 / (||x0||^2 + ||y0||^2 + 8)} at the run's start (1x1 targets). */
        H0("h0"),
        /** {@code 1/sigma_1(A)}, above which no minimum is stable. */
        ONE_OVER_SIGMA1("1/sigma_1");

        final String label;

        Unit(String label) {
            this.label = label;
        }

        /** The label in the {@code h_unit} column. */
        public String label() {
            return label;
        }
    }

    private List<Problem> problems;
    private List<Start> starts;
    private Grid seeds, c = Grid.of(1), h;   // seeds null: each recipe as given
    private Unit unit = Unit.ABSOLUTE;
    private SweepProgress progress = SweepProgress.lines();
    private Path csv;
    private int recordEvery;   // 0: keep no trajectories

    private Sweep(List<Problem> problems) {
        this.problems = List.copyOf(problems);
        boolean scalar = problems.get(0) instanceof ScalarProblem;
        for (Problem p : problems)
            if ((p instanceof ScalarProblem) != scalar)
                throw new IllegalArgumentException("a sweep's problems must all be scalar problems or all matrix "
                        + "problems; got " + problems);
    }

    /** A sweep over these problems (at least one; all scalar or all matrix problems). */
    public static Sweep of(Problem... problems) {
        if (problems == null || problems.length == 0) throw new IllegalArgumentException("problems must hold at least one problem");
        for (int i = 0; i < problems.length; i++)
            if (problems[i] == null) throw new IllegalArgumentException("problems[" + i + "] must not be null");
        return new Sweep(Arrays.asList(problems));
    }

    /** A sweep of the scalar problem {@code 1/2 (mu - x y)^2}. */
    public static Sweep scalar(double mu) {
        return of(Problem.scalar(mu));
    }

    /** A sweep over several scalar problems, one per mu. */
    public static Sweep scalar(Grid mu) {
        Problem[] p = new Problem[mu.size()];
        for (int i = 0; i < p.length; i++) p[i] = Problem.scalar(mu.get(i));
        return of(p);
    }

    /**
     * A sweep over problem sizes: for each {@code {n, m, d}} the target A has entries N(0, 1/n) drawn from
     * {@code targetSeed} (the same A for every run of that size).
     */
    public static Sweep randomMatrices(long targetSeed, int[]... sizes) {
        if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("sizes must hold at least one {n, m, d}");
        Problem[] p = new Problem[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int[] s = sizes[i];
            if (s == null || s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1)
                throw new IllegalArgumentException("sizes[" + i + "] must be {n, m, d} with each >= 1, got " + Arrays.toString(s));
            p[i] = Problem.factorization(Matrices.gaussian(s[0], s[1]).scale(1 / Math.sqrt(s[0])).seed(targetSeed).build(), s[2]);
        }
        return of(p);
    }

    /** Absolute learning rates h (each finite and > 0). */
    public Sweep h(Grid values) {
        Grid g = require("h", values).requirePositive("learning rates h");
        return with(s -> {
            s.h = g;
            s.unit = Unit.ABSOLUTE;
        });
    }

    /** Learning rates {@code h = factor * unit}, the unit taken at each run's start (or of its problem). */
    public Sweep hTimes(Unit unit, Grid factors) {
        if (unit == null) throw new IllegalArgumentException("unit must not be null");
        Grid g = require("h factors", factors).requirePositive("multiples of " + unit.label);
        return with(s -> {
            s.h = g;
            s.unit = unit;
        });
    }

    /** Same as {@code hTimes(Unit.TWO_OVER_L, factors)}. */
    public Sweep hTimes2OverL(Grid factors) {
        return hTimes(Unit.TWO_OVER_L, factors);
    }

    /** Start recipes (any {@link Start}: Gaussian, given norms, given points, scalar points). */
    public Sweep starts(Start... recipes) {
        if (recipes == null || recipes.length == 0) throw new IllegalArgumentException("starts must hold at least one recipe");
        for (int i = 0; i < recipes.length; i++)
            if (recipes[i] == null) throw new IllegalArgumentException("starts[" + i + "] must not be null");
        List<Start> list = List.of(recipes);
        return with(s -> s.starts = list);
    }

    /** Gaussian starts, one recipe per scale (entries N(0, scale^2)). */
    public Sweep scales(Grid scales) {
        Grid g = require("scales", scales).requirePositive("scales");
        List<Start> list = new ArrayList<>();
        for (double v : g.view()) list.add(Start.gaussian(v));
        return with(s -> s.starts = List.copyOf(list));
    }

    /** Scalar starts: every x0 with every y0 (x0 outer). */
    public Sweep x0(Grid x0) {
        return points(require("x0", x0), null);
    }

    /** Scalar starts: every x0 with every y0 (set x0 first, or together with {@link #x0(Grid)}). */
    public Sweep y0(Grid y0) {
        return points(null, require("y0", y0));
    }

    /** One value of y0 for every x0. */
    public Sweep y0(double value) {
        return y0(Grid.of(value));
    }

    private Grid xs, ys;   // a scalar start grid in the making

    private Sweep points(Grid x, Grid y) {
        return with(s -> {
            if (x != null) s.xs = x;
            if (y != null) s.ys = y;
            if (s.xs != null && s.ys != null) {
                List<Start> list = new ArrayList<>();
                for (double a : s.xs.view()) for (double b : s.ys.view()) list.add(Start.scalar(a, b));
                s.starts = List.copyOf(list);
            }
        });
    }

    /** Explicit scalar starts {@code {{x0, y0}, ...}}. */
    public Sweep points(double[]... xy) {
        if (xy == null || xy.length == 0) throw new IllegalArgumentException("points must hold at least one (x0, y0) pair");
        Start[] list = new Start[xy.length];
        for (int i = 0; i < xy.length; i++) {
            if (xy[i] == null || xy[i].length != 2) throw new IllegalArgumentException("points[" + i + "] must be a pair {x0, y0}");
            list[i] = Start.scalar(xy[i][0], xy[i][1]);
        }
        return starts(list);
    }

    /**
     * The seeds each recipe is drawn with (whole numbers), e.g. {@code Grid.consecutive(0, 20)}. Default: each recipe
     * as given (with its own seed).
     */
    public Sweep seeds(Grid seeds) {
        require("seeds", seeds).wholeNumbers("seeds");
        return with(s -> s.seeds = seeds);
    }

    /** Imbalance factors c (each > 0; default 1): X0 times c, Y0 divided by c. */
    public Sweep imbalance(Grid factors) {
        Grid g = require("imbalance", factors).requirePositive("imbalance factors c");
        return with(s -> s.c = g);
    }

    /** Where progress goes (default {@link SweepProgress#lines()}; {@link SweepProgress#none()} for silence). */
    public Sweep progress(SweepProgress p) {
        return with(s -> s.progress = p == null ? SweepProgress.none() : p);
    }

    /**
     * Streams rows to this CSV as they finish; if it already holds rows of this grid, they are kept and only the
     * missing runs are computed (resume). A file of another grid is refused.
     */
    public Sweep csv(Path file) {
        if (file == null) throw new IllegalArgumentException("csv path must not be null");
        return with(s -> s.csv = file);
    }

    /**
     * Runs the sweep with every row streamed to the {@link #csv(Path)} file and none kept in memory, so a grid of any
     * size runs in the memory of a few batches; resumes like {@link #run()}. The result holds the counts, no table.
     * A file name ending in {@code .parquet} writes a directory of Parquet parts instead of a CSV.
     */
    public SweepResult runToFile() {
        if (csv == null) throw new IllegalArgumentException("runToFile needs a file: call csv(path) first");
        if (recordEvery > 0)
            throw new IllegalArgumentException("keepTrajectories keeps every run in memory; runToFile keeps none: use run()");
        SweepPlan plan = plan();
        return new SweepResult(plan.stream(threads(), progress, csv), plan.size());
    }

    /** Also keep every run's trajectory, recorded every k steps (memory grows with runs x steps / k). */
    public Sweep keepTrajectories(int recordEvery) {
        if (recordEvery < 1) throw new IllegalArgumentException("keepTrajectories: recordEvery must be >= 1, got " + recordEvery);
        return with(s -> s.recordEvery = recordEvery);
    }

    /** The problems, in grid order. */
    public List<Problem> problems() {
        return problems;
    }

    /** Number of runs in the grid (checks the grid). */
    public int runs() {
        return plan().size();
    }

    /** The fingerprint that a CSV of this grid carries (resume refuses a file with another). */
    public String fingerprint() {
        return plan().fingerprint();
    }

    /** Runs the sweep: one row per run in grid order (the finished rows only, if interrupted). */
    public SweepResult run() {
        SweepPlan plan = plan();
        AtomicReferenceArray<GdResult> kept = recordEvery > 0 ? new AtomicReferenceArray<>(plan.size()) : null;
        return new SweepResult(plan.run(threads(), progress, csv, kept), kept, plan.size());
    }

    /**
     * Runs only the runs {@code from .. to-1} of the grid, on the calling thread, and returns exactly the rows
     * {@link #run()} gives for those indices (column {@code run} holds the grid index): a piece of the grid for
     * another scheduler to hand out, such as one Spark task. No CSV, progress or trajectories; an interrupt stops it
     * (scalar lanes within microseconds, other runs between runs) and the result then holds the rows finished.
     */
    public SweepResult runRange(int from, int to) {
        return new SweepResult(plan().runRange(from, to), null, to - from);
    }

    /** One line for people: the grid's kind, its size as a product of its axes, the steps and the stop rule. */
    public String describe() {
        return plan().describe();
    }

    SweepPlan plan() {
        if (h == null)
            throw new IllegalArgumentException("learning rates must be set: call h(...) or hTimes(unit, ...)");
        List<Start> recipes = starts;
        if (recipes == null) {
            if (problems.get(0) instanceof ScalarProblem)
                throw new IllegalArgumentException("starts must be set: call x0(...) and y0(...), points(...) or starts(...)");
            recipes = List.of(Start.gaussian(0.1));
        }
        if (unit == Unit.H0)
            for (Problem p : problems)
                if (p.rows() != 1 || p.cols() != 1)
                    throw new IllegalArgumentException("h in multiples of h0 needs a 1x1 target (the scalar experiment); got " + p);
        StopRule rule = stopRule(problems.get(0) instanceof ScalarProblem);   // the problems share their kind
        long budget = maxSteps();
        // A grid's run is the single run with the sweep's budget and stop rule, on one thread (runs go side by side).
        Function<Problem, GradientDescent> single = p -> GradientDescent.on(p).maxSteps(budget)
                .lossTolerance(rule.lossTolerance()).gradTolerance(rule.gradTolerance())
                .divergenceBound(rule.divergenceBound()).threads(1);
        return new SweepPlan(problems, recipes, seeds == null ? null : seeds.wholeNumbers("seeds"), c.values(), unit,
                h.values(), budget, recordEvery, single, rule.canonical());
    }

    private static Grid require(String what, Grid g) {
        if (g == null) throw new IllegalArgumentException(what + " must not be null");
        return g;
    }
}
