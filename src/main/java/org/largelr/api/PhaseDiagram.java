package org.largelr.api;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.largelr.table.Tables;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A phase diagram of a sweep table: one square per run over (initialization x learning rate), coloured by outcome
 * or by how balanced the limit is, with the theory's boundaries drawn on top. An XYChart with square markers (not
 * XChart's HeatMapChart, which cannot carry the boundary curves), so it can still be restyled.
 *
 * <pre>{@code
 * XYChart c = PhaseDiagram.outcome(table).build();              // x0 across, h up, boundaries on
 * XYChart b = PhaseDiagram.balance(table).y("hL").build();      // |x - y| of converged runs, in units of h L
 * }</pre>
 *
 * <p>Boundaries, each computed from the table itself (at each x, the median over the rows there), in the y axis'
 * units: "2/L (classical)", the classical limit ({@code h L = 2} on an h L axis); for a scalar sweep
 * {@link #H0_CURVE}, the largest step of the paper's scalar experiments {@code h0 = 4/(x0^2 + y0^2 + 8)} (inside
 * Theorem 3.1's range for the paper's starts, see {@link org.largelr.api.Theory#h0()}; at other starts it is the
 * formula extrapolated), and "1/mu (derived)", above which no
 * global minimum is stable; for a matrix sweep "1/sigma_1 (derived)" from the table's {@code sigma1} column or
 * {@link #noStableMinimumAbove(double)}. The balancing bound {@code (x - y)^2 <= 2/h - 2 mu} concerns the limit,
 * not the start: {@link Charts#limitBalance} draws it. {@link Charts#phase} is the usual way in.
 */
public final class PhaseDiagram extends ChartBuilder<PhaseDiagram> {
    /**
     * The series of a colour's cells is its legend name plus this; the series of the legend name itself holds one
     * NaN point, drawn nowhere, so the legend's squares keep their size whatever the cells' size.
     */
    public static final String CELLS = " (cells)";
    /** The legend entry of the h0 curve ({@code " x L"} appended on an h L axis). */
    public static final String H0_CURVE = "h0 (paper's formula, extrapolated)";
    private static final int LEGEND_SQUARE = 12;

    private enum Mode { OUTCOME, BALANCE, COLUMN }

    private final Table t;
    private final Mode mode;
    private final String colorColumn;
    private final boolean scalar;
    private String xColumn, yColumn = Columns.H;
    private boolean theory = true;
    private double noStableAbove = Double.NaN;

    private PhaseDiagram(Table t, Mode mode, String colorColumn) {
        super(860, 560, 200, 150);
        if (t == null) throw new IllegalArgumentException("sweep table must not be null");
        if (t.rowCount() == 0) throw new IllegalArgumentException("sweep table '" + t.name() + "' has no rows");
        requireColumn(t, Columns.H);
        requireColumn(t, Columns.OUTCOME);
        this.t = t;
        this.mode = mode;
        this.colorColumn = colorColumn;
        this.scalar = t.columnNames().contains(Columns.X0) && t.columnNames().contains(Columns.MU);
        this.xColumn = scalar ? Columns.X0 : firstVarying(t, Columns.C, Columns.SCALE, Columns.SEED, Columns.N, Columns.M, Columns.D);
    }

    /** The first of the columns that holds more than one value (else the first). */
    private static String firstVarying(Table t, String... columns) {
        for (String c : columns)
            if (t.columnNames().contains(c) && t.column(c).unique().size() > 1) return c;
        return columns[0];
    }

    /**
     * Squares coloured by outcome: converged, step budget used up, diverged.
     *
     * @param sweep a sweep table
     * @return the builder
     */
    public static PhaseDiagram outcome(Table sweep) {
        return new PhaseDiagram(sweep, Mode.OUTCOME, null);
    }

    /**
     * Squares coloured by how balanced the limit is: {@code |x - y|} for a scalar sweep, {@code balance_gap}
     * ({@code ||X^T X - Y^T Y||_F}) for a matrix sweep; runs that did not converge are grey.
     *
     * @param sweep a sweep table
     * @return the builder
     */
    public static PhaseDiagram balance(Table sweep) {
        return new PhaseDiagram(sweep, Mode.BALANCE, null);
    }

    /**
     * Squares coloured by any numeric column (8 colour bins from its smallest to its largest value).
     *
     * @param sweep a sweep table
     * @param column the numeric column that sets the colour
     * @return the builder
     */
    public static PhaseDiagram of(Table sweep, String column) {
        requireColumn(sweep, column);
        return new PhaseDiagram(sweep, Mode.COLUMN, column);
    }

    /**
     * The column across (default {@code x0} for a scalar sweep; for a matrix sweep the first of {@code c, scale,
     * seed, n, m, d} that varies).
     *
     * @param column a numeric column of the table
     * @return this builder
     */
    public PhaseDiagram x(String column) {
        requireColumn(t, column);
        this.xColumn = column;
        return this;
    }

    /**
     * The column up: {@code h} (default), {@code hL} (h times L at the start) or {@code h_factor} (h in the unit
     * the sweep's grid was given in, e.g. multiples of 2/L); the boundaries follow, row by row.
     *
     * @param column {@code h}, {@code hL} or {@code h_factor}
     * @return this builder
     */
    public PhaseDiagram y(String column) {
        if (!List.of(Columns.H, Columns.HL, Columns.H_FACTOR).contains(column))
            throw new IllegalArgumentException("y must be '" + Columns.H + "', '" + Columns.HL + "' (h L) or '"
                    + Columns.H_FACTOR + "' (h in the sweep's unit), got '" + column + "'");
        requireColumn(t, column);
        this.yColumn = column;
        return this;
    }

    /**
     * Draw the boundaries (default on).
     *
     * @param on whether to draw them
     * @return this builder
     */
    public PhaseDiagram theory(boolean on) { this.theory = on; return this; }

    /**
     * For matrix sweeps: the step above which no global minimum is stable, {@code 1/sigma_1(A)} (Theory).
     *
     * @param h that step, finite and &gt; 0
     * @return this builder
     */
    public PhaseDiagram noStableMinimumAbove(double h) {
        if (!(h > 0) || !Double.isFinite(h))
            throw new IllegalArgumentException("noStableMinimumAbove must be finite and > 0, got " + h);
        this.noStableAbove = h;
        return this;
    }

    /**
     * The diagram: one square series per colour, then the boundaries.
     *
     * @return a new chart with {@link PlotTheme}
     */
    public XYChart build() {
        int n = t.rowCount();
        double[] xs = values(xColumn), ys = values(yColumn);
        double[] xGrid = distinct(xs), yGrid = distinct(ys);
        ThemedChart chart = chart(defaultTitle(), axisTitle(xColumn), axisTitle(yColumn));
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        // Squares tile the plane: grid lines would only show through the gaps.
        s.setPlotGridLinesVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        // XChart sizes every marker, and the legend's rows, by one styler value: keep that for the legend and
        // draw the cells with a marker of their own size.
        s.setMarkerSize(LEGEND_SQUARE);
        Cell cell = cell(xGrid.length, yGrid.length);

        // Cells, one series per colour, each with a one-point twin that carries the legend entry.
        String[] label = new String[n];
        Color[] color = new Color[n];
        List<String> order = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        classify(label, color, order, colors);
        for (int c = 0; c < order.size(); c++) {
            String name = order.get(c);
            int count = 0;
            for (int i = 0; i < n; i++) if (name.equals(label[i])) count++;
            if (count == 0) continue;
            double[] px = new double[count], py = new double[count];
            for (int i = 0, k = 0; i < n; i++)
                if (name.equals(label[i])) {
                    px[k] = xs[i];
                    py[k++] = ys[i];
                }
            XYSeries cells = chart.addSeries(name + CELLS, px, py);
            cells.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            cells.setMarker(cell);
            cells.setMarkerColor(colors.get(c));
            cells.setShowInLegend(false);
            // The twin's one point is NaN: XChart draws nothing for it but still lists it in the legend.
            XYSeries entry = chart.addSeries(name, new double[] {Double.NaN}, new double[] {Double.NaN});
            entry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            entry.setMarker(SeriesMarkers.SQUARE);
            entry.setMarkerColor(colors.get(c));
        }
        double yLo = yGrid[0], yHi = yGrid[yGrid.length - 1];
        double padY = yGrid.length > 1 ? (yHi - yLo) / (yGrid.length - 1) / 2 : Math.abs(yLo) * 0.05 + 1e-12;
        double padX = xGrid.length > 1 ? (xGrid[xGrid.length - 1] - xGrid[0]) / (xGrid.length - 1) / 2 : Math.abs(xGrid[0]) * 0.05 + 1e-12;
        if (!logY) {
            s.setYAxisMin(yLo - padY);
            s.setYAxisMax(yHi + padY);
        }
        if (!logX) {
            s.setXAxisMin(xGrid[0] - padX);
            s.setXAxisMax(xGrid[xGrid.length - 1] + padX);
        }
        if (theory) overlays(chart, xs, xGrid, yLo - padY, yHi + padY);
        return chart;
    }

    private String defaultTitle() {
        String what = switch (mode) {
            case OUTCOME -> "Outcome";
            case BALANCE -> scalar ? "Balance of the limit |x - y|" : "Balance of the limit ||X^T X - Y^T Y||_F";
            case COLUMN -> colorColumn;
        };
        return what + " over " + axisTitle(xColumn) + " and " + axisTitle(yColumn);
    }

    /** A column's label; for {@code h_factor}, the unit its grid was given in when the table has one. */
    private String axisTitle(String column) {
        if (Columns.H_FACTOR.equals(column) && t.columnNames().contains(Columns.H_UNIT)
                && t.column(Columns.H_UNIT).unique().size() == 1)
            return "h in units of " + t.column(Columns.H_UNIT).getString(0);
        return Labels.of(column);
    }

    private void classify(String[] label, Color[] color, List<String> order, List<Color> colors) {
        StringColumn outcome = t.stringColumn(Columns.OUTCOME);
        int n = t.rowCount();
        if (mode == Mode.OUTCOME) {
            order.addAll(List.of("converged", "step budget used up", "diverged"));
            colors.addAll(List.of(PlotTheme.CONVERGED, PlotTheme.MAX_STEPS, PlotTheme.DIVERGED));
            for (int i = 0; i < n; i++)
                label[i] = switch (Outcome.valueOf(outcome.get(i))) {
                    case CONVERGED -> "converged";
                    case DIVERGED -> "diverged";
                    case MAX_STEPS -> "step budget used up";
                };
            return;
        }
        double[] v = new double[n];
        boolean[] use = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (mode == Mode.BALANCE) {
                use[i] = Outcome.CONVERGED.name().equals(outcome.get(i));
                v[i] = scalar ? Math.abs(num(Columns.X, i) - num(Columns.Y, i)) : num(Columns.BALANCE_GAP, i);
            } else {
                v[i] = num(colorColumn, i);
                use[i] = true;
            }
            use[i] &= Double.isFinite(v[i]);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++)
            if (use[i]) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
        int bins = PlotTheme.VIRIDIS.length;
        String[] names = new String[bins];
        for (int b = 0; b < bins; b++) {
            double a = lo + (hi - lo) * b / bins, z = lo + (hi - lo) * (b + 1) / bins;
            String quantity = mode == Mode.COLUMN ? colorColumn : scalar ? "|x - y|" : "balance gap";
            names[b] = (b == 0 ? quantity + " " : "") + Tables.format(a, 3) + " .. " + Tables.format(z, 3);
            order.add(names[b]);
            colors.add(PlotTheme.VIRIDIS[b]);
        }
        String other = mode == Mode.BALANCE ? "did not converge" : "not finite";
        order.add(other);
        colors.add(PlotTheme.NOT_CONVERGED);
        for (int i = 0; i < n; i++) {
            if (!use[i]) {
                label[i] = other;
                continue;
            }
            int b = hi > lo ? (int) Math.min(bins - 1, Math.floor((v[i] - lo) / (hi - lo) * bins)) : 0;
            label[i] = names[b];
        }
    }

    private void overlays(XYChart chart, double[] xs, double[] xGrid, double yMin, double yMax) {
        boolean inHL = Columns.HL.equals(yColumn);
        int n = t.rowCount();
        double[] l = values(Columns.L), h = values(Columns.H), y = values(yColumn);
        boolean sigma1 = t.columnNames().contains(Columns.SIGMA1);
        // Per row: each boundary as a learning rate, then in the y axis' units (y is h times a per-row factor:
        // 1, L, or 1/h_unit), then the median at each x.
        double[] classical = new double[n], h0 = new double[n], noStable = new double[n];
        for (int i = 0; i < n; i++) {
            double unit = inHL ? l[i] : Columns.H.equals(yColumn) ? 1 : y[i] / h[i];   // exact where it can be
            classical[i] = Theory.classicalLimit(l[i]) * unit;
            if (scalar) {
                double x0 = num(Columns.X0, i), y0 = num(Columns.Y0, i), mu = num(Columns.MU, i);
                h0[i] = Theory.h0(x0 * x0 + y0 * y0) * unit;
                noStable[i] = Theory.noStableMinimumAbove(Math.abs(mu)) * unit;
            } else {
                h0[i] = Double.NaN;
                double above = !Double.isNaN(noStableAbove) ? noStableAbove
                        : sigma1 ? Theory.noStableMinimumAbove(num(Columns.SIGMA1, i)) : Double.NaN;
                noStable[i] = above * unit;
            }
        }
        // Each boundary takes the next reference style: 2/L black, h0 dashed blue, 1/mu dotted purple.
        curve(chart, inHL ? "h L = 2 (classical)" : "2/L (classical)", xs, xGrid, classical, yMin, yMax);
        // h0 is the step formula of the paper's experiment, whose starts had norms (9, 1), (19, 1), (99, 1); a curve
        // over a sweep's starts is that formula extrapolated, not the paper's hypothesis for those starts.
        if (scalar) curve(chart, H0_CURVE + (inHL ? " x L" : ""), xs, xGrid, h0, yMin, yMax);
        curve(chart, (scalar ? "1/mu" : "1/sigma_1") + (inHL ? " x L" : "") + " (derived)",
                xs, xGrid, noStable, yMin, yMax);
    }

    private static void curve(XYChart chart, String name, double[] xs, double[] xGrid, double[] v, double yMin,
                              double yMax) {
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        for (int i = 0; i < xs.length; i++) if (Double.isFinite(v[i])) byX.computeIfAbsent(xs[i], k -> new ArrayList<>()).add(v[i]);
        List<double[]> pts = new ArrayList<>();
        for (double x : xGrid) {
            List<Double> at = byX.get(x);
            if (at == null) continue;
            double[] a = at.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double med = a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
            if (med >= yMin && med <= yMax) pts.add(new double[] {x, med});
        }
        if (pts.isEmpty()) return;   // the boundary lies outside the grid
        Charts.reference(chart, name, Charts.xs(pts), Charts.ys(pts));
    }

    private Cell cell(int nx, int ny) {
        // The plot area is roughly the chart less the axes (about 90 px) and the legend (about 180 px); a pixel
        // more than the share of each cell, so neighbours overlap instead of leaving white seams.
        double w = Math.max(50, width - 270.0) / nx, h = Math.max(50, height - 110.0) / ny;
        return new Cell(Math.max(2, Math.ceil(w) + 1), Math.max(2, Math.ceil(h) + 1));
    }

    /** A w x h rectangle in pixels, whatever size XChart asks for. */
    private static final class Cell extends Marker {
        private final double w, h;

        Cell(double w, double h) {
            this.w = w;
            this.h = h;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int ignored) {
            g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
        }
    }

    private double[] values(String column) {
        requireColumn(t, column);
        NumericColumn<?> c = t.numberColumn(column);
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = c.getDouble(i);
        return v;
    }

    private double num(String column, int row) {
        return t.numberColumn(column).getDouble(row);
    }

    static double[] distinct(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).distinct().sorted().toArray();
    }

    static void requireColumn(Table t, String column) {
        if (t == null) throw new IllegalArgumentException("table must not be null");
        if (!t.columnNames().contains(column))
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + column + "'; columns: "
                    + t.columnNames());
        if (Columns.OUTCOME.equals(column)) return;
        if (!(t.column(column) instanceof NumericColumn))
            throw new IllegalArgumentException("column '" + column + "' of table '" + t.name() + "' is not numeric");
    }
}
