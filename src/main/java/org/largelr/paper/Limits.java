package org.largelr.paper;

import java.util.List;
import java.util.Locale;

import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.SweepResult;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a sweep's table lacks about each run's limit, measured from its kept trajectory: the limit's sharpness,
 * {@code lambda_max(X^T X + Y^T Y)}, and the late loss that tells a stuck run from a slow one.
 */
public final class Limits {
    /** Added column: top Hessian eigenvalue of the limit (missing, an empty cell, unless the run CONVERGED). */
    public static final String SHARPNESS = Columns.SHARPNESS;
    /** Added column: {@code lambda_max(X^T X + Y^T Y)} at the limit (missing, an empty cell, unless CONVERGED). */
    public static final String GRAM_TOP = "gram_top";
    /** Added column: {@link #lateMinLoss(GdResult)}. */
    public static final String LATE_MIN_LOSS = "late_min_loss";
    /** Added column: {@link #labelSteps}'s name of each step. */
    public static final String H_LABEL = "h_label";
    /** Added column: {@code h sigma_1(A)}; above 1 no global minimum is stable. */
    public static final String H_SIGMA1 = "h_sigma1";

    private Limits() {}

    /** Top Hessian eigenvalue of the run's limit; NaN unless it CONVERGED (a missing cell in {@link #table}). */
    public static double sharpness(GdResult run) {
        return run.converged() ? run.problem().sharpness(run.end()) : Double.NaN;
    }

    /**
     * The smallest recorded loss over the last 10% of the run's steps (NaN when it diverged): for a run that hit
     * MAX_STEPS, a value well above the minimum loss means it is stuck, not converging slowly.
     */
    public static double lateMinLoss(GdResult run) {
        if (run.diverged()) return Double.NaN;
        double[] step = run.column(GdResult.STEP), loss = run.column(GdResult.LOSS);
        double from = 0.9 * run.steps(), best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < step.length; k++) if (step[k] >= from) best = Math.min(best, loss[k]);
        return best;
    }

    /**
     * A copy of a matrix sweep's table with column {@value #H_LABEL} naming each step as the matrix check chose it:
     * {@code "0.98 / sigma_1"} for {@code h = fraction / sigma_1} (to 1e-9), otherwise its multiple of 2/L
     * ({@code "1.25 x 2/L"}, from {@code hL / 2}); so outcomes can be counted per step across instances.
     */
    public static Table labelSteps(Table sweep, double fraction) {
        Table t = sweep.copy();
        StringColumn label = StringColumn.create(H_LABEL);
        for (int i = 0; i < t.rowCount(); i++)
            label.append(Math.abs(t.doubleColumn(Columns.H).get(i) * t.doubleColumn(Columns.SIGMA1).get(i) - fraction) < 1e-9
                    ? Claims.num(fraction) + " / sigma_1" : String.format(Locale.ROOT, "%.2f x 2/L", t.doubleColumn(Columns.HL).get(i) / 2));
        return Tables.readable(t.addColumns(label));
    }

    /**
     * The sweep's table (needs {@code keepTrajectories}) with the columns {@value #H_SIGMA1}, {@value #SHARPNESS},
     * {@value #GRAM_TOP} and {@value #LATE_MIN_LOSS} added.
     */
    public static Table table(SweepResult sweep) {
        Table t = sweep.table().copy();
        List<GdResult> runs = sweep.trajectories();
        if (runs.size() != t.rowCount())
            throw new IllegalArgumentException("the sweep kept " + runs.size() + " trajectories for " + t.rowCount() + " rows");
        DoubleColumn hs = DoubleColumn.create(H_SIGMA1), sh = DoubleColumn.create(SHARPNESS),
                gram = DoubleColumn.create(GRAM_TOP), late = DoubleColumn.create(LATE_MIN_LOSS);
        for (int i = 0; i < runs.size(); i++) {
            GdResult r = runs.get(i);
            hs.append(r.h() * MatrixMinima.topSingularValue(r.problem().target()));
            sh.append(sharpness(r));
            gram.append(r.converged() ? MatrixMinima.gramTop(r.end()) : Double.NaN);
            late.append(lateMinLoss(r));
        }
        return Tables.readable(t.addColumns(hs, sh, gram, late));
    }
}
