package org.largelr.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Lines of one column against another, one series per table or run, in the order added; the builder behind every
 * line chart of {@link Charts}:
 *
 * <pre>{@code
 * XYChart c = LinePlot.of("step", "loss").series("h = 0.1", t1).run("h = 0.4", run2)
 *         .title("Loss").logY().build();
 * }</pre>
 *
 * <p>What {@link #build()} draws is cleaned first: non-finite points are left out (the legend counts them), a log
 * axis leaves out values at or below 0 (a loss that reached exactly 0 ends its line), and the line of a run that
 * diverged stops where it leaves the range of the others, its legend entry reading
 * {@code "h = 0.73 (diverged at step 5)"}. The chart has {@link PlotTheme} and can be restyled like any XYChart.
 */
public final class LinePlot extends ChartBuilder<LinePlot> {
    private final String xColumn, yColumn;
    private final List<Clip.Line> lines = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String xTitle, yTitle;
    private boolean markers;

    private LinePlot(String xColumn, String yColumn) {
        super(PlotTheme.WIDTH, PlotTheme.HEIGHT, 50, 50);
        this.xColumn = xColumn;
        this.yColumn = yColumn;
    }

    /**
     * A plot of column {@code yColumn} (up) against {@code xColumn} (across).
     *
     * @param xColumn the column across, e.g. {@code step}
     * @param yColumn the column up, e.g. {@code loss}
     * @return a builder without series
     */
    public static LinePlot of(String xColumn, String yColumn) {
        if (xColumn == null || yColumn == null) throw new IllegalArgumentException("column names must not be null");
        return new LinePlot(xColumn, yColumn);
    }

    /**
     * Adds a line from a table that has both columns.
     *
     * @param name the legend entry (unique in this plot)
     * @param table a table with numeric columns {@code xColumn} and {@code yColumn}
     * @return this builder
     */
    public LinePlot series(String name, Table table) {
        if (table == null) throw new IllegalArgumentException("table for series '" + name + "' must not be null");
        double[] x = column(table, xColumn), y = column(table, yColumn);
        return add(name, x, y, -1);
    }

    /**
     * Adds a line from a run's recorded trajectory; if the run diverged, the line is clipped and its legend says at
     * which step.
     *
     * @param name the legend entry (unique in this plot)
     * @param run a finished run; both columns must be trajectory columns ({@link GdResult#column})
     * @return this builder
     */
    public LinePlot run(String name, GdResult run) {
        if (run == null) throw new IllegalArgumentException("run for series '" + name + "' must not be null");
        return add(name, run.column(xColumn), run.column(yColumn), run.diverged() ? run.steps() : -1);
    }

    private LinePlot add(String name, double[] x, double[] y, long divergedAt) {
        if (name == null) throw new IllegalArgumentException("series name must not be null");
        if (!names.add(name)) throw new IllegalArgumentException("series name '" + name + "' used twice");
        lines.add(new Clip.Line(name, x, y, divergedAt));
        return this;
    }

    /**
     * @param t the title under the x axis (default: the x column's label)
     * @return this builder
     */
    public LinePlot xAxisTitle(String t) { this.xTitle = t; return this; }

    /**
     * @param t the title beside the y axis (default: the y column's label)
     * @return this builder
     */
    public LinePlot yAxisTitle(String t) { this.yTitle = t; return this; }

    /** @return this builder, drawing a marker at every point */
    public LinePlot markers() { this.markers = true; return this; }

    /**
     * The chart, with one series per line added (named as added, plus any note).
     *
     * @return a new chart
     */
    public XYChart build() {
        if (lines.isEmpty()) throw new IllegalArgumentException("add at least one series before build()");
        ThemedChart chart = chart(Labels.of(yColumn) + " against " + Labels.of(xColumn),
                xTitle != null ? xTitle : Labels.of(xColumn), yTitle != null ? yTitle : Labels.of(yColumn));
        chart.getStyler().setLegendVisible(lines.size() > 1 || !lines.get(0).name().isEmpty());
        for (Clip.Drawn d : Clip.clip(lines, logX, logY)) {
            if (d.x().length == 0) continue;
            XYSeries s = chart.addSeries(d.name(), d.x(), d.y());
            if (!markers) s.setMarker(SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty())
            throw new IllegalArgumentException("no plottable points in column '" + yColumn + "'"
                    + (logY || logX ? " (a log axis needs values > 0)" : ""));
        return chart;
    }

    private static double[] column(Table t, String column) {
        if (!t.columnNames().contains(column))
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + column + "'; columns: "
                    + t.columnNames());
        if (!(t.column(column) instanceof NumericColumn<?> c))
            throw new IllegalArgumentException("column '" + column + "' of table '" + t.name() + "' is not numeric");
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        return v;
    }
}
