package org.largelr.api;

import java.util.Map;

import org.knowm.xchart.XYChart;

/** The first names of the run charts, kept so existing notebooks compile; {@link Charts} is the entry point. */
public final class Plots {
    private Plots() {}

    /**
     * Same as {@link Charts#loss(Map)}.
     *
     * @param runs runs by legend name
     * @return the chart
     */
    public static XYChart loss(Map<String, GdResult> runs) { return Charts.loss(runs); }

    /**
     * Same as {@link Charts#imbalance(Map)}.
     *
     * @param runs runs by legend name
     * @return the chart
     */
    public static XYChart imbalance(Map<String, GdResult> runs) { return Charts.imbalance(runs); }

    /**
     * Same as {@link Charts#trajectory(String, Map)}.
     *
     * @param runs runs by legend name
     * @param column a trajectory column
     * @return the builder; finish with {@code .build()}
     */
    public static LinePlot column(Map<String, GdResult> runs, String column) { return Charts.trajectory(column, runs); }
}
