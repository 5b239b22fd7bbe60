package org.largelr.api;

import java.util.Map;

import org.knowm.xchart.XYChart;

import tech.tablesaw.api.Table;

/** The first names of the sweep charts, kept so existing notebooks compile; {@link Charts} is the entry point. */
public final class SweepPlots {
    private SweepPlots() {}

    /**
     * Same as {@link Charts#limitBalance(Table)}.
     *
     * @param sweep a sweep table
     * @return the chart
     */
    public static XYChart balance(Table sweep) { return Charts.limitBalance(sweep); }

    /**
     * Same as {@link Charts#sharpness(Map)}.
     *
     * @param runs runs by legend name, recorded with sharpness
     * @return the chart
     */
    public static XYChart sharpness(Map<String, GdResult> runs) { return Charts.sharpness(runs); }
}
