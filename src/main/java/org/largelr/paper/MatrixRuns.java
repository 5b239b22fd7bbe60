package org.largelr.paper;

import java.util.Map;

import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.Theory;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Side-by-side numbers of a few matrix runs (e.g. a small and a large step from one start): what the matrix
 * notebook compares. Columns (stable API): {@code run, h, h_over_classical, h_sigma1, outcome, steps, loss_excess,
 * imbalance_start, imbalance, imbalance_ratio} ({@code D_end / D_0}, signed), {@code gap_start, gap_end}
 * ({@code ||X^T X - Y^T Y||_F}), {@code sharpness} (of the final point; NaN when it diverged), {@code two_over_h},
 * {@code gram_top} ({@code lambda_max(X^T X + Y^T Y)} at the end).
 */
public final class MatrixRuns {
    private MatrixRuns() {}

    /** One row per named run: h in units of 2/L and of 1/sigma_1, outcome, loss excess, imbalance and sharpness. */
    public static Table table(Map<String, GdResult> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        StringColumn name = StringColumn.create("run"), outcome = StringColumn.create("outcome");
        DoubleColumn h = DoubleColumn.create("h"), hc = DoubleColumn.create("h_over_classical"),
                hs = DoubleColumn.create("h_sigma1"), ex = DoubleColumn.create("loss_excess"),
                d0 = DoubleColumn.create("imbalance_start"), d1 = DoubleColumn.create(Columns.IMBALANCE),
                ratio = DoubleColumn.create("imbalance_ratio"), g0 = DoubleColumn.create("gap_start"),
                g1 = DoubleColumn.create("gap_end"), sh = DoubleColumn.create("sharpness"),
                two = DoubleColumn.create("two_over_h"), gram = DoubleColumn.create("gram_top");
        LongColumn steps = LongColumn.create("steps");
        runs.forEach((label, r) -> {
            Theory th = Theory.of(r.problem(), r.start());
            boolean finite = r.outcome() != Outcome.DIVERGED;
            Factors end = finite ? r.end() : null;
            name.append(label);
            h.append(r.h());
            hc.append(r.h() / th.classicalLimit());
            hs.append(r.h() * th.sigmaMax());
            outcome.append(r.outcome().name());
            steps.append(r.steps());
            ex.append(finite ? r.finalLoss() - r.problem().minimumLoss() : Double.NaN);
            d0.append(r.initialImbalance());
            d1.append(finite ? r.finalImbalance() : Double.NaN);
            ratio.append(finite ? r.finalImbalance() / r.initialImbalance() : Double.NaN);
            g0.append(r.start().balanceGap());
            g1.append(finite ? r.finalBalanceGap() : Double.NaN);
            sh.append(end == null ? Double.NaN : r.problem().sharpness(end));
            two.append(Theory.sharpnessBound(r.h()));
            gram.append(end == null ? Double.NaN : MatrixMinima.gramTop(end));
        });
        return Tables.readable(Table.create("runs", name, h, hc, hs, outcome, steps, ex, d0, d1, ratio, g0, g1, sh, two, gram));
    }
}
