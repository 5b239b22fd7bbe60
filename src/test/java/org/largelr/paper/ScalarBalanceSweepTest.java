package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.Grid;
import org.largelr.api.Outcome;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Verdict;

/** The digest's example as a sweep: mu = 1, start (3, 0.1). */
class ScalarBalanceSweepTest {
    private final ScalarBalanceSweep sweep = ScalarBalanceSweep.of(Problem.scalar(1), Start.scalar(3, 0.1));

    @Test
    void digestTableValues() {
        var res = sweep.h(Grid.of(0.2, 0.3, 0.4, 0.44, 0.5)).run();
        assertEquals(8.63, res.at(0.2).finalXNorm2(), 0.005);
        assertEquals(0.12, res.at(0.2).finalYNorm2(), 0.005);
        assertEquals(2.71, res.at(0.3).finalXNorm2() + res.at(0.3).finalYNorm2(), 0.005);
        assertEquals(3.27, res.at(0.4).finalXNorm2() + res.at(0.4).finalYNorm2(), 0.005);
        assertEquals(Outcome.DIVERGED, res.at(0.44).outcome());
        assertEquals(Outcome.DIVERGED, res.at(0.5).outcome());
        assertEquals(0.4, res.largestConvergingStep(), 0);
        var t = res.table();
        assertTrue(Double.isNaN(t.doubleColumn("dist2").getDouble(3)));
        assertEquals(2 / 0.3 - 2, t.doubleColumn("balance_bound").get(1), 1e-12);
    }

    @Test
    void everyConvergedLimitObeysTheBalancingBound() {
        var res = sweep.h(Grid.linear(0.05, 0.5, 91)).run();
        long converged = res.runs().stream().filter(r -> r.outcome() == Outcome.CONVERGED).count();
        assertTrue(converged >= 70, "converged: " + converged);
        assertEquals(converged, res.verdicts().size());
        for (Verdict v : res.verdicts()) v.assertHolds();
        assertTrue(res.largestConvergingStep() > 0.42 && res.largestConvergingStep() < 0.44,
                "largest converging step " + res.largestConvergingStep());
        assertTrue(res.chart(40).getSeriesMap().size() >= 3);
    }

    @Test
    void largerStepsLeaveLessImbalanceThanTheClassicalRange() {
        var res = sweep.h(Grid.of(0.1, 0.35)).run();
        double small = res.at(0.1).finalImbalance() / res.at(0.1).initialImbalance();
        double large = res.at(0.35).finalImbalance() / res.at(0.35).initialImbalance();
        assertTrue(small > 0.99, "D ratio at h = 0.1: " + small);
        assertTrue(Math.abs(large) < 0.1, "D ratio at h = 0.35: " + large);
    }

    @Test
    void rejectsAMatrixTargetAndAnEmptySweep() {
        assertThrows(IllegalArgumentException.class, () -> ScalarBalanceSweep.of(
                Problem.factorization(new org.ejml.data.DMatrixRMaj(2, 2, true, 1, 0, 0, 1), 1), Start.gaussian(1)));
        assertThrows(IllegalArgumentException.class, sweep::run);
        assertThrows(IllegalArgumentException.class, () -> sweep.h(Grid.of(0.3, -0.2)));
    }
}
