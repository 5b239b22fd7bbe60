package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Charts;
import org.largelr.api.GdResult;
import org.largelr.api.Grid;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.Theory;

/** The paper figures have one panel per run (or per start) at the sizes a notebook shows. */
class FiguresTest {

    @Test
    void normsAndResidualPanels() {
        var p = Experiments.scalarProblem(1, 10);
        List<GdResult> runs = Experiments.scalarRuns(p, 200_000, Start.withNorms(9, 1).seed(0), Start.withNorms(19, 1).seed(0))
                .hTimes(Sweep.Unit.H0, Grid.of(1, 0.5)).run().trajectories();
        BufferedImage img = Figures.norms(runs, 2);
        assertEquals(2 * 220, img.getWidth());
        assertEquals(2 * 180, img.getHeight());
        assertEquals(2 * 420, Figures.residuals(runs, 2).getWidth());
        var tr = Figures.normsTrajectory(runs.get(0));
        assertEquals(Math.sqrt(2 * tr.doubleColumn("loss").get(0)), tr.doubleColumn("abs_residual").get(0), 1e-15);
        assertEquals(9.0, tr.doubleColumn("x_norm").get(0), 1e-12);
    }

    @Test
    void landscapePanelHasThreeCharts() {
        var p = Experiments.gaussianInstance(4, 4, 2);
        var s = Start.gaussian(0.3).seed(1).unbalanced(2);
        var runs = Experiments.landscape(s, p).h(Experiments.span(Theory.of(p, s), 0.1, 1.2, 5)).maxSteps(3000).run().trajectories();
        BufferedImage img = Figures.landscape(runs);
        int cell = Math.min(560, Charts.GRID_WIDTH / 3);
        assertEquals(3 * cell, img.getWidth());
        assertEquals(Math.round(440.0 * cell / 560), img.getHeight());
        assertTrue(runs.get(0).finalImbalance() / runs.get(0).initialImbalance() > 0.9);   // small steps keep it
    }
}
