package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Verdict;

/** The scalar experiment's recipe: the paper's h0, the grid, and Theorem 3.1's verdict. */
class ScalarExperimentTest {

    @Test
    void h0OfThePaperStartsIs4OverNormsSquaredPlus8() {
        ScalarExperiment e = ScalarExperiment.paper();
        Problem p = e.problem();
        assertEquals(4.0 / (81 + 1 + 8), ScalarExperiment.h0(e.start(0).create(p)), 1e-15);
        assertEquals(4.0 / (361 + 1 + 8), ScalarExperiment.h0(e.start(1).create(p)), 1e-15);
        assertEquals(4.0 / (9801 + 1 + 8), ScalarExperiment.h0(e.start(2).create(p)), 1e-15);
        var t = e.thresholds();
        assertEquals(4.0 / 90, t.doubleColumn("h0").get(0), 1e-15);
        assertEquals(4.0 / 9810, t.doubleColumn("h0").get(2), 1e-15);
    }

    @Test
    void paperFractionsRunFromH0DownToTwoSevenths() {
        assertEquals(6, ScalarExperiment.PAPER_FRACTIONS.length);
        assertEquals(1.0, ScalarExperiment.PAPER_FRACTIONS[0]);
        assertEquals(6.0 / 7, ScalarExperiment.PAPER_FRACTIONS[1]);
        assertEquals(2.0 / 7, ScalarExperiment.PAPER_FRACTIONS[5]);
        assertEquals("1", ScalarExperiment.fractionLabel(1));
        assertEquals("6/7", ScalarExperiment.fractionLabel(6.0 / 7));
        assertEquals("2/7", ScalarExperiment.fractionLabel(2.0 / 7));
        assertEquals("1/2", ScalarExperiment.fractionLabel(0.5));
    }

    @Test
    void h0IsWellBeyondTwoOverLButBelowFourOverLForThePaperStarts() {
        for (int d : new int[] {1, 10}) {
            var t = ScalarExperiment.paper().d(d).thresholds();
            for (int i = 0; i < 3; i++) {
                double ratio = t.doubleColumn("h0_L_over_2").get(i);
                assertTrue(ratio > 1.8 && ratio < 2, "d=" + d + ", pair " + i + ": h0 L/2 = " + ratio);
                assertTrue(t.doubleColumn("h0").get(i) < t.doubleColumn("four_over_L").get(i));
                // h0 L/2 < 2 and > 1.75: 1, 6/7, 5/7, 4/7 of h0 are beyond 2/L, 3/7 and 2/7 are not
                assertEquals(4, t.intColumn("fractions_beyond_2_over_L").get(i));
            }
        }
    }

    @Test
    void theWholePaperGridConvergesToBalancedGlobalMinima() {
        ScalarExperiment.Result res = ScalarExperiment.paper().run();
        assertEquals(18, res.runs().size());
        var t = res.table();
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("CONVERGED", t.stringColumn("outcome").get(i), "row " + i);
            assertTrue(t.doubleColumn("abs_residual").get(i) <= 1e-10);
            assertTrue(t.doubleColumn("S").get(i) <= t.doubleColumn("two_over_h").get(i), "row " + i);
            assertTrue(t.doubleColumn("dist2").get(i) <= t.doubleColumn("balance_bound").get(i) + 1e-9, "row " + i);
        }
        // the largest step balances much more than the smallest: D_final/D_0 of h0 versus 2/7 h0, start (99, 1)
        assertTrue(Math.abs(res.run(2, 0).result().finalImbalance() / res.run(2, 0).result().initialImbalance()) < 0.5);
        assertTrue(res.run(2, 5).result().finalImbalance() / res.run(2, 5).result().initialImbalance() > 0.9);
        assertEquals(6.0 / 7, res.run(1, 1).fraction(), 0);
        assertEquals("(19, 1)", res.run(1, 1).pair());
    }

    @Test
    void theorem31VerdictHoldsBeyondTwoOverLAndNamesTheFailingHypothesisBelow() {
        Problem p = ScalarExperiment.problem(1, 5);
        Start s = Start.withNorms(9, 1).seed(2);
        Factors s0 = s.create(p);
        double h0 = ScalarExperiment.h0(s0), l = p.sharpness(s0);
        GdResult big = GradientDescent.on(p).from(s).h(h0).maxSteps(100_000).lossTolerance(1e-21).run();
        Verdict v = ScalarExperiment.theorem31Verdict(big);
        assertEquals(7, v.checks().size());
        v.assertHolds();
        GdResult small = GradientDescent.on(p).from(s).h(1 / l).maxSteps(100_000).lossTolerance(1e-21)
                .run();
        Verdict w = ScalarExperiment.theorem31Verdict(small);
        assertTrue(w.conclusionsHold());
        assertFalse(w.hypothesesHold());
        AssertionError e = assertThrows(AssertionError.class, w::assertHolds);
        assertTrue(e.getMessage().contains("h > 2/L"), e.getMessage());
    }

    @Test
    void aboveOneOverMuTheVerdictFails() {
        Problem p = ScalarExperiment.problem(1, 1);
        GdResult r = GradientDescent.on(p).from(Start.scalar(1.1, 0.9)).h(1.05).maxSteps(5000)
                .lossTolerance(1e-21).run();
        assertNotEquals(Outcome.CONVERGED, r.outcome());
        Verdict v = ScalarExperiment.theorem31Verdict(r);
        assertFalse(v.conclusionsHold());
    }

    @Test
    void figuresHaveOnePanelPerRun() {
        ScalarExperiment.Result res = ScalarExperiment.paper().norms(new double[] {9, 1}, new double[] {19, 1})
                .fractions(1, 0.5).run();
        assertEquals(4, res.runs().size());
        var img = res.normsFigure();
        assertEquals(2 * 220, img.getWidth());   // panels of 220 x 180: six fit a notebook's width
        assertEquals(2 * 180, img.getHeight());
        assertEquals(2 * 420, res.residualFigure().getWidth());
        assertEquals(2, res.residualChart(0).getSeriesMap().size());
        var tr = ScalarExperiment.figureTrajectory(res.run(0, 0).result());
        double loss0 = tr.doubleColumn("loss").get(0);
        assertEquals(Math.sqrt(2 * loss0), tr.doubleColumn("abs_residual").get(0), 1e-15);
        assertEquals(9.0, tr.doubleColumn("x_norm").get(0), 1e-12);
    }

    @Test
    void summaryTabulatesNamedRunsWithTheRecipesStoppingRule() {
        ScalarExperiment e = ScalarExperiment.paper().maxSteps(500);
        Problem p = ScalarExperiment.problem(1, 1);
        var runs = new java.util.LinkedHashMap<String, GdResult>();
        runs.put("small", e.run(p, Start.scalar(3, 0.1), 0.1));
        runs.put("unstable", e.run(p, Start.scalar(1.1, 0.9), 1.05));
        var t = ScalarExperiment.summary(runs);
        assertEquals(List.of("small", "unstable"), t.stringColumn("run").asList());
        assertEquals("CONVERGED", t.stringColumn("outcome").get(0));
        assertEquals("MAX_STEPS", t.stringColumn("outcome").get(1));
        assertEquals(500, t.longColumn("steps").get(1));
        assertTrue(t.doubleColumn("abs_residual").get(0) <= Math.sqrt(2e-21) * (1 + 1e-12));
        assertEquals(runs.get("small").finalImbalance() / (9 - 0.01), t.doubleColumn("imbalance_ratio").get(0), 1e-12);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> ScalarExperiment.paper().d(0));
        assertThrows(IllegalArgumentException.class, () -> ScalarExperiment.paper().fractions(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> ScalarExperiment.paper().norms(new double[] {9}));
        assertThrows(IllegalArgumentException.class,
                () -> ScalarExperiment.theorem31Verdict(GradientDescent.on(Problem.factorization(
                        new org.ejml.data.DMatrixRMaj(2, 2, true, 1, 0, 0, 1), 1)).from(Start.gaussian(1))
                        .h(0.1).maxSteps(2).run()));
        assertEquals(List.of(), List.of());
    }
}
