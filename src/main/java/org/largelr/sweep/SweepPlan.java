package org.largelr.sweep;

import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.ejml.dense.row.SingularOps_DDRM;
import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.FactorizationProblem;
import org.largelr.api.Problem;
import org.largelr.api.ScalarBatch;
import org.largelr.api.ScalarProblem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

import tech.tablesaw.api.Table;

/**
 * A {@link Sweep} flattened: run index to (problem, recipe, seed, c, h), the columns, and the computation of a batch.
 * A run's row depends on its index alone, never on the thread or batch that computed it.
 */
public final class SweepPlan extends Plan {
    /**
     * Runs per unit of work for scalar lanes, at most: the lanes refill as runs end, so a unit runs at full vector
     * width except its tail; many units still spread over the cores.
     */
    static final int LANES = 4096;

    private final List<Problem> problems;
    private final List<Start> recipes;
    private final long[] seeds;
    private final boolean reseed;   // false: each recipe keeps its own seed
    private final double[] cs, hs;
    private final Sweep.Unit unit;
    private final long maxSteps;
    private final int recordEvery;
    private final boolean scalar, withMu;
    private final List<GradientDescent> single;   // per problem: its run with the sweep's settings, no start or h yet
    private final String stopRule;
    private final double[] sigma1, minLoss;
    private final int[] label;
    private final List<String> labels;
    private final List<Column> columns;
    private final Map<String, Integer> at = new LinkedHashMap<>();
    private final int[] slot = new int[Slot.values().length];   // Slot -> column index, -1 if absent
    private final int runs;
    private final String canonicalSettings;
    private AtomicReferenceArray<GdResult> kept;

    /**
     * The grid of a {@link Sweep}, checked by it; {@code seeds} null keeps each recipe's own seed; {@code single} gives
     * a problem's run with the sweep's budget and stop rule (start and h are set here), {@code stopRule} that rule as
     * the fingerprint and the description write it.
     */
    public SweepPlan(List<Problem> problems, List<Start> recipes, long[] seeds, double[] cs, Sweep.Unit unit,
                     double[] hs, long maxSteps, int recordEvery, Function<Problem, GradientDescent> single,
                     String stopRule) {
        this.problems = List.copyOf(problems);
        this.recipes = List.copyOf(recipes);
        this.reseed = seeds != null;
        this.seeds = seeds == null ? new long[] {0} : seeds.clone();
        this.cs = cs.clone();
        this.hs = hs.clone();
        this.unit = unit;
        this.maxSteps = maxSteps;
        this.recordEvery = recordEvery;
        this.scalar = problems.get(0) instanceof ScalarProblem;
        this.withMu = problems.stream().allMatch(p -> p.rows() == 1 && p.cols() == 1);
        this.single = this.problems.stream().map(single).toList();
        this.stopRule = stopRule;
        long n = (long) this.problems.size() * this.recipes.size() * this.seeds.length * this.cs.length * this.hs.length;
        if (n > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("grid too large: " + n + " runs (at most " + (Integer.MAX_VALUE - 8) + ")");
        this.runs = (int) n;
        sigma1 = new double[problems.size()];
        minLoss = new double[problems.size()];
        for (int i = 0; i < sigma1.length; i++) {
            Problem p = problems.get(i);
            sigma1[i] = p instanceof ScalarProblem sp ? Math.abs(sp.mu()) : top(SingularOps_DDRM.singularValues(p.target()));
            minLoss[i] = p.minimumLoss();
        }
        List<String> names = new ArrayList<>();
        label = new int[recipes.size()];
        for (int i = 0; i < label.length; i++) {
            String l = recipes.get(i).label();
            if (!names.contains(l)) names.add(l);
            label[i] = names.indexOf(l);
        }
        labels = List.copyOf(names);
        columns = columns();
        for (int i = 0; i < columns.size(); i++) at.put(columns.get(i).name(), i);
        for (Slot c : Slot.values()) slot[c.ordinal()] = at.getOrDefault(c.column, -1);
        canonicalSettings = ";maxSteps=" + maxSteps + ";" + stopRule + ";recordEvery=" + recordEvery;
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? "," : "").append(v[i]);
        return sb.append(']').toString();
    }

    private static double top(double[] v) {
        double t = 0;
        for (double x : v) t = Math.max(t, x);
        return t;
    }

    /**
     * Runs the grid on {@code threads} threads, rows streamed to {@code csv} (resumed from it) when given; keeps each
     * run's trajectory in {@code kept} when given. Returns the finished rows in grid order.
     */
    public Table run(int threads, SweepProgress progress, Path csv, AtomicReferenceArray<GdResult> kept) {
        this.kept = kept;
        loadTableClassMeanwhile();
        return Runner.run(this, new Results(this), threads, progress, csv, name());
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TABLE_CLASS_LOADING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Tablesaw's Table scans the class path when first loaded (0.8 s of CPU with our 52 MB jar, seconds on a busy
     * machine): a first sweep starts that beside its runs instead of after them, where it delayed the first rows
     * and a stop.
     */
    private static void loadTableClassMeanwhile() {
        // Through Tables.load, as Results.table's first use is: one lock, one thread initialising Tablesaw.
        if (TABLE_CLASS_LOADING.compareAndSet(false, true)) meanwhile("Table", org.largelr.table.Tables::load);
    }

    /**
     * The rows of runs {@code from .. to-1} only, computed on the calling thread between interrupts: exactly the rows
     * {@link #run} gives for those indices, since a run's row depends on its index alone.
     */
    public Table runRange(int from, int to) {
        if (from < 0 || to < from || to > runs)
            throw new IllegalArgumentException("runRange: need 0 <= from <= to <= runs = " + runs + ", got from = "
                    + from + ", to = " + to);
        Results rows = new Results(columns, to - from);
        int batch = Math.max(1, batchSize());
        AtomicBoolean stop = new AtomicBoolean();
        for (int a = from; a < to && !Thread.currentThread().isInterrupted(); a += batch)
            compute(a, Math.min(to, a + batch), null, (run, row) -> rows.put(run - from, row), stop);
        return rows.table(name() + " runs " + from + ".." + (to - 1));
    }

    /** The resume fingerprint of this grid. */
    public String fingerprint() {
        return CsvStore.fingerprint(this);
    }

    /** Number of runs in the grid. */
    public int size() {
        return runs;
    }

    String name() {
        return scalar ? "scalar sweep" + (problems.size() == 1 ? " mu=" + ((ScalarProblem) problems.get(0)).mu() : "")
                : "matrix sweep";
    }

    @Override int runs() { return runs; }

    @Override
    List<Column> columns() {
        if (columns != null) return columns;
        List<Column> c = new ArrayList<>(List.of(Column.dbl(Columns.H), Column.dbl(Columns.H_FACTOR),
                Column.category(Columns.H_UNIT, List.of(unit.label())), Column.dbl(Columns.HL),
                Column.dbl(Columns.TWO_OVER_H),
                Column.category(Columns.REGIME, Arrays.stream(Theory.Regime.values()).map(Enum::name).toList()),
                Column.dbl(Columns.L)));
        if (withMu) c.add(Column.dbl(Columns.MU));
        if (!scalar) c.addAll(List.of(Column.dbl(Columns.SIGMA1), Column.integer(Columns.N), Column.integer(Columns.M),
                Column.integer(Columns.D)));
        c.add(Column.category(Columns.START, labels));
        if (scalar) c.addAll(List.of(Column.dbl(Columns.X0), Column.dbl(Columns.Y0)));
        else c.add(Column.dbl(Columns.SCALE));
        c.addAll(List.of(Column.dbl(Columns.C), Column.integer(Columns.SEED),
                Column.category(Columns.OUTCOME, Arrays.stream(Outcome.values()).map(Enum::name).toList()),
                Column.integer(Columns.STEPS), Column.dbl(Columns.LOSS)));
        if (scalar) c.addAll(List.of(Column.dbl(Columns.X), Column.dbl(Columns.Y)));
        else c.add(Column.dbl(Columns.MIN_LOSS));
        c.addAll(List.of(Column.dbl(Columns.X_NORM2), Column.dbl(Columns.Y_NORM2), Column.dbl(Columns.IMBALANCE_START),
                Column.dbl(Columns.IMBALANCE), Column.dbl(Columns.IMBALANCE_RATIO), Column.dbl(Columns.BALANCE_GAP),
                Column.integer(Columns.RUN)));
        return c;
    }

    @Override
    String canonical() {
        StringBuilder sb = new StringBuilder("largelr sweep v2;problems=");
        for (Problem p : problems) {
            if (p instanceof ScalarProblem sp) sb.append("[mu=").append(sp.mu()).append(']');
            else sb.append('[').append(p.rows()).append('x').append(p.cols()).append(":d=").append(p.d()).append(':')
                    .append(CsvStore.digest(((FactorizationProblem) p).targetView().data)).append(']');
        }
        sb.append(";starts=");
        Problem first = problems.get(0);
        for (Start r : recipes) {
            // The description and the drawn numbers: two different given matrices must not share a fingerprint.
            Factors f = r.create(first);
            sb.append('[').append(r.describe()).append(':').append(CsvStore.digest(f.toVector())).append(']');
        }
        return sb.append(";seeds=").append(reseed ? Arrays.toString(seeds) : "as given").append(";c=").append(list(cs))
                .append(";h*").append(unit.label()).append('=').append(list(hs)).append(canonicalSettings)
                .append(";columns=").append(columns).toString();
    }

    /** One line for people: what the grid is. */
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s: %d runs = problems %d x starts %d x seeds %d x c %d x h %d (%s), "
                        + "%d steps, %s", name(), runs, problems.size(), recipes.size(), seeds.length, cs.length,
                hs.length, unit == Sweep.Unit.ABSOLUTE ? "absolute" : "x " + unit.label(), maxSteps, stopRule);
    }

    @Override
    long stepBudget() {
        return maxSteps;
    }

    @Override
    int batchSize() {
        return !scalar ? 1 : recordEvery > 0 ? 16 : Math.max(256, Math.min(LANES, runs / 16));
    }

    /** Everything about one start of the grid (a problem, a recipe, a seed and a c). */
    private record StartInfo(int index, int problem, int recipe, long seed, double c, Factors point, double l, double scale,
                             double imbalance) {}

    private StartInfo start(int startIndex) {
        int iC = startIndex % cs.length, rest = startIndex / cs.length;
        int iSeed = rest % seeds.length;
        rest /= seeds.length;
        int iRecipe = rest % recipes.size(), iProblem = rest / recipes.size();
        Problem p = problems.get(iProblem);
        Start base = recipes.get(iRecipe);
        Start s = reseed ? base.withSeed(seeds[iSeed]) : base;
        if (cs[iC] != 1) s = s.unbalanced(cs[iC]);
        Factors f = s.create(p);
        return new StartInfo(startIndex, iProblem, iRecipe, s.seed(), cs[iC], f, p.sharpness(f),
                base.hasScale() ? base.scale() : Column.MISSING, f.imbalance());
    }

    private double h(StartInfo s, int iH, int run) {
        double u = switch (unit) {
            case ABSOLUTE -> 1;
            case TWO_OVER_L -> Theory.classicalLimit(s.l());
            case H0 -> Theory.h0(s.point().xNorm2() + s.point().yNorm2());
            case ONE_OVER_SIGMA1 -> Theory.noStableMinimumAbove(sigma1[s.problem()]);
        };
        double h = unit == Sweep.Unit.ABSOLUTE ? hs[iH] : hs[iH] * u;
        if (!(h > 0) || !Double.isFinite(h))
            throw new IllegalArgumentException("learning rate " + hs[iH] + " x " + unit.label() + " is " + h + " (L = "
                    + s.l() + " at the start of run " + run + "): must be finite and > 0");
        return h;
    }

    @Override
    void compute(int from, int to, RunSet done, RowSink sink, AtomicBoolean stop) {
        int[] ids = new int[to - from];
        int count = 0;
        for (int r = from; r < to; r++) if (done == null || !done.contains(r)) ids[count++] = r;   // null: none done
        ids = Arrays.copyOf(ids, count);
        StartInfo[] info = new StartInfo[count];
        double[] h = new double[count];
        StartInfo last = null;
        int lastIndex = -1;
        for (int i = 0; i < info.length; i++) {
            int run = ids[i], startIndex = run / hs.length;
            if (startIndex != lastIndex) {
                last = start(startIndex);
                lastIndex = startIndex;
            }
            info[i] = last;
            h[i] = h(last, run % hs.length, run);
        }
        if (scalar && recordEvery == 0) {
            lanes(ids, info, h, sink, stop);
            return;
        }
        for (int i = 0; i < info.length && !stop.get(); i++) {
            int run = ids[i];
            StartInfo s = info[i];
            GdResult g = single(s, h[i]).computeL(kept != null)   // kept runs report their L
                    .recordEvery(recordEvery > 0 ? recordEvery : Integer.MAX_VALUE)
                    .observe(step -> {
                        Stopped.check(stop);   // a long run ends within a step of a stop, not at its budget
                        if (step.k() > 0) stepsTaken.increment();   // progress: one step more
                    })
                    .run();
            if (kept != null) kept.set(run, g);
            sink.accept(run, row(run, s, h[i], g));
        }
    }

    /** The run of this grid from start {@code s} with step h, as {@link GradientDescent} runs it alone. */
    private GradientDescent single(StartInfo s, double h) {
        return single.get(s.problem()).from(s.point()).h(h);
    }

    /** A run's row from its result: the final values as {@link GdResult} gives them (see {@link Columns}). */
    private double[] row(int run, StartInfo s, double h, GdResult g) {
        Factors at = g.valuesAt();
        return row(run, s, h, g.outcome().ordinal(), g.steps(), g.finalLoss(), at.x().data[0], at.y().data[0],
                g.finalXNorm2(), g.finalYNorm2(), g.finalImbalance(), g.finalBalanceGap());
    }

    /**
     * Scalar runs side by side through the engine's batch, one batch per problem (lanes share mu); each run's row goes
     * to the sink the moment its lane ends (a long batch saves its early finishers), and a stop ends the batch within
     * microseconds.
     */
    private void lanes(int[] ids, StartInfo[] info, double[] h, RowSink sink, AtomicBoolean stop) {
        // The sweep's stop, or an interrupt of a thread that runs a range itself (runRange, a Spark task).
        BooleanSupplier halt = () -> stop.get() || Thread.currentThread().isInterrupted();
        StepCount steps = new StepCount();
        for (int from = 0; from < ids.length; ) {
            int problem = info[from].problem(), to = from;
            while (to < ids.length && info[to].problem() == problem) to++;
            int n = to - from;
            double[] hh = Arrays.copyOfRange(h, from, to), x0 = new double[n], y0 = new double[n];
            for (int i = 0; i < n; i++) {
                x0[i] = info[from + i].point().x().data[0];
                y0[i] = info[from + i].point().y().data[0];
            }
            int first = from;
            single.get(problem).runBatch(hh, x0, y0, halt, new ScalarBatch.Watch() {
                @Override public void stepped(long laneSteps) { steps.add(laneSteps); }

                @Override public void ended(ScalarBatch out, int i) {
                    int run = ids[first + i];
                    sink.accept(run, laneRow(run, info[first + i], h[first + i], out, i));
                }
            });
            steps.flush();
            if (halt.getAsBoolean()) return;
            from = to;
        }
    }

    /**
     * Lane-steps counted on the worker and added to {@link #stepsTaken} about every millisecond of work: both workers
     * adding at every chunk (every few microseconds) moved the counter's cache line between the cores each time.
     */
    private final class StepCount {
        private static final long FLUSH = 1 << 21;
        private long pending;

        void add(long laneSteps) {
            if ((pending += laneSteps) >= FLUSH) flush();
        }

        void flush() {
            stepsTaken.add(pending);
            pending = 0;
        }
    }

    /** The row of a run that ended in lane {@code i} of {@code out}. */
    private double[] laneRow(int run, StartInfo si, double h, ScalarBatch out, int i) {
        double x = out.x(i), y = out.y(i);
        if (!Double.isFinite(x) || !Double.isFinite(y))
            // The last step left double range (a vast h): the run alone gives the values of the step before.
            return row(run, si, h, single(si, h).recordEvery(Integer.MAX_VALUE).computeL(false).run());
        // The values as the recorder of a single run reads them (Columns: never NaN).
        double loss = Double.isFinite(out.loss(i)) ? out.loss(i) : Double.POSITIVE_INFINITY;
        return row(run, si, h, out.outcome(i).ordinal(), out.steps(i), loss, x, y, x * x, y * y,
                out.imbalance(i), out.balanceGap(i));
    }

    /** The columns a row may have, looked up once per plan: a row is built per run, a map lookup per value costs. */
    private enum Slot {
        H(Columns.H),
        H_FACTOR(Columns.H_FACTOR),
        H_UNIT(Columns.H_UNIT),
        HL(Columns.HL),
        TWO_OVER_H(Columns.TWO_OVER_H),
        REGIME(Columns.REGIME),
        L(Columns.L),
        MU(Columns.MU),
        SIGMA1(Columns.SIGMA1),
        N(Columns.N),
        M(Columns.M),
        D(Columns.D),
        START(Columns.START),
        X0(Columns.X0),
        Y0(Columns.Y0),
        SCALE(Columns.SCALE),
        C(Columns.C),
        SEED(Columns.SEED),
        OUTCOME(Columns.OUTCOME),
        STEPS(Columns.STEPS),
        LOSS(Columns.LOSS),
        X(Columns.X),
        Y(Columns.Y),
        MIN_LOSS(Columns.MIN_LOSS),
        X_NORM2(Columns.X_NORM2),
        Y_NORM2(Columns.Y_NORM2),
        IMBALANCE_START(Columns.IMBALANCE_START),
        IMBALANCE(Columns.IMBALANCE),
        IMBALANCE_RATIO(Columns.IMBALANCE_RATIO),
        BALANCE_GAP(Columns.BALANCE_GAP),
        RUN(Columns.RUN);

        final String column;

        Slot(String column) {
            this.column = column;
        }
    }

    private double[] row(int run, StartInfo s, double h, int outcome, long k, double loss, double x, double y,
                         double xn, double yn, double imb, double gap) {
        double[] r = new double[columns.size()];
        Problem p = problems.get(s.problem());
        double imb0 = s.imbalance();
        set(r, Slot.H, h);
        set(r, Slot.H_FACTOR, hs[run % hs.length]);
        set(r, Slot.H_UNIT, 0);
        set(r, Slot.HL, h * s.l());
        set(r, Slot.TWO_OVER_H, Theory.sharpnessBound(h));
        set(r, Slot.REGIME, Theory.regime(h, s.l(), sigma1[s.problem()]).ordinal());
        set(r, Slot.L, s.l());
        set(r, Slot.MU, withMu ? p.target().get(0, 0) : 0);
        set(r, Slot.SIGMA1, sigma1[s.problem()]);
        set(r, Slot.N, p.rows());
        set(r, Slot.M, p.cols());
        set(r, Slot.D, p.d());
        set(r, Slot.START, label[s.recipe()]);
        set(r, Slot.X0, s.point().x().data[0]);
        set(r, Slot.Y0, s.point().y().data[0]);
        set(r, Slot.SCALE, s.scale());
        set(r, Slot.C, s.c());
        set(r, Slot.SEED, s.seed());
        set(r, Slot.OUTCOME, outcome);
        set(r, Slot.STEPS, k);
        set(r, Slot.LOSS, loss);
        set(r, Slot.X, x);
        set(r, Slot.Y, y);
        set(r, Slot.MIN_LOSS, minLoss[s.problem()]);
        set(r, Slot.X_NORM2, xn);
        set(r, Slot.Y_NORM2, yn);
        set(r, Slot.IMBALANCE_START, imb0);
        set(r, Slot.IMBALANCE, imb);
        set(r, Slot.IMBALANCE_RATIO, imb0 == 0 || Double.isNaN(imb / imb0) ? Column.MISSING : imb / imb0);
        set(r, Slot.BALANCE_GAP, gap);
        set(r, Slot.RUN, run);
        return r;
    }

    private StartInfo checked;   // the start last looked at by mismatch: rows read back come mostly in grid order

    @Override
    synchronized String mismatch(int run, double[] found) {
        int startIndex = run / hs.length;
        StartInfo s;
        double h;
        try {
            s = checked != null && checked.index() == startIndex ? checked : start(startIndex);
            checked = s;
            h = h(s, run % hs.length, run);
        } catch (IllegalArgumentException e) {
            return "the grid cannot run it: " + e.getMessage();
        }
        // The grid's row for this run with the found results in it: every parameter and every derived column must
        // come out bit for bit as found.
        double x = value(found, Columns.X), y = value(found, Columns.Y);
        double xn = value(found, Columns.X_NORM2), yn = value(found, Columns.Y_NORM2);
        // Where both norms overflowed, the imbalance came from the factors: a scalar's are in the row, a matrix's not.
        double imb = !Double.isNaN(xn - yn) ? xn - yn
                : !scalar ? value(found, Columns.IMBALANCE)
                : Double.isFinite(x) && Double.isFinite(y) ? Factors.scalar(x, y).imbalance() : Double.NaN;
        double[] expected = row(run, s, h, (int) value(found, Columns.OUTCOME), (long) value(found, Columns.STEPS),
                value(found, Columns.LOSS), x, y, xn, yn, imb, value(found, Columns.BALANCE_GAP));
        for (int c = 0; c < columns.size(); c++) {
            String d = differs(columns.get(c).name(), found[c], expected[c]);
            if (d != null) return d;
        }
        return stepsWithin(value(found, Columns.STEPS), value(found, Columns.OUTCOME), maxSteps);
    }

    private double value(double[] row, String column) {
        Integer i = at.get(column);
        return i == null ? Double.NaN : row[i];
    }

    /** Sets a column's value if this sweep has that column. */
    private void set(double[] row, Slot column, double value) {
        int i = slot[column.ordinal()];
        if (i >= 0) row[i] = value;
    }
}
