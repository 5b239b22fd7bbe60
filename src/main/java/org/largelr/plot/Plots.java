package org.largelr.plot;

import java.util.Map;

import org.knowm.xchart.XYChart;
import org.largelr.gd.GdResult;

/** Ready-made charts of GD runs: the pictures every notebook needs. */
public final class Plots {
    private Plots() {}

    /** Loss against step on a log scale, one line per run. */
    public static XYChart loss(Map<String, GdResult> runs) {
        return column(runs, GdResult.LOSS).title("Loss").yAxisTitle("loss (log scale)").logY().build();
    }

    /** {@code ||X||_F^2 - ||Y||_F^2} against step, one line per run. */
    public static XYChart imbalance(Map<String, GdResult> runs) {
        return column(runs, GdResult.IMBALANCE).title("Imbalance ||X||_F^2 - ||Y||_F^2")
                .yAxisTitle("imbalance").build();
    }

    /** Any trajectory column against step, one line per run; finish with {@code .build()}. */
    public static LinePlot column(Map<String, GdResult> runs, String column) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        LinePlot plot = LinePlot.of(GdResult.STEP, column).xAxisTitle("step");
        runs.forEach((name, run) -> plot.series(name, run.trajectory()));
        return plot;
    }
}
