package org.largelr.api;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.AbstractBaseTheme;

/**
 * The looks of every largelr chart, in one place: fonts, colours, lines, markers, grid and tick spacing, sized for
 * the chart it styles. A chart of {@link #COMPACT_WIDTH} pixels or less across (a panel of a figure) gets smaller
 * type, sparser ticks and its legend inside the plot, on a translucent ground (XChart's legend below the plot
 * overlaps the x axis title); a larger one keeps its legend to the right.
 *
 * <p>Colours are Okabe and Ito's palette, told apart by colour-blind readers; after seven series the colours
 * repeat with dashed, then dotted lines. The grid is solid and faint, so a log axis' decades do not turn into
 * hatching. Apply it to any XChart chart with {@code chart.getStyler().setTheme(PlotTheme.forSize(w, h))}; the
 * {@link Charts} helpers do it for you.
 */
public final class PlotTheme extends AbstractBaseTheme {
    /** Charts at most this many pixels wide are styled as compact panels. */
    public static final int COMPACT_WIDTH = 420;
    /** Default size of a line chart, in pixels. */
    public static final int WIDTH = 720, HEIGHT = 420;

    /** Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black. */
    static final Color[] SERIES = {new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00),
            new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00)};
    /** Outcomes of a run, as phase diagrams colour them. */
    static final Color CONVERGED = new Color(0x2c, 0xa0, 0x2c), MAX_STEPS = new Color(0xf0, 0xb4, 0x29),
            DIVERGED = new Color(0xd6, 0x27, 0x28), NOT_CONVERGED = new Color(0xd9, 0xd9, 0xd9);
    /** Viridis, 8 stops: an ordered scale readable in grey and by colour-blind readers. */
    static final Color[] VIRIDIS = {new Color(0x44, 0x01, 0x54), new Color(0x46, 0x33, 0x7e),
            new Color(0x36, 0x5c, 0x8d), new Color(0x27, 0x7f, 0x8e), new Color(0x1f, 0xa1, 0x87),
            new Color(0x4a, 0xc1, 0x6d), new Color(0x9f, 0xda, 0x3a), new Color(0xfd, 0xe7, 0x25)};
    /** Reference curves (limits, bounds, thresholds), in the order a chart adds them: colour and dashes. */
    static final Color[] REFERENCE_COLORS = {Color.BLACK, new Color(0x1f, 0x3b, 0xb4), new Color(0x7f, 0x00, 0x7f),
            new Color(0x70, 0x70, 0x70)};
    static final float[][] REFERENCE_DASHES = {null, {10f, 6f}, {3f, 4f}, {8f, 3f, 2f, 3f}};
    /** A dot of a scatter of many runs: translucent, so overlapping dots read as density. */
    static final Color DOTS = new Color(0x00, 0x72, 0xB2, 0x90);
    /** Translucent black of {@link Charts#band}: marks a region and lets the colours under it show. */
    static final Color SHADE = new Color(0, 0, 0, 0x55);

    private static final Color INK = new Color(0x22, 0x22, 0x22), FAINT = new Color(0xe6, 0xe6, 0xe6),
            FRAME = new Color(0xb0, 0xb0, 0xb0);
    private final boolean compact;

    private PlotTheme(boolean compact) {
        this.compact = compact;
    }

    /**
     * The theme for a chart of the given size.
     *
     * @param width chart width in pixels
     * @param height chart height in pixels
     * @return the compact theme for narrow panels, the standard one otherwise
     */
    public static PlotTheme forSize(int width, int height) {
        return new PlotTheme(width <= COMPACT_WIDTH || height <= 260);
    }

    /** @return whether this is the compact (panel) variant */
    public boolean isCompact() { return compact; }

    /** A dashed stroke, for reference curves and a run's own limit line. */
    static BasicStroke dashed(float width, float[] dashes) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f);
    }

    @Override public Font getBaseFont() { return new Font(Font.SANS_SERIF, Font.PLAIN, compact ? 10 : 11); }
    @Override public Color getChartFontColor() { return INK; }
    @Override public int getChartPadding() { return compact ? 4 : 8; }
    @Override public Font getChartTitleFont() { return getBaseFont().deriveFont(Font.BOLD, compact ? 12f : 14f); }
    @Override public boolean isChartTitleBoxVisible() { return false; }
    @Override public Font getLegendFont() { return getBaseFont(); }
    @Override public Color getLegendBorderColor() { return FRAME; }
    /** Translucent, so a legend inside a small panel does not hide the lines under it. */
    @Override public Color getLegendBackgroundColor() { return new Color(255, 255, 255, 200); }
    @Override public int getLegendPadding() { return compact ? 4 : 8; }
    @Override public int getLegendSeriesLineLength() { return compact ? 14 : 20; }
    @Override public LegendPosition getLegendPosition() { return compact ? LegendPosition.InsideNE : LegendPosition.OutsideE; }
    @Override public Font getAxisTitleFont() { return getBaseFont().deriveFont(compact ? 11f : 12f); }
    @Override public Font getAxisTickLabelsFont() { return getBaseFont(); }
    @Override public Color getAxisTickMarksColor() { return FRAME; }
    @Override public Color getAxisTickLabelsColor() { return INK; }
    @Override public int getAxisTitlePadding() { return compact ? 4 : 8; }
    /**
     * Room per x tick label: XChart starts from this many pixels and widens the step until its widest label fits
     * with 10% to spare, so labels never touch.
     */
    @Override public int getXAxisTickMarkSpacingHint() { return compact ? 60 : 80; }
    @Override public int getYAxisTickMarkSpacingHint() { return compact ? 32 : 44; }
    @Override public Color getPlotBorderColor() { return FRAME; }
    @Override public Color getPlotGridLinesColor() { return FAINT; }
    @Override public BasicStroke getPlotGridLinesStroke() { return new BasicStroke(1f); }
    @Override public boolean isPlotTicksMarksVisible() { return false; }
    @Override public Color[] getSeriesColors() { return SERIES.clone(); }

    @Override
    public BasicStroke[] getSeriesLines() {
        // Round joins: XChart strokes a line segment by segment, and square caps would bead every data point.
        return new BasicStroke[] {new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND),
                dashed(2f, new float[] {8f, 4f}), dashed(2f, new float[] {2f, 3f})};
    }

    @Override
    public Marker[] getSeriesMarkers() {
        return new Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
                SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    }

    @Override public int getMarkerSize() { return compact ? 4 : 6; }
}
