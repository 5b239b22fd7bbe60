package org.largelr.api;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.Table;

/**
 * Every chart of largelr, from one door. Each method returns an XChart {@link XYChart} (or a builder of one) with
 * {@link PlotTheme}, which the caller may restyle, add series to, or save; none writes a file.
 *
 * <pre>{@code
 * Charts.loss(small, large)                         // one line per run, named by h, in order; log scale
 * Charts.imbalance(runs)                            // a Map<String, GdResult>: its keys name the lines
 * Charts.trajectory(Columns.GRAD_NORM, small, large).logY().build()
 * Charts.phase(sweep).build()                       // outcome over (x0, h) with the theory's boundaries
 * Charts.limitBalance(sweep)                        // |x - y| of each limit against h, under its bound
 * Charts.grid(panels, 6)                            // many small charts in one image
 * }</pre>
 *
 * <p>Lines are cleaned before they are drawn (see {@link LinePlot}): a run that diverged is cut where it leaves
 * the other lines' range and its legend says {@code (diverged at step k)}; non-finite values are left out and
 * counted. Log axes are labelled in powers of ten, thinned to what fits.
 */
public final class Charts {
    private Charts() {}

    // ---- runs ------------------------------------------------------------------------------------------------

    /**
     * Loss against step on a log scale, one line per run.
     *
     * @param runs runs in the order their lines are added, named {@code "h = ..."} by learning rate
     * @return the chart
     */
    public static XYChart loss(GdResult... runs) { return loss(named(runs)); }

    /**
     * Loss against step on a log scale, one line per run.
     *
     * @param runs runs by legend name, in the map's order
     * @return the chart
     */
    public static XYChart loss(Map<String, GdResult> runs) {
        return trajectory(Columns.LOSS, runs).title("Loss").logY().build();
    }

    /**
     * {@code ||X||_F^2 - ||Y||_F^2} against step, one line per run.
     *
     * @param runs runs in order, named by learning rate
     * @return the chart
     */
    public static XYChart imbalance(GdResult... runs) { return imbalance(named(runs)); }

    /**
     * {@code ||X||_F^2 - ||Y||_F^2} against step, one line per run.
     *
     * @param runs runs by legend name, in the map's order
     * @return the chart
     */
    public static XYChart imbalance(Map<String, GdResult> runs) {
        return trajectory(Columns.IMBALANCE, runs).title("Imbalance ||X||_F^2 - ||Y||_F^2").build();
    }

    /**
     * {@code ||X^T X - Y^T Y||_F} against step (zero exactly when balanced), one line per run.
     *
     * @param runs runs in order, named by learning rate
     * @return the chart
     */
    public static XYChart balanceGap(GdResult... runs) { return balanceGap(named(runs)); }

    /**
     * {@code ||X^T X - Y^T Y||_F} against step, one line per run.
     *
     * @param runs runs by legend name, in the map's order
     * @return the chart
     */
    public static XYChart balanceGap(Map<String, GdResult> runs) {
        return trajectory(Columns.BALANCE_GAP, runs).title("Balance gap ||X^T X - Y^T Y||_F").build();
    }

    /**
     * Any trajectory column against step, one line per run; finish with {@code .build()}.
     *
     * @param column a trajectory column ({@link Columns#TRAJECTORY})
     * @param runs runs in order, named by learning rate
     * @return the builder, with a line per run
     */
    public static LinePlot trajectory(String column, GdResult... runs) { return trajectory(column, named(runs)); }

    /**
     * Any trajectory column against step, one line per run; finish with {@code .build()}.
     *
     * @param column a trajectory column ({@link Columns#TRAJECTORY})
     * @param runs runs by legend name, in the map's order
     * @return the builder, with a line per run
     */
    public static LinePlot trajectory(String column, Map<String, GdResult> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        LinePlot plot = LinePlot.of(Columns.STEP, column);
        runs.forEach(plot::run);
        return plot;
    }

    /**
     * Sharpness (top Hessian eigenvalue) along each run against its {@code 2/h}, the edge of stability: a solid
     * line per run and a dashed one, in the same colour, at its {@code 2/h}. The runs must have been recorded with
     * {@code recordSharpness(true)}.
     *
     * @param runs runs in order, named by learning rate
     * @return the chart
     */
    public static XYChart sharpness(GdResult... runs) { return sharpness(named(runs)); }

    /**
     * Sharpness along each run against its {@code 2/h}; see {@link #sharpness(GdResult...)}.
     *
     * @param runs runs by legend name, in the map's order
     * @return the chart
     */
    public static XYChart sharpness(Map<String, GdResult> runs) {
        XYChart chart = trajectory(Columns.SHARPNESS, runs).title("Sharpness along the run against 2/h").build();
        List<XYSeries> lines = new ArrayList<>(chart.getSeriesMap().values());
        int i = 0;
        for (Map.Entry<String, GdResult> e : runs.entrySet()) {
            XYSeries line = lines.stream().filter(s -> s.getName().equals(e.getKey())
                    || s.getName().startsWith(e.getKey() + " (")).findFirst().orElse(null);
            Color color = PlotTheme.SERIES[i++ % PlotTheme.SERIES.length];
            if (line == null) continue;
            line.setLineColor(color);
            double[] step = line.getXData();
            double edge = 2 / e.getValue().h();
            XYSeries b = chart.addSeries(e.getKey() + ": 2/h", new double[] {step[0], step[step.length - 1]},
                    new double[] {edge, edge});
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(color);
            b.setLineStyle(PlotTheme.dashed(1.5f, new float[] {8f, 5f}));
        }
        return chart;
    }

    /**
     * Runs named by learning rate, in order: {@code "h = 0.1"}, and {@code "h = 0.1 #2"} for a second run with
     * the same h.
     *
     * @param runs the runs
     * @return an ordered map from name to run
     */
    public static Map<String, GdResult> named(GdResult... runs) {
        if (runs == null || runs.length == 0) throw new IllegalArgumentException("give at least one run");
        Map<String, GdResult> out = new LinkedHashMap<>();
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null) throw new IllegalArgumentException("run " + i + " is null");
            String base = Clip.hName(runs[i].h()), name = base;
            for (int k = 2; out.containsKey(name); k++) name = base + " #" + k;
            out.put(name, runs[i]);
        }
        return out;
    }

    // ---- tables ----------------------------------------------------------------------------------------------

    /**
     * Lines of one table column against another; add tables or runs, then {@code .build()}.
     *
     * @param xColumn the column across
     * @param yColumn the column up
     * @return the builder
     */
    public static LinePlot lines(String xColumn, String yColumn) { return LinePlot.of(xColumn, yColumn); }

    /**
     * A sweep's phase diagram, squares coloured by outcome, the theory's boundaries on top; finish with
     * {@code .build()}.
     *
     * @param sweep a sweep table (columns {@code h}, {@code outcome}, ...)
     * @return the builder
     */
    public static PhaseDiagram phase(Table sweep) { return PhaseDiagram.outcome(sweep); }

    /**
     * A sweep's phase diagram coloured by the balance of each limit; finish with {@code .build()}.
     *
     * @param sweep a sweep table
     * @return the builder
     */
    public static PhaseDiagram phaseBalance(Table sweep) { return PhaseDiagram.balance(sweep); }

    /**
     * A sweep's phase diagram coloured by any numeric column; finish with {@code .build()}.
     *
     * @param sweep a sweep table
     * @param column the numeric column that sets the colour
     * @return the builder
     */
    public static PhaseDiagram phase(Table sweep, String column) { return PhaseDiagram.of(sweep, column); }

    /**
     * The balance of the limit against the learning rate, a dot per converged run: {@code |x - y|} for a scalar
     * sweep, under the bound {@code sqrt(2/h - 2 mu)} (derived from the stability of minima,
     * {@link org.largelr.api.Theory#scalarBalanceBound}); {@code balance_gap} for a matrix sweep.
     *
     * @param sweep a sweep table
     * @return the chart
     */
    public static XYChart limitBalance(Table sweep) {
        PhaseDiagram.requireColumn(sweep, Columns.H);
        PhaseDiagram.requireColumn(sweep, Columns.OUTCOME);
        boolean scalar = sweep.columnNames().contains(Columns.X) && sweep.columnNames().contains(Columns.MU);
        if (!scalar) PhaseDiagram.requireColumn(sweep, Columns.BALANCE_GAP);
        List<double[]> pts = new ArrayList<>();
        double mu = Double.NaN;
        for (int i = 0; i < sweep.rowCount(); i++) {
            if (!Outcome.CONVERGED.name().equals(sweep.stringColumn(Columns.OUTCOME).get(i))) continue;
            double h = sweep.numberColumn(Columns.H).getDouble(i);
            double v = scalar ? Math.abs(sweep.numberColumn(Columns.X).getDouble(i) - sweep.numberColumn(Columns.Y).getDouble(i))
                    : sweep.numberColumn(Columns.BALANCE_GAP).getDouble(i);
            if (scalar) mu = sweep.numberColumn(Columns.MU).getDouble(i);
            if (Double.isFinite(v) && Double.isFinite(h)) pts.add(new double[] {h, v});
        }
        if (pts.isEmpty()) throw new IllegalArgumentException("table '" + sweep.name() + "' has no converged run to plot");
        XYChart chart = xy(760, 460);
        chart.setTitle(scalar ? "Balance of the limit against the learning rate"
                : "Balance gap of the limit against the learning rate");
        chart.setXAxisTitle(Labels.of(Columns.H));
        chart.setYAxisTitle(scalar ? "|x - y| at the limit" : "||X^T X - Y^T Y||_F at the limit");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        dots(chart, "converged runs", xs(pts), ys(pts)).setMarkerColor(PlotTheme.DOTS);
        if (scalar && mu > 0) {
            double hMin = pts.stream().mapToDouble(p -> p[0]).min().orElseThrow();
            double hMax = pts.stream().mapToDouble(p -> p[0]).max().orElseThrow();
            double top = Math.min(hMax, 1 / mu), yMax = pts.stream().mapToDouble(p -> p[1]).max().orElse(1) * 1.3;
            List<double[]> curve = new ArrayList<>();
            for (int i = 0, k = 200; i <= k; i++) {
                double h = hMin + (top - hMin) * i / k;
                double b = Math.sqrt(Math.max(0, Theory.balanceBound(h, mu)));
                if (b <= yMax) curve.add(new double[] {h, b});
            }
            if (!curve.isEmpty()) reference(chart, "bound sqrt(2/h - 2 mu) (derived)", xs(curve), ys(curve));
        }
        return chart;
    }

    // ---- building blocks -------------------------------------------------------------------------------------

    /**
     * An empty chart with the theme, for a chart of one's own; title it with {@code setTitle},
     * {@code setXAxisTitle}, {@code setYAxisTitle} and fill it with {@link #line}, {@link #dots},
     * {@link #reference} or {@code addSeries}.
     *
     * @param width width in pixels, at least 50
     * @param height height in pixels, at least 50
     * @return the chart
     */
    public static XYChart xy(int width, int height) {
        if (width < 50 || height < 50)
            throw new IllegalArgumentException("size must be at least 50x50 pixels, got " + width + "x" + height);
        return new ThemedChart(width, height);
    }

    /**
     * Adds a line without markers; non-finite points (and, on a log axis set before this call, points at or
     * below 0) are left out.
     *
     * @param chart the chart
     * @param name the legend entry
     * @param x values across
     * @param y values up
     * @return the series, to restyle
     */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = add(chart, name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /**
     * Adds a scatter of round dots, cleaned as {@link #line}.
     *
     * @param chart the chart
     * @param name the legend entry
     * @param x values across
     * @param y values up
     * @return the series, to restyle
     */
    public static XYSeries dots(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = add(chart, name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /**
     * Adds a reference curve (a limit, a bound, a threshold): black for the first a chart gets, then dashed blue,
     * dotted purple, dash-dotted grey.
     *
     * @param chart the chart
     * @param name the legend entry; say where it comes from, e.g. {@code "2/L (classical)"}
     * @param x values across
     * @param y values up
     * @return the series, to restyle
     */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y) {
        int k = chart instanceof ThemedChart t ? t.references++ : 0;
        Color color = PlotTheme.REFERENCE_COLORS[k % PlotTheme.REFERENCE_COLORS.length];
        float[] dashes = PlotTheme.REFERENCE_DASHES[k % PlotTheme.REFERENCE_DASHES.length];
        XYSeries s = line(chart, name, x, y);
        if (x.length == 1) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(PlotTheme.dashed(2f, dashes));
        return s;
    }

    /**
     * Shades the region between two curves, {@code lower[i] <= y <= upper[i]} at each {@code x[i]} (x ascending),
     * in translucent grey over what the chart already shows, so a region of a phase diagram can be marked without
     * hiding its cells. Points where either curve is not finite, or where {@code lower > upper}, are left out.
     *
     * @param chart the chart
     * @param name the legend entry; say what the region is
     * @param x values across, ascending
     * @param lower the region's lower edge at each x
     * @param upper the region's upper edge at each x
     * @return the series (a closed polygon), to restyle
     */
    public static XYSeries band(XYChart chart, String name, double[] x, double[] lower, double[] upper) {
        if (x.length != lower.length || x.length != upper.length)
            throw new IllegalArgumentException("band needs as many lower and upper values as x values, got " + x.length
                    + ", " + lower.length + ", " + upper.length);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && !(x[i] >= x[i - 1]))
                throw new IllegalArgumentException("band's x must be ascending, got " + x[i - 1] + " then " + x[i]);
            if (Double.isFinite(x[i]) && Double.isFinite(lower[i]) && Double.isFinite(upper[i]) && lower[i] <= upper[i])
                kept.add(new double[] {x[i], lower[i], upper[i]});
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("band '" + name + "' is empty: no x with lower <= upper");
        // The polygon: along the lower edge left to right, then back along the upper edge.
        int k = kept.size();
        double[] px = new double[2 * k], py = new double[2 * k];
        for (int i = 0; i < k; i++) {
            px[i] = kept.get(i)[0];
            py[i] = kept.get(i)[1];
            px[2 * k - 1 - i] = kept.get(i)[0];
            py[2 * k - 1 - i] = kept.get(i)[2];
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(PlotTheme.SHADE);
        s.setLineColor(PlotTheme.SHADE);
        return s;
    }

    /**
     * Adds a vertical reference line at {@code x} across the y range of the series already in the chart.
     *
     * @param chart a chart with at least one series
     * @param name the legend entry
     * @param x where
     * @return the series, to restyle
     */
    public static XYSeries vertical(XYChart chart, String name, double x) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values())
            for (double v : s.getYData())
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
        if (!(hi >= lo)) throw new IllegalArgumentException("add the data before a vertical line: the chart has no y values");
        return reference(chart, name, new double[] {x, x}, new double[] {lo, hi});
    }

    /** The widest image {@link #grid(List, int)} draws: a notebook's output area, so it is shown unscaled. */
    public static final int GRID_WIDTH = 1320;

    /**
     * Charts in a grid, drawn into one image, row by row, at most {@value #GRID_WIDTH} pixels wide: see
     * {@link #grid(List, int, int)}.
     *
     * @param charts the panels, at least one
     * @param columns panels per row, at least 1
     * @return the image
     */
    public static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        return grid(charts, columns, GRID_WIDTH);
    }

    /**
     * Charts in a grid, drawn into one image, row by row; each cell is as large as the largest chart. When the
     * row would be wider than {@code maxWidth}, every chart is drawn smaller by the same factor, with its fonts
     * kept: a browser would shrink a wider image, type and all, until the ticks could not be read. Each chart keeps
     * its own size afterwards. Every Java kernel shows a {@link BufferedImage} as a PNG.
     *
     * @param charts the panels, at least one
     * @param columns panels per row, at least 1
     * @param maxWidth the widest the image may be, at least 100 pixels
     * @return the image
     */
    public static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns, int maxWidth) {
        if (charts == null || charts.isEmpty()) throw new IllegalArgumentException("charts must not be empty");
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        if (maxWidth < 100) throw new IllegalArgumentException("maxWidth must be >= 100 pixels, got " + maxWidth);
        int cellW = 0, cellH = 0;
        for (Chart<?, ?> c : charts) {
            cellW = Math.max(cellW, c.getWidth());
            cellH = Math.max(cellH, c.getHeight());
        }
        int cols = Math.min(columns, charts.size()), rows = (charts.size() + columns - 1) / columns;
        int cw = Math.min(cellW, maxWidth / cols);
        double f = (double) cw / cellW;
        int ch = (int) Math.round(cellH * f);
        if ((long) cw * cols * ch * rows > 40_000_000L)
            throw new IllegalArgumentException("the grid would be " + cw * cols + "x" + ch * rows
                    + " pixels; use smaller charts or fewer panels");
        BufferedImage img = new BufferedImage(cw * cols, ch * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int k = 0; k < charts.size(); k++) {
                Chart<?, ?> c = charts.get(k);
                int w = c.getWidth(), h = c.getHeight(), pw = (int) Math.round(w * f), ph = (int) Math.round(h * f);
                Graphics2D cell = (Graphics2D) g.create((k % columns) * cw, (k / columns) * ch, pw, ph);
                try {
                    c.paint(cell, pw, ph);
                } finally {
                    cell.dispose();
                }
                if (pw != w || ph != h) restoreSize(c, w, h);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** XChart's paint keeps the size it was given; put the chart's own back (a paint into a scratch image). */
    private static void restoreSize(Chart<?, ?> c, int w, int h) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            c.paint(g, w, h);
        } finally {
            g.dispose();
        }
    }

    private static XYSeries add(XYChart chart, String name, double[] x, double[] y) {
        if (chart == null) throw new IllegalArgumentException("chart must not be null");
        if (x == null || y == null) throw new IllegalArgumentException("series '" + name + "': x and y must not be null");
        Clip.Drawn d = Clip.clip(List.of(new Clip.Line(name, x, y, -1)), chart.getStyler().isXAxisLogarithmic(),
                chart.getStyler().isYAxisLogarithmic()).get(0);
        if (d.x().length == 0) throw new IllegalArgumentException("series '" + name + "' has no plottable point");
        return chart.addSeries(d.name(), d.x(), d.y());
    }

    static double[] xs(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[0]).toArray();
    }

    static double[] ys(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[1]).toArray();
    }
}
