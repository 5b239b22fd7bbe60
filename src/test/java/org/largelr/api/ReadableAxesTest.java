package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.api.ChartsRenderTest.DIVERGED;
import static org.largelr.api.ChartsRenderTest.LARGE;
import static org.largelr.api.ChartsRenderTest.SMALL;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The work-arounds of {@link ThemedChart} and {@link Clip}, each against what plain XChart does. */
class ReadableAxesTest {

    private static XYChart plain(int w, int h) {
        return new XYChart(w, h);
    }

    /** Thirty-one decades of loss: XChart's log axis labels each one, more than its own spacing rule allows. */
    @Test
    void aLogAxisIsThinnedToPowersOfTenThatFit() {
        double[] step = LARGE.column(Columns.STEP), loss = LARGE.column(Columns.LOSS);
        XYChart xchart = plain(720, 420);
        xchart.getStyler().setYAxisLogarithmic(true);
        xchart.addSeries("loss", step, loss);
        BitmapEncoder.getBufferedImage(xchart);
        Ticks before = Ticks.of(xchart, false);
        assertThrows(AssertionError.class, before::assertNoMoreThanXChartsRuleAllows, "plain XChart: " + before.labels());

        XYChart ours = Charts.lines(Columns.STEP, Columns.LOSS).run("loss", LARGE).logY().build();
        BitmapEncoder.getBufferedImage(ours);
        Ticks after = Ticks.of(ours, false);
        after.assertNoMoreThanXChartsRuleAllows();
        after.assertNoOverlap();
        for (String label : after.labels()) assertTrue(label.matches("1e-?\\d+|0\\.0*1|10*"), "a power of ten: " + label);
        // thinned, yet spanning the data: the lowest label within a step of the floor, the highest of the start
        double lowest = Math.log10(Double.parseDouble(after.labels().get(0)));
        double highest = Math.log10(Double.parseDouble(after.labels().get(after.labels().size() - 1)));
        double step10 = (highest - lowest) / (after.labels().size() - 1);
        assertTrue(lowest - step10 <= Math.log10(LARGE.finalLoss()), after.labels() + " vs final loss " + LARGE.finalLoss());
        assertTrue(highest + step10 >= Math.log10(LARGE.column(Columns.LOSS)[0]), after.labels().toString());
    }

    /** Four decades in a 400 x 300 chart: every label a whole power of ten, on both log axes. */
    @Test
    void aFewDecadesAreLabelledByWholeDecades() {
        XYChart c = ChartsRenderTest.ownChart();
        BitmapEncoder.getBufferedImage(c);
        for (boolean x : new boolean[] {true, false}) {
            List<String> labels = Ticks.of(c, x).labels();
            assertTrue(labels.size() >= 3, labels.toString());
            for (String label : labels) assertTrue(label.matches("1e-?\\d+|0\\.0*1|10*"), "a power of ten: " + labels);
        }
    }

    /** Steps 0..203 in 300 pixels: XChart puts a label on data points and runs them together. */
    @Test
    void evenlySpacedStepsGetRoundTicksThatDoNotTouch() {
        double[] step = new double[204], y = new double[204];
        for (int i = 0; i < step.length; i++) {
            step[i] = i;
            y[i] = Math.sin(i / 9.0);
        }
        XYChart xchart = plain(300, 220);
        xchart.addSeries("y", step, y);
        BitmapEncoder.getBufferedImage(xchart);
        Ticks before = Ticks.of(xchart, true);
        assertThrows(AssertionError.class, () -> {
            before.assertNoOverlap();
            before.assertNoMoreThanXChartsRuleAllows();
        }, "plain XChart: " + before.labels());

        XYChart ours = Charts.xy(300, 220);
        Charts.line(ours, "y", step, y);
        BitmapEncoder.getBufferedImage(ours);
        Ticks after = Ticks.of(ours, true);
        after.assertNoOverlap();
        after.assertNoMoreThanXChartsRuleAllows();
        for (String label : after.labels()) assertEquals(0, Integer.parseInt(label.replace(",", "")) % 50, after.labels().toString());
    }

    /** The user sees raw data, a log axis and their own limits before and after painting. */
    @Test
    void paintingLeavesTheChartAsItWas() {
        XYChart c = Charts.loss(SMALL, LARGE);
        c.getStyler().setYAxisMin(1e-20);
        XYSeries s = c.getSeriesMap().values().iterator().next();
        double[] x = s.getXData().clone(), y = s.getYData().clone();
        BitmapEncoder.getBufferedImage(c);
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertEquals(1e-20, c.getStyler().getYAxisMin());
        assertNull(c.getStyler().getYAxisMax());
        assertNull(c.getStyler().getyAxisTickLabelsFormattingFunction());
        assertArrayEquals(x, s.getXData());
        assertArrayEquals(y, s.getYData());
        Ticks t = Ticks.of(c, false);
        assertTrue(Double.parseDouble(t.labels().get(0)) >= 1e-20, t.labels().toString());
    }

    /** A tick format of the user's own wins: the log axis is then XChart's. */
    @Test
    void theUsersTickFormatIsKept() {
        XYChart c = Charts.loss(SMALL);
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> "k" + v);
        BitmapEncoder.getBufferedImage(c);
        List<String> labels = Ticks.of(c, false).labels();
        assertFalse(labels.isEmpty());
        for (String label : labels) assertTrue(label.startsWith("k"), label);
        assertTrue(c.getStyler().isYAxisLogarithmic());
    }

    /** The diverged line goes up to one decade above the others' highest loss and stops there. */
    @Test
    void aDivergedLineIsCutAtTheEdgeOfTheBand() {
        XYChart c = Charts.loss(SMALL, DIVERGED);
        String name = Clip.hName(DIVERGED.h()) + Clip.divergedNote(DIVERGED.steps());
        XYSeries d = c.getSeriesMap().get(name);
        assertNotNull(d, c.getSeriesMap().keySet().toString());
        double top = 0;
        for (double v : SMALL.column(Columns.LOSS)) top = Math.max(top, v);
        top = Math.max(top, DIVERGED.column(Columns.LOSS)[0]) * 10;
        double[] y = d.getYData();
        assertEquals(top, y[y.length - 1], top * 1e-12, "ends on the edge");
        for (int i = 0; i < y.length - 1; i++) assertTrue(y[i] <= top, "inside the band before the edge");
        assertTrue(y.length < DIVERGED.recordedRows() + 1, "the exploded tail is gone");
        // the steady run is drawn in full
        assertEquals(SMALL.recordedRows(), c.getSeriesMap().get(Clip.hName(SMALL.h())).getXData().length);
    }

    @Test
    void runsAreNamedByLearningRateInOrder() {
        Map<String, GdResult> m = Charts.named(LARGE, SMALL, LARGE);
        String l = Clip.hName(LARGE.h());
        assertEquals(List.of(l, Clip.hName(SMALL.h()), l + " #2"), List.copyOf(m.keySet()));
        assertEquals("h = 0.09139", Clip.hName(0.0913869));
        assertThrows(IllegalArgumentException.class, Charts::named);
    }

    @Test
    void aGridPaintsEachPanelInItsCell() {
        List<XYChart> small = List.of(panel(SMALL), panel(LARGE), panel(DIVERGED));
        BufferedImage img = Charts.grid(small, 2);
        assertEquals(2 * 220, img.getWidth());
        assertEquals(2 * 180, img.getHeight());
        assertTrue(DisplayColours.count(img, 0, 0, 220, 180) > 5);
        assertTrue(DisplayColours.count(img, 220, 0, 220, 180) > 5);
        assertTrue(DisplayColours.count(img, 0, 180, 220, 180) > 5);
        assertEquals(1, DisplayColours.count(img, 220, 180, 220, 180), "the empty fourth cell stays white");
        assertThrows(IllegalArgumentException.class, () -> Charts.grid(small, 0));
    }

    /** Eighteen 300 x 220 panels, six across, would make an image 1800 wide that a browser shrinks, type and all. */
    @Test
    void aWideGridDrawsSmallerPanelsWithTheSameType() {
        List<XYChart> panels = new java.util.ArrayList<>();
        for (int i = 0; i < 18; i++) panels.add(Charts.trajectory(Columns.LOSS, i % 2 == 0 ? SMALL : LARGE).logY().size(300, 220).build());
        BufferedImage img = Charts.grid(panels, 6);
        assertEquals(Charts.GRID_WIDTH, img.getWidth());
        assertEquals(3 * Math.round(220 * 220 / 300.0), img.getHeight(), "220 across, 161 up");
        for (XYChart p : panels) {
            assertEquals(300, p.getWidth(), "each chart keeps its own size");
            assertEquals(220, p.getHeight());
        }
        assertTrue(DisplayColours.count(img, 5 * 220, 2 * 161, 220, 161) > 5, "the last panel is drawn");
        assertEquals(1800, Charts.grid(panels, 6, 4000).getWidth(), "a wide enough limit draws them at their size");
    }

    private static XYChart panel(GdResult r) {
        return Charts.trajectory(Columns.LOSS, r).logY().size(220, 180).build();
    }

    /** Distinct colours in a rectangle of an image. */
    static final class DisplayColours {
        static int count(BufferedImage img, int x0, int y0, int w, int h) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int y = y0; y < y0 + h; y += 2) for (int x = x0; x < x0 + w; x += 2) seen.add(img.getRGB(x, y));
            return seen.size();
        }
    }
}
