package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Columns;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.Grid;
import org.largelr.api.Matrices;
import org.largelr.api.Outcome;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.SweepResult;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/** The scalar experiment and Theorem 3.1's instances as sweeps, with the claims checked on them. */
class ExperimentsTest {

    @Test
    void h0OfThePaperStartsIs4OverNormsSquaredPlus8AndAlmostTwiceTwoOverL() {
        for (int d : new int[] {1, 10}) {
            Problem p = Experiments.scalarProblem(1, d);
            for (double[] pair : Experiments.PAPER_NORMS) {
                Theory th = Theory.of(p, Start.withNorms(pair[0], pair[1]).seed(0));
                assertEquals(4 / (pair[0] * pair[0] + pair[1] * pair[1] + 8), th.h0(), 1e-15);
                double ratio = th.h0() * th.L() / 2;
                assertTrue(ratio > 1.8 && ratio < 2, "d=" + d + ", pair " + pair[0] + ": h0 L/2 = " + ratio);
                assertTrue(th.h0() < 4 / th.L());
                // h0 L/2 in (1.75, 2): 1, 6/7, 5/7, 4/7 of h0 are beyond 2/L, 3/7 and 2/7 are not
                long beyond = java.util.Arrays.stream(Experiments.PAPER_FRACTIONS).filter(f -> f * ratio > 1).count();
                assertEquals(4, beyond);
            }
        }
        assertEquals(6.0 / 7, Experiments.PAPER_FRACTIONS[1]);
        assertEquals("6/7", Figures.fractionLabel(6.0 / 7));
        assertEquals("1", Figures.fractionLabel(1));
        assertEquals("1/2", Figures.fractionLabel(0.5));
    }

    @Test
    void theWholePaperGridConvergesToBalancedGlobalMinima() {
        SweepResult res = Experiments.scalarExperiment(1).run();
        Table t = res.table();
        assertEquals(18, t.rowCount());
        List<GdResult> runs = res.trajectories();
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("CONVERGED", t.stringColumn(Columns.OUTCOME).get(i), "row " + i);
            assertEquals(Experiments.PAPER_FRACTIONS[i % 6], t.doubleColumn(Columns.H_FACTOR).get(i), 1e-15);
            assertTrue(Math.sqrt(2 * t.doubleColumn(Columns.LOSS).get(i)) <= 1e-10);
            Factors end = runs.get(i).end();
            assertTrue(end.xNorm2() + end.yNorm2() <= 2 / runs.get(i).h(), "row " + i);
            assertTrue(Claims.distance2(end) <= Theory.balanceBound(runs.get(i).h(), 1) + 1e-9, "row " + i);
        }
        // the largest step balances much more than the smallest: start (99, 1), h0 against 2/7 h0
        assertTrue(Math.abs(t.doubleColumn(Columns.IMBALANCE_RATIO).get(12)) < 0.5);
        assertTrue(t.doubleColumn(Columns.IMBALANCE_RATIO).get(17) > 0.9);
        assertEquals("(19, 1), h = 6/7 h0", Figures.scalarName(runs.get(7)));
        assertEquals(18, Claims.scalarLimits(runs).size());
        assertTrue(Verdict.conclude(Claims.scalarLimits(runs)).startsWith("VERDICT: PASS 54/54"));
    }

    @Test
    void theorem31HoldsBeyondTwoOverLAndNamesTheFailingHypothesisBelow() {
        Problem p = Experiments.scalarProblem(1, 5);
        Start s = Start.withNorms(9, 1).seed(2);
        Theory th = Theory.of(p, s);
        List<GdResult> runs = Experiments.beyondClassical(p, s, 0.05, 1).run().trajectories();
        assertEquals(th.classicalLimit() + 0.05 * (th.h0() - th.classicalLimit()), runs.get(0).h(), 1e-15);
        assertEquals(th.h0(), runs.get(1).h(), 1e-15);
        for (GdResult r : runs) {
            Verdict v = Claims.theorem31(r);
            assertEquals(7, v.checks().size());
            v.assertHolds();
            assertTrue(v.checks().get(0).claim().startsWith("h <= h0 (paper"), v.checks().get(0).claim());
        }
        GdResult small = Experiments.scalarRuns(p, 100_000, s).h(Grid.of(1 / th.L())).run().trajectories().get(0);
        Verdict w = Claims.theorem31(small);
        assertTrue(w.conclusionsHold());
        assertFalse(w.hypothesesHold());
        AssertionError e = assertThrows(AssertionError.class, w::assertHolds);
        assertTrue(e.getMessage().contains("h > 2/L"), e.getMessage());
        // a start the paper did not use: the hypothesis says the formula is extrapolated
        Verdict other = Claims.theorem31(Experiments.beyondClassical(p, Start.withNorms(5, 1).seed(0), 1).run().trajectories().get(0));
        assertTrue(other.checks().get(0).claim().contains("extrapolated"), other.checks().get(0).claim());
    }

    @Test
    void aboveOneOverMuTheorem31Fails() {
        Problem p = Experiments.scalarProblem(1, 1);
        GdResult r = Experiments.scalarRuns(p, 5000, Start.scalar(1.1, 0.9)).h(Grid.of(1.05)).run().trajectories().get(0);
        assertNotEquals(Outcome.CONVERGED, r.outcome());
        assertFalse(Claims.theorem31(r).conclusionsHold());
        assertThrows(IllegalArgumentException.class, () -> Claims.theorem31(Experiments.landscape(Start.gaussian(1),
                Problem.factorization(Matrices.identity(2), 1)).h(Grid.of(0.1)).maxSteps(2).run().trajectories().get(0)));
    }

    @Test
    void digestExampleAsABalanceSweep() {
        SweepResult res = Experiments.balance(Problem.scalar(1), Start.scalar(3, 0.1), Grid.of(0.1, 0.2, 0.3, 0.35, 0.4, 0.44, 0.5)).run();
        List<GdResult> r = res.trajectories();
        assertEquals(8.63, r.get(1).finalXNorm2(), 0.005);
        assertEquals(0.12, r.get(1).finalYNorm2(), 0.005);
        assertEquals(2.71, r.get(2).finalXNorm2() + r.get(2).finalYNorm2(), 0.005);
        assertEquals(3.27, r.get(4).finalXNorm2() + r.get(4).finalYNorm2(), 0.005);
        assertEquals(Outcome.DIVERGED, r.get(5).outcome());
        assertEquals(Outcome.DIVERGED, r.get(6).outcome());
        // larger steps leave less imbalance than the classical range
        assertTrue(r.get(0).finalImbalance() / r.get(0).initialImbalance() > 0.99);
        assertTrue(Math.abs(r.get(3).finalImbalance() / r.get(3).initialImbalance()) < 0.1);
        assertEquals(5, Claims.scalarLimits(r).size());
    }

    @Test
    void everyConvergedLimitObeysTheBalancingBound() {
        List<GdResult> r = Experiments.balance(Problem.scalar(1), Start.scalar(3, 0.1), Grid.linear(0.05, 0.5, 91)).run().trajectories();
        long converged = r.stream().filter(GdResult::converged).count();
        assertTrue(converged >= 70, "converged: " + converged);
        List<Verdict> v = Claims.scalarLimits(r);
        assertEquals(converged, v.size());
        v.forEach(Verdict::assertHolds);
        double top = r.stream().filter(GdResult::converged).mapToDouble(GdResult::h).max().orElseThrow();
        assertTrue(top > 0.42 && top < 0.44, "largest converging step " + top);
    }

    @Test
    void aLimitOutsideTheBalancingBoundFailsTheCheck() {
        // (3, 1/3) is a global minimum of mu = 1 with |x - y|^2 = 7.1 > 2/h - 2 = 4.67 at h = 0.3: the claim must see it.
        Factors f = Start.scalar(3, 1.0 / 3).create(Problem.scalar(1));
        assertFalse(Claims.scalarStability(0.3, 1, f).get(1).holds());
        assertTrue(Claims.globalMinimum(1, f, "derived").holds());
    }

    @Test
    void matrixStepsSkipPastTheMarginAndFractionsInsideTheClassicalRange() {
        Problem p = Experiments.gaussianInstance(6, 6, 0);
        Theory th = Theory.of(p, Experiments.unbalancedStart(0.25, 4, 0));
        Grid g = Experiments.matrixSteps(th, 0.98, new double[] {0.5, 1.5, 100}, 0.9, 1.2, 1e-6);
        for (double h : g.values()) {
            assertTrue(h <= 0.98 * th.noStableMinimumAbove() * (1 + 1e-12));
            assertTrue(h > th.classicalLimit() || Math.abs(h - 0.5 * th.classicalLimit()) < 1e-15);
        }
        assertEquals(0.5 * th.classicalLimit(), g.get(0), 1e-15);
        Grid span = Experiments.span(th, 0.1, 1.2, 5, 0.7);
        assertEquals(6, span.size());
        assertEquals(0.1 * th.classicalLimit(), span.get(0), 1e-15);
        assertEquals(1.2 * th.noStableMinimumAbove(), span.get(5), 1e-12);
    }
}
