package org.largelr.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The tick labels XChart drew on one axis at a chart's last paint (read from its tick calculator), and two rules
 * they must obey.
 *
 * <p>Why the count bound holds for a readable axis: XChart 3.8's number calculator (AxisTickCalculator_) starts
 * from the styler's tick spacing hint {@code s} pixels, rounds the data step {@code span / pixels * s} to 1, 2, 5
 * or 10 times a power of ten, and widens until its widest label fits. The rounding shrinks a step at most from
 * 3.5 to 2 units, so neighbouring ticks are at least {@code 2/3.5 s = 0.57 s} apart and an axis of {@code w}
 * pixels carries at most {@code w / (0.57 s) + 1} labels (for a y axis under 160 pixels XChart uses
 * {@code s = 25}). Its log calculator labels every decade regardless, and its ticks on evenly spaced data
 * follow the data, so both break the bound; {@link ThemedChart} routes around them.
 */
record Ticks(List<String> labels, List<Double> locations, double length, Font font, int hint, boolean x) {

    static Ticks of(XYChart chart, boolean x) {
        try {
            Field pair = Chart.class.getDeclaredField("axisPair");
            pair.setAccessible(true);
            AxisPair<?, ?> p = (AxisPair<?, ?>) pair.get(chart);
            Axis<?, ?> axis;
            if (x) axis = p.getXAxis();
            else {
                Field y = AxisPair.class.getDeclaredField("yAxis");
                y.setAccessible(true);
                axis = (Axis<?, ?>) y.get(p);
            }
            AxisTickCalculator calc = axis.getAxisTickCalculator();
            double length = x ? axis.getBounds().getWidth() : axis.getBounds().getHeight();
            List<String> labels = new ArrayList<>();
            List<Double> at = new ArrayList<>();
            for (int i = 0; i < calc.getTickLabels().size(); i++) {
                String label = calc.getTickLabels().get(i);
                double loc = calc.getTickLocations().get(i);
                // AxisTickLabels draws only labels that are set and inside the axis.
                if (label != null && loc >= 0 && loc <= length) {
                    labels.add(label);
                    at.add(loc);
                }
            }
            int hint = x ? chart.getStyler().getXAxisTickMarkSpacingHint()
                    : length * chart.getStyler().getPlotContentSize() < 160 ? 25 : chart.getStyler().getYAxisTickMarkSpacingHint();
            return new Ticks(labels, at, length, chart.getStyler().getAxisTickLabelsFont(), hint, x);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's axis internals moved: " + e, e);
        }
    }

    /** Pixels a label takes along the axis: its width on an x axis, its height on a y axis. */
    double extent(String label) {
        var box = new TextLayout(label, font, new FontRenderContext(null, true, false)).getBounds();
        return x ? box.getWidth() : box.getHeight();
    }

    void assertNoOverlap() {
        for (int i = 1; i < labels.size(); i++) {
            double gap = Math.abs(locations.get(i) - locations.get(i - 1)) - (extent(labels.get(i)) + extent(labels.get(i - 1))) / 2;
            assertTrue(gap >= 2, (x ? "x" : "y") + " labels '" + labels.get(i - 1) + "' and '" + labels.get(i)
                    + "' are " + gap + " px apart: " + labels);
        }
    }

    void assertNoMoreThanXChartsRuleAllows() {
        int max = (int) Math.floor(length / (2 / 3.5 * hint)) + 1;
        assertTrue(labels.size() <= max, (x ? "x" : "y") + " axis of " + length + " px carries " + labels.size()
                + " labels, at most " + max + " fit the spacing rule: " + labels);
    }
}
