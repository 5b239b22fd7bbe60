package org.largelr.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Lines of one table column against another, one series per table:
 *
 * <pre>{@code
 * XYChart c = LinePlot.of("step", "loss").series("h = 0.1", t1).series("h = 0.4", t2)
 *         .title("Loss").logY().build();
 * }</pre>
 *
 * On a log axis, non-positive values are dropped from the series (XChart refuses them), so a loss that
 * reached exactly 0 simply ends its line.
 */
public final class LinePlot {
    private final String xColumn, yColumn;
    private final Map<String, Table> series = new LinkedHashMap<>();
    private String title, xTitle, yTitle;
    private boolean logX, logY, markers;
    private int width = 720, height = 420;

    private LinePlot(String xColumn, String yColumn) {
        this.xColumn = xColumn;
        this.yColumn = yColumn;
    }

    public static LinePlot of(String xColumn, String yColumn) {
        if (xColumn == null || yColumn == null) throw new IllegalArgumentException("column names must not be null");
        return new LinePlot(xColumn, yColumn);
    }

    public LinePlot series(String name, Table table) {
        if (table == null) throw new IllegalArgumentException("table for series '" + name + "' must not be null");
        requireNumeric(table, xColumn);
        requireNumeric(table, yColumn);
        if (series.containsKey(name)) throw new IllegalArgumentException("series name '" + name + "' used twice");
        series.put(name, table);
        return this;
    }

    public LinePlot title(String t) { this.title = t; return this; }
    public LinePlot xAxisTitle(String t) { this.xTitle = t; return this; }
    public LinePlot yAxisTitle(String t) { this.yTitle = t; return this; }
    public LinePlot logX() { this.logX = true; return this; }
    public LinePlot logY() { this.logY = true; return this; }
    public LinePlot markers() { this.markers = true; return this; }

    public LinePlot size(int w, int h) {
        if (w < 50 || h < 50) throw new IllegalArgumentException("size must be at least 50x50 pixels, got " + w + "x" + h);
        this.width = w;
        this.height = h;
        return this;
    }

    public XYChart build() {
        if (series.isEmpty()) throw new IllegalArgumentException("add at least one series before build()");
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title == null ? yColumn + " vs " + xColumn : title)
                .xAxisTitle(xTitle == null ? xColumn : xTitle)
                .yAxisTitle(yTitle == null ? yColumn : yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        // Room for labels like "12,000": XChart's default spacing lets long step numbers run together.
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setLegendVisible(series.size() > 1 || series.keySet().stream().noneMatch(String::isEmpty));
        for (Map.Entry<String, Table> e : series.entrySet()) {
            double[][] xy = points(e.getValue());
            if (xy[0].length == 0) continue;
            XYSeries s = chart.addSeries(e.getKey(), xy[0], xy[1]);
            if (!markers) s.setMarker(SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty())
            throw new IllegalArgumentException("no plottable points in column '" + yColumn + "'"
                    + (logY || logX ? " (a log axis needs values > 0)" : ""));
        return chart;
    }

    private double[][] points(Table t) {
        NumericColumn<?> xs = t.numberColumn(xColumn), ys = t.numberColumn(yColumn);
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double x = xs.getDouble(i), y = ys.getDouble(i);
            if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
            if ((logX && x <= 0) || (logY && y <= 0)) continue;
            keep.add(new double[] {x, y});
        }
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            out[0][i] = keep.get(i)[0];
            out[1][i] = keep.get(i)[1];
        }
        return out;
    }

    private static void requireNumeric(Table t, String column) {
        if (!t.columnNames().contains(column))
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + column + "'; columns: "
                    + t.columnNames());
        if (!(t.column(column) instanceof NumericColumn))
            throw new IllegalArgumentException("column '" + column + "' of table '" + t.name() + "' is not numeric");
    }
}
