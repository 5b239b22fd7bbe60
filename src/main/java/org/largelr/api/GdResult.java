package org.largelr.api;

import org.ejml.data.DMatrixRMaj;
import org.largelr.core.Recorder;
import org.largelr.core.StopRule;

import java.util.Arrays;
import java.util.Locale;


import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything one GD run produced: the recorded trajectory, how and when it ended, and the numbers the
 * theorems speak of. Immutable.
 *
 * <p>Trajectory columns (stable API): {@code step, loss, x_norm2, y_norm2, imbalance, balance_gap,
 * grad_norm}, and {@code sharpness} when recorded. Summary columns: {@code outcome, steps, h, L, hL,
 * loss, imbalance_start, imbalance, seed, values_step, overflow}. Names: {@link Columns}.
 *
 * <p>The final values ({@link #finalLoss()} and the others) are never NaN, also for a run that diverged at step 0;
 * {@link Columns} says how they read when the run overflowed.
 */
public final class GdResult {
    /** Trajectory column names, kept here for existing code; {@link Columns} is where they are defined. */
    public static final String STEP = Columns.STEP, LOSS = Columns.LOSS, X_NORM2 = Columns.X_NORM2,
            Y_NORM2 = Columns.Y_NORM2, IMBALANCE = Columns.IMBALANCE, BALANCE_GAP = Columns.BALANCE_GAP,
            GRAD_NORM = Columns.GRAD_NORM, SHARPNESS = Columns.SHARPNESS;

    /** How the run was set up and how it ended, as GradientDescent reports it (lAtStart NaN: L not computed, hasL()). */
    private record Run(Problem problem, Factors start, Factors end, GdSettings settings, Outcome outcome, long steps,
                       double lAtStart, long seed) {}

    private final Run run;
    private final long[] step;
    private final double[] loss, xNorm2, yNorm2, balanceGap, gradNorm, sharpness;
    private final long valuesStep;
    private final Factors valuesAt;
    private final Recorder.EndValues values;

    /** Built by {@code GradientDescent} at the end of a run (not for users: run GD instead). */
    public GdResult(Problem problem, Factors start, Factors end, GdSettings settings, Outcome outcome, long steps,
             double lAtStart, long seed, Recorder rec) {
        this.run = new Run(problem, start, end, settings, outcome, steps, lAtStart, seed);
        int n = rec.size;
        this.step = Arrays.copyOf(rec.step, n);
        this.loss = Arrays.copyOf(rec.loss, n);
        this.xNorm2 = Arrays.copyOf(rec.xNorm2, n);
        this.yNorm2 = Arrays.copyOf(rec.yNorm2, n);
        this.balanceGap = Arrays.copyOf(rec.balanceGap, n);
        this.gradNorm = Arrays.copyOf(rec.gradNorm, n);
        this.sharpness = rec.withSharpness ? Arrays.copyOf(rec.sharpness, n) : null;
        if (rec.endFactorsFinite) {
            valuesStep = steps;
            valuesAt = end != null ? end : new Factors(DMatrixRMaj.wrap(problem.rows(), problem.d(), rec.endX),
                    DMatrixRMaj.wrap(problem.cols(), problem.d(), rec.endY));
            values = rec.end;
        } else {
            // The last step left double range (only a vast h does that): the values are those of the step before,
            // the last iterate in range, from the same run stopped there (a start is always finite, so steps >= 1).
            GdResult before = stoppedAt(steps - 1);
            valuesStep = steps - 1;
            valuesAt = before.valuesAt;
            values = before.values.beforeLeavingRange();
        }
    }

    private GdResult stoppedAt(long k) {
        StopRule r = run.settings().stopRule();
        return GradientDescent.on(run.problem()).from(run.start()).h(run.settings().h()).maxSteps(k)
                .lossTolerance(r.lossTolerance()).gradTolerance(r.gradTolerance()).divergenceBound(r.divergenceBound())
                .recordEvery(Integer.MAX_VALUE)
                .computeL(false).run();
    }

    /** How the run ended. */
    public Outcome outcome() { return run.outcome(); }

    /** True when the run ended CONVERGED (a tolerance met). */
    public boolean converged() { return run.outcome() == Outcome.CONVERGED; }

    /** True when the run ended DIVERGED. */
    public boolean diverged() { return run.outcome() == Outcome.DIVERGED; }

    /** The step at which the run ended (the last step whose loss was evaluated). */
    public long steps() { return run.steps(); }

    /** The learning rate h. */
    public double h() { return run.settings().h(); }

    /** Whether L was computed: true unless the run was told not to ({@code computeL(false)}). */
    public boolean hasL() { return !Double.isNaN(run.lAtStart()); }

    /**
     * L: the top Hessian eigenvalue at the start (+Infinity beyond double range).
     *
     * @throws IllegalStateException when the run was told not to compute it ({@link #hasL()} is false)
     */
    public double L() {
        if (!hasL()) throw new IllegalStateException("L was not computed: the run was told computeL(false)");
        return run.lAtStart();
    }

    /**
     * {@code h L}: the classical analysis needs this below 2.
     *
     * @throws IllegalStateException when L was not computed ({@link #hasL()} is false)
     */
    public double hL() { return run.settings().h() * L(); }

    /** The seed that drew the start (-1 when nothing was drawn). */
    public long seed() { return run.seed(); }

    /** The settings the run used. */
    public GdSettings settings() { return run.settings(); }

    /** The problem the run was on. */
    public Problem problem() { return run.problem(); }

    /** The start point (a copy). */
    public Factors start() { return run.start().copy(); }

    /** The final iterate, or null when the run diverged to non-finite values. */
    public Factors end() { return run.end() == null ? null : run.end().copy(); }

    /** Number of recorded rows. */
    public int recordedRows() { return step.length; }

    /** The loss at {@link #valuesStep()}: finite, or +Infinity beyond double range (never NaN). */
    public double finalLoss() { return values.loss(); }

    /** {@code ||X||_F^2} at {@link #valuesStep()} (+Infinity beyond double range). */
    public double finalXNorm2() { return values.xNorm2(); }

    /** {@code ||Y||_F^2} at {@link #valuesStep()} (+Infinity beyond double range). */
    public double finalYNorm2() { return values.yNorm2(); }

    /** The imbalance {@code ||X||_F^2 - ||Y||_F^2} at {@link #valuesStep()}, exact also where both norms overflow. */
    public double finalImbalance() { return values.imbalance(); }

    /** {@code ||X^T X - Y^T Y||_F} at {@link #valuesStep()} (+Infinity beyond double range). */
    public double finalBalanceGap() { return values.balanceGap(); }

    /**
     * The step the final values are from: {@link #steps()}, or {@code steps() - 1} when the last step left double
     * range ({@link #overflow()} is then {@code factors}).
     */
    public long valuesStep() { return valuesStep; }

    /**
     * What was beyond double range where the run ended: {@code none}, the names of the final values that read
     * +-Infinity (e.g. {@code loss,x_norm2,y_norm2}), or {@code factors} when the iterate itself left double range.
     */
    public String overflow() { return values.overflow(); }

    /** The iterate at {@link #valuesStep()}, a copy: finite always (unlike {@link #end()}). */
    public Factors valuesAt() { return valuesAt.copy(); }

    /** The imbalance at the start. */
    public double initialImbalance() { return run.start().imbalance(); }

    /** Recorded column by name, as a copy (see the class comment for the names). */
    public double[] column(String name) {
        return switch (name) {
            case STEP -> Arrays.stream(step).asDoubleStream().toArray();
            case LOSS -> loss.clone();
            case X_NORM2 -> xNorm2.clone();
            case Y_NORM2 -> yNorm2.clone();
            case IMBALANCE -> imbalanceColumn();
            case BALANCE_GAP -> balanceGap.clone();
            case GRAD_NORM -> gradNorm.clone();
            case SHARPNESS -> {
                if (sharpness == null)
                    throw new IllegalArgumentException("sharpness was not recorded: run with recordSharpness(true)");
                yield sharpness.clone();
            }
            default -> throw new IllegalArgumentException("unknown column '" + name + "'; one of step, loss, x_norm2, "
                    + "y_norm2, imbalance, balance_gap, grad_norm, sharpness");
        };
    }

    private double[] imbalanceColumn() {
        double[] out = new double[xNorm2.length];
        for (int i = 0; i < out.length; i++) out[i] = xNorm2[i] - yNorm2[i];
        return out;
    }

    /** The recorded trajectory, one row per recorded step. */
    public Table trajectory() {
        Table t = Table.create("trajectory h=" + fmt(h()),
                LongColumn.create(STEP, step),
                DoubleColumn.create(LOSS, loss),
                DoubleColumn.create(X_NORM2, xNorm2),
                DoubleColumn.create(Y_NORM2, yNorm2),
                DoubleColumn.create(IMBALANCE, imbalanceColumn()),
                DoubleColumn.create(BALANCE_GAP, balanceGap),
                DoubleColumn.create(GRAD_NORM, gradNorm));
        if (sharpness != null) t.addColumns(DoubleColumn.create(SHARPNESS, sharpness));
        return Tables.readable(t);
    }

    /**
     * One-row table: outcome, steps, h, L, hL, loss, imbalance_start, imbalance, seed (the final values), and
     * values_step, overflow (where the values are from, what overflowed).
     */
    public Table summary() {
        return Tables.readable(Table.create("summary",
                StringColumn.create(Columns.OUTCOME, run.outcome().name()),
                LongColumn.create(Columns.STEPS, run.steps()),
                DoubleColumn.create(Columns.H, h()),
                lColumn(Columns.L, run.lAtStart()),
                lColumn(Columns.HL, run.settings().h() * run.lAtStart()),
                DoubleColumn.create(Columns.LOSS, finalLoss()),
                DoubleColumn.create(Columns.IMBALANCE_START, initialImbalance()),
                DoubleColumn.create(Columns.IMBALANCE, finalImbalance()),
                LongColumn.create(Columns.SEED, run.seed()),
                LongColumn.create(Columns.VALUES_STEP, valuesStep),
                StringColumn.create(Columns.OVERFLOW, values.overflow())));
    }

    /** A one-value column: {@code v}, or missing where it does not apply (L not computed; see {@link Columns}). */
    private DoubleColumn lColumn(String name, double v) {
        DoubleColumn c = DoubleColumn.create(name);
        return hasL() ? c.append(v) : c.appendMissing();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "GdResult[%s after %d steps, h=%s, L=%s, hL=%s, final loss=%s, imbalance %s -> %s]",
                run.outcome(), run.steps(), fmt(h()), hasL() ? fmt(run.lAtStart()) : Columns.NOT_APPLICABLE,
                hasL() ? fmt(hL()) : Columns.NOT_APPLICABLE, fmt(finalLoss()), fmt(initialImbalance()),
                fmt(finalImbalance()));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
