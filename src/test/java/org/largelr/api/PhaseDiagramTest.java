package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.Table;

class PhaseDiagramTest {
    static final Table SCALAR = Sweep.scalar(1.0).h(Grid.linear(0.05, 1.2, 24)).x0(Grid.linear(0.25, 4, 20))
            .y0(0.5).maxSteps(800).progress(SweepProgress.none()).run().table();

    @Test
    void outcomeDiagramHasOneSeriesPerOutcomeAndTheBoundaries() {
        XYChart c = PhaseDiagram.outcome(SCALAR).build();
        Map<String, XYSeries> s = c.getSeriesMap();
        int squares = 0;
        for (String name : new String[] {"converged", "step budget used up", "diverged"})
            if (s.containsKey(name)) {
                squares += s.get(name + PhaseDiagram.CELLS).getXData().length;
                assertFalse(s.get(name + PhaseDiagram.CELLS).isShowInLegend());
                assertEquals(1, s.get(name).getXData().length, "the legend entry is a one-point twin");
                assertTrue(Double.isNaN(s.get(name).getXData()[0]), "drawn nowhere");
                assertEquals(s.get(name).getMarkerColor(), s.get(name + PhaseDiagram.CELLS).getMarkerColor());
            }
        assertEquals(SCALAR.rowCount(), squares, "one square per run");
        assertTrue(s.containsKey("2/L (classical)"), s.keySet().toString());
        assertTrue(s.containsKey(PhaseDiagram.H0_CURVE));
        assertTrue(s.containsKey("1/mu (derived)"));
        assertEquals("learning rate h", c.getYAxisTitle());
        assertEquals("x0", c.getXAxisTitle());
    }

    /** The 2/L curve is 2 / sharpness(x0, y0) at each x0 of the grid, and h0 is 4/(x0^2 + y0^2 + 8). */
    @Test
    void boundariesAreTheTheorysValues() {
        XYChart c = PhaseDiagram.outcome(SCALAR).build();
        ScalarProblem p = Problem.scalar(1.0);
        XYSeries classical = c.getSeriesMap().get("2/L (classical)"), h0 = c.getSeriesMap().get(PhaseDiagram.H0_CURVE);
        double[] x = toArray(classical.getXData()), y = toArray(classical.getYData());
        assertTrue(x.length > 3);
        for (int i = 0; i < x.length; i++) assertEquals(2 / p.sharpness(x[i], 0.5), y[i], 1e-12);
        double[] hx = toArray(h0.getXData()), hy = toArray(h0.getYData());
        for (int i = 0; i < hx.length; i++) assertEquals(4 / (hx[i] * hx[i] + 0.25 + 8), hy[i], 1e-12);
        double[] ny = toArray(c.getSeriesMap().get("1/mu (derived)").getYData());
        for (double v : ny) assertEquals(1.0, v, 0.0);
        XYChart inHL = PhaseDiagram.outcome(SCALAR).y("hL").build();
        for (double v : toArray(inHL.getSeriesMap().get("h L = 2 (classical)").getYData())) assertEquals(2.0, v, 1e-12);
    }

    /** On a grid of multiples of 2/L, the classical boundary sits at factor 1 in every column, and h0 at h0 L / 2. */
    @Test
    void boundariesFollowTheGridsOwnUnit() {
        Table t = Sweep.scalar(1.0).hTimes2OverL(Grid.linear(0.25, 2.5, 10)).x0(Grid.linear(0.5, 3, 6)).y0(0.5)
                .maxSteps(200).progress(SweepProgress.none()).run().table();
        XYChart c = PhaseDiagram.outcome(t).y(org.largelr.api.Columns.H_FACTOR).build();
        assertEquals("h in units of " + t.column(org.largelr.api.Columns.H_UNIT).getString(0), c.getYAxisTitle());
        double[] classical = c.getSeriesMap().get("2/L (classical)").getYData();
        assertEquals(6, classical.length);
        for (double v : classical) assertEquals(1.0, v, 1e-12);
        ScalarProblem p = Problem.scalar(1.0);
        XYSeries h0 = c.getSeriesMap().get(PhaseDiagram.H0_CURVE);
        for (int i = 0; i < h0.getXData().length; i++) {
            double x0 = h0.getXData()[i], l = p.sharpness(x0, 0.5);
            assertEquals(4 / (x0 * x0 + 0.25 + 8) * l / 2, h0.getYData()[i], 1e-12);
        }
    }

    @Test
    void balanceDiagramGreysOutRunsThatDidNotConverge() {
        XYChart c = PhaseDiagram.balance(SCALAR).build();
        long notConverged = SCALAR.stringColumn("outcome").isNotEqualTo("CONVERGED").size();
        assertEquals(notConverged, c.getSeriesMap().get("did not converge" + PhaseDiagram.CELLS).getXData().length);
        assertTrue(c.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("|x - y| ")), c.getSeriesMap().keySet().toString());
    }

    @Test
    void chartsRenderHeadless() {
        BufferedImage a = BitmapEncoder.getBufferedImage(PhaseDiagram.outcome(SCALAR).build());
        BufferedImage b = BitmapEncoder.getBufferedImage(SweepPlots.balance(SCALAR));
        assertEquals(860, a.getWidth());
        assertTrue(b.getHeight() > 100);
    }

    @Test
    void balancePlotCarriesTheBoundOfTheLimit() {
        XYChart c = SweepPlots.balance(SCALAR);
        XYSeries bound = c.getSeriesMap().get("bound sqrt(2/h - 2 mu) (derived)");
        double[] h = toArray(bound.getXData()), b = toArray(bound.getYData());
        for (int i = 0; i < h.length; i++) {
            assertTrue(h[i] <= 1.0 + 1e-12, "the bound stops at h = 1/mu");
            assertEquals(Math.sqrt(Math.max(0, 2 / h[i] - 2)), b[i], 1e-12);
        }
        // and every converged run lies under it (the grid has no start already at a minimum, x0 y0 = mu)
        double[] dh = toArray(c.getSeriesMap().get("converged runs").getXData()), dv = toArray(c.getSeriesMap().get("converged runs").getYData());
        for (int i = 0; i < dh.length; i++)
            if (dh[i] <= 1) assertTrue(dv[i] * dv[i] <= 2 / dh[i] - 2 + 1e-6 * 2 / dh[i], "dot " + i);
    }

    @Test
    void sharpnessPlotDrawsTwoOverH() {
        Map<String, GdResult> runs = new LinkedHashMap<>();
        for (double h : new double[] {0.2, 0.4})
            runs.put("h = " + h, GradientDescent.on(Problem.scalar(1)).from(Start.scalar(3, 0.1)).h(h)
                    .maxSteps(50).recordSharpness(true).recordEvery(5).run());
        XYChart c = SweepPlots.sharpness(runs);
        assertEquals(4, c.getSeriesMap().size());
        assertEquals(5.0, toArray(c.getSeriesMap().get("h = 0.4: 2/h").getYData())[0], 1e-12);
        Map<String, GdResult> noSharpness = Map.of("plain", GradientDescent.on(Problem.scalar(1)).from(Start.scalar(3, 0.1))
                .h(0.2).maxSteps(5).run());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepPlots.sharpness(noSharpness));
        assertTrue(e.getMessage().contains("recordSharpness(true)"), e.getMessage());
    }

    @Test
    void badInputNamesTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhaseDiagram.outcome(SCALAR).x("nope"));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PhaseDiagram.outcome(SCALAR).y("x0"));
        assertTrue(e.getMessage().contains("'h', 'hL'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PhaseDiagram.outcome(SCALAR.emptyCopy()));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }

    private static double[] toArray(double[] d) {
        return d;
    }
}
