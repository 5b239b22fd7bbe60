package org.largelr.plot;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.largelr.table.Tables;

/**
 * An XYChart with {@link PlotTheme} whose axes stay readable at any size. Its data and styler are an ordinary
 * XYChart's (raw values, {@code isYAxisLogarithmic()}, limits in data units); only while it paints does it
 * work around two habits of XChart 3.8's tick calculators:
 * <ul>
 * <li>a log axis labels every decade and draws a grid line at each of 2..9 times it, so forty decades become a
 * black smear over a hatched grid. While painting, the values of a log axis are replaced by their log10 on a
 * linear axis, whose ticks XChart spaces at 1, 2 or 5 x 10^k decades with room for every label; the labels
 * read as powers of ten ({@code 1e-20}, {@code 0.01}, {@code 1000}).</li>
 * <li>when the values of an axis are evenly spaced (steps 0, 1, ..., n), XChart puts its ticks on data points
 * (116, 232, 348, ...) and checks their room too optimistically, so narrow charts run their labels together.
 * While painting, such an axis gets half a spacing more room at its top, which sends XChart back to its round
 * tick steps.</li>
 * </ul>
 * Both are skipped for an axis whose tick labels the user formats, or for a log axis of a chart with annotations
 * or error bars (those are drawn in data units). A chart is not painted from two threads at once (XChart's
 * charts are not thread-safe either).
 *
 * <p>Public only so that kernels which look methods up on a value's own class can call them; make one with
 * {@link Charts#xy} or any other {@link Charts} method.
 */
public final class ThemedChart extends XYChart {
    /** How many reference curves {@link Charts#reference} has added: each gets the next reference style. */
    int references;

    ThemedChart(int width, int height) {
        super(width, height, PlotTheme.forSize(width, height));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        Runnable restore = readableAxes(width, height);
        try {
            super.paint(g, width, height);
        } finally {
            restore.run();
        }
    }

    /** Switches the axes to their readable form for one paint; the returned action switches them back. */
    private Runnable readableAxes(int width, int height) {
        XYStyler s = getStyler();
        List<XYSeries> series = new ArrayList<>(getSeriesMap().values());
        boolean errorBars = series.stream().anyMatch(x -> x.getExtraValues() != null);
        boolean logX = s.isXAxisLogarithmic() && s.getxAxisTickLabelsFormattingFunction() == null
                && annotations.isEmpty();
        boolean logY = s.isYAxisLogarithmic() && s.getyAxisTickLabelsFormattingFunction() == null
                && annotations.isEmpty() && !errorBars;
        // What to put back.
        List<double[][]> data = new ArrayList<>();
        for (XYSeries x : series) data.add(new double[][] {x.getXData(), x.getYData(), x.getExtraValues()});
        Double xMin = s.getXAxisMin(), xMax = s.getXAxisMax(), yMin = s.getYAxisMin(), yMax = s.getYAxisMax();
        boolean wasLogX = s.isXAxisLogarithmic(), wasLogY = s.isYAxisLogarithmic();
        Function<Double, String> xFormat = s.getxAxisTickLabelsFormattingFunction(),
                yFormat = s.getyAxisTickLabelsFormattingFunction();

        if (logX || logY) {
            for (int i = 0; i < series.size(); i++) {
                double[][] d = data.get(i);
                series.get(i).replaceData(logX ? log10(d[0]) : d[0], logY ? log10(d[1]) : d[1], d[2]);
            }
        }
        if (logX) {
            s.setXAxisLogarithmic(false);
            if (xMin != null) s.setXAxisMin(log10(xMin));
            if (xMax != null) s.setXAxisMax(log10(xMax));
        }
        if (logY) {
            s.setYAxisLogarithmic(false);
            if (yMin != null) s.setYAxisMin(log10(yMin));
            if (yMax != null) s.setYAxisMax(log10(yMax));
        }
        boolean xFree = s.getxAxisTickLabelsFormattingFunction() == null, yFree = s.getyAxisTickLabelsFormattingFunction() == null;
        double[] xr = padIfEvenlySpaced(series, true, s.getXAxisMin(), s.getXAxisMax(), xFree && s.getXAxisMax() == null);
        double[] yr = padIfEvenlySpaced(series, false, s.getYAxisMin(), s.getYAxisMax(), yFree && s.getYAxisMax() == null);
        if (xr != null) s.setXAxisMax(xr[1]);
        if (yr != null) s.setYAxisMax(yr[1]);
        int xHint = s.getXAxisTickMarkSpacingHint(), yHint = s.getYAxisTickMarkSpacingHint();
        if (logX) {
            double decades = range(series, true, s.getXAxisMin(), s.getXAxisMax());
            s.setxAxisTickLabelsFormattingFunction(powersOfTen(decades));
            s.setXAxisTickMarkSpacingHint(wholeDecades(xHint, width, decades));
        }
        if (logY) {
            double decades = range(series, false, s.getYAxisMin(), s.getYAxisMax());
            s.setyAxisTickLabelsFormattingFunction(powersOfTen(decades));
            s.setYAxisTickMarkSpacingHint(wholeDecades(yHint, height, decades));
        }

        return () -> {
            for (int i = 0; i < series.size(); i++) {
                double[][] d = data.get(i);
                series.get(i).replaceData(d[0], d[1], d[2]);
            }
            s.setXAxisLogarithmic(wasLogX);
            s.setYAxisLogarithmic(wasLogY);
            s.setXAxisMin(xMin);
            s.setXAxisMax(xMax);
            s.setYAxisMin(yMin);
            s.setYAxisMax(yMax);
            s.setxAxisTickLabelsFormattingFunction(xFormat);
            s.setXAxisTickMarkSpacingHint(xHint);
            s.setYAxisTickMarkSpacingHint(yHint);
            s.setyAxisTickLabelsFormattingFunction(yFormat);
        };
    }

    /**
     * Labels for a log10 axis: whole exponents as powers of ten, others (an axis spanning a decade or two gets
     * ticks between decades) as the value with enough digits to tell neighbours apart.
     */
    static Function<Double, String> powersOfTen(double span) {
        int digits = (int) Math.max(2, Math.min(6, 2 + Math.ceil(-Math.log10(Math.max(span, 1e-12)))));
        return e -> {
            long k = Math.round(e);
            if (Math.abs(e - k) > 1e-9) return Tables.format(Math.pow(10, e), digits);
            if (k >= -3 && k <= 3) return Tables.format(Math.pow(10, k), 1);
            return "1e" + k;
        };
    }

    /**
     * A spacing hint large enough that XChart's step on a log10 axis is at least one decade (its raw step, span /
     * pixels x hint, rounds to one decade above 0.75), so labels read 1, 10, 100 rather than 1, 3.2, 10, when the
     * axis spans two decades or more. {@code pixels} is the chart's size along the axis: with 0.8 of it per span
     * the raw step is 0.8 x chart / axis length, one decade whenever the axis takes 53% to 107% of the chart.
     */
    static int wholeDecades(int hint, double pixels, double decades) {
        if (decades < 2) return hint;
        return (int) Math.max(hint, Math.ceil(0.8 * pixels / decades));
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = log10(v[i]);
        return out;
    }

    /** log10, with NaN (a gap, to XChart) where a log axis cannot show the value. */
    private static double log10(double v) {
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    private static double range(List<XYSeries> series, boolean x, Double min, Double max) {
        double[] r = minMax(series, x);
        double lo = min != null ? min : r[0], hi = max != null ? max : r[1];
        return hi > lo ? hi - lo : 1;
    }

    private static double[] minMax(List<XYSeries> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series)
            for (double v : x ? s.getXData() : s.getYData())
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
        return new double[] {lo, hi};
    }

    /**
     * XChart's test (AxisTickCalculator_: the axis' min, every series' values in order, its max, consecutive
     * differences all within 1e-4 of the first) and, when it would put the ticks on data points, an axis range
     * that fails it; null when nothing needs changing.
     */
    static double[] padIfEvenlySpaced(List<XYSeries> series, boolean x, Double min, Double max, boolean mayPad) {
        if (!mayPad) return null;
        double[] r = minMax(series, x);
        double lo = min != null ? min : r[0], hi = r[1];
        if (!(hi > lo) || hi - lo < 1e-4) return null;
        LinkedHashSet<Double> values = new LinkedHashSet<>();
        values.add(lo);
        for (XYSeries s : series) for (double v : x ? s.getXData() : s.getYData()) values.add(v);
        values.add(hi);
        Double[] v = values.toArray(new Double[0]);
        if (v.length < 2) return null;
        double space = v[1] - v[0];
        for (int i = 2; i < v.length; i++) if (!(Math.abs(v[i] - v[i - 1] - space) < 1e-4)) return null;
        // Half a spacing breaks the pattern; below 4e-4 that would sit within XChart's tolerance, so add more.
        double pad = space >= 4e-4 ? space / 2 : space + 2e-4;
        return new double[] {lo, hi + pad};
    }
}
