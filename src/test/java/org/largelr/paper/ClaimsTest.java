package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Check;
import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.Grid;
import org.largelr.api.Outcome;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.SweepResult;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/** The landscape and matrix-check claims on the digest's example and on small matrices. */
class ClaimsTest {
    private final Problem mu1 = Problem.scalar(1);
    private final Start digest = Start.scalar(3, 0.1);

    @Test
    void digestLandscapeRowByRow() {
        SweepResult res = Experiments.landscape(digest, mu1).h(Grid.of(0.1, 0.2, 0.3, 0.4, 0.5)).run();
        Table t = Limits.table(res);
        assertEquals(List.of("CONVERGED", "CONVERGED", "CONVERGED", "CONVERGED", "DIVERGED"),
                t.stringColumn(Columns.OUTCOME).asList());
        // h = 0.2 ends unbalanced at x^2 = 8.63, y^2 = 0.12; h = 0.3 at x^2 + y^2 = 2.71 (digest, section A)
        assertEquals(8.63 - 0.12, t.doubleColumn(Columns.IMBALANCE).get(1), 0.02);
        assertEquals(2.71, t.doubleColumn(Limits.SHARPNESS).get(2), 0.01);
        assertEquals(3.27, t.doubleColumn(Limits.SHARPNESS).get(3), 0.01);
        assertTrue(t.doubleColumn(Limits.SHARPNESS).isMissing(4));
        assertEquals(0.3, t.doubleColumn(Limits.H_SIGMA1).get(2), 1e-12);
        assertEquals(2 / 0.3, t.doubleColumn(Columns.TWO_OVER_H).get(2), 1e-12);
    }

    @Test
    void landscapeVerdictsHoldInsideAndAboveTheLimit() {
        List<GdResult> runs = Experiments.landscape(digest, mu1).h(Grid.of(0.1, 0.3, 0.4, 1.05, 1.5)).maxSteps(5000).run().trajectories();
        List<Verdict> v = Claims.landscape(runs, 0.4, 1e-9, "digest");
        assertEquals(5, v.size());
        assertTrue(Verdict.conclude(v).startsWith("VERDICT: PASS"));
        assertTrue(v.get(1).checks().stream().anyMatch(c -> c.claim().contains("2 sigma_1")));
    }

    @Test
    void landscapeAssertsConvergenceUpToItsFractionOfTheLimit() {
        // h = 0.44 diverges from the digest start although 0.44 < 0.99 / mu: asserting up to 0.99 / sigma_1 must fail
        List<GdResult> runs = Experiments.landscape(digest, mu1).h(Grid.of(0.3, 0.44)).run().trajectories();
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(Claims.landscape(runs, 0.99, 1e-9, "")));
        assertTrue(e.getMessage().contains("run converged (paper"), e.getMessage());
        assertEquals(1, Claims.landscape(runs, 0.4, 1e-9, "").size());   // not asserted there: no verdict for 0.44
    }

    @Test
    void startingOnAMinimumAboveTheLimitFailsTheNoConvergenceCheck() {
        // (1, 1) is a global minimum of sharpness 2 > 2/h: a measure-zero start that GD never leaves
        List<GdResult> runs = Experiments.landscape(Start.scalar(1, 1), mu1).h(Grid.of(1.2)).run().trajectories();
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(Claims.landscape(runs, 0.99, 1e-9, "")));
        assertTrue(e.getMessage().contains("not converged to a global minimum above 1/sigma_1"), e.getMessage());
    }

    @Test
    void matrixInstancePassesWithExactFitChecksAndTheExistenceClaim() {
        Problem p = Experiments.gaussianInstance(6, 6, 1);
        Start s = Experiments.unbalancedStart(0.25, 4, 1);
        Grid h = Experiments.matrixSteps(Theory.of(p, s), 0.98, new double[] {0.5, 1.5});
        List<GdResult> runs = Experiments.landscape(s, p).h(h).run().trajectories();
        List<Verdict> v = Claims.matrixInstance(runs, "n=6", 1e-9, 1e-12);
        assertTrue(Verdict.conclude(v).startsWith("VERDICT: PASS"), Verdict.conclude(v));
        assertTrue(v.stream().anyMatch(x -> x.checks().stream().anyMatch(c -> c.claim().startsWith("lambda_max"))));
        List<Check> exists = v.get(v.size() - 1).checks();
        assertEquals(1.5, exists.get(0).lhs(), 1e-12);   // hypothesis: the widest tested step
        assertEquals(1.5, exists.get(1).lhs(), 1e-12);   // the paper's claim: the largest converged one
        assertEquals(1, Claims.imbalanceKept(runs, "n=6", 0.9).size());
        Verdict.conclude(Claims.imbalanceKept(runs, "n=6", 0.9));
        // d = 1 has no exact fit: no Gram checks
        List<GdResult> rank1 = Experiments.landscape(s, Experiments.gaussianInstance(6, 1, 1)).h(Grid.of(0.01)).run().trajectories();
        assertTrue(Claims.matrixInstance(rank1, "d=1", 1e-9, 1e-12).stream()
                .allMatch(x -> x.checks().stream().noneMatch(c -> c.claim().startsWith("lambda_max"))));
    }

    @Test
    void theExistenceClaimIsNotMadeWhereNoTestedStepLiesBeyondTwoOverL() {
        // n = 8, d = 1, instance 2: 2/L = 1.30 / sigma_1, so no step in (2/L, 0.98 / sigma_1] exists to test
        Problem p = Experiments.gaussianInstance(8, 1, 2);
        Start s = Experiments.unbalancedStart(0.25, 4, 2);
        Theory th = Theory.of(p, s);
        assertTrue(th.classicalLimit() > th.noStableMinimumAbove());
        List<GdResult> runs = Experiments.landscape(s, p).h(Experiments.matrixSteps(th, 0.98, new double[] {0.5, 1.5}, 0.98)).run().trajectories();
        assertEquals(1, runs.size());
        List<Verdict> v = Claims.matrixInstance(runs, "n=8", 1e-9, 1e-12);
        assertTrue(v.stream().noneMatch(x -> x.instance().contains("largest converging step")));
        Verdict.conclude(v);
    }

    @Test
    void matrixInstanceFailsWhenRunsAreCutShort() {
        Problem p = Experiments.gaussianInstance(6, 6, 1);
        Start s = Experiments.unbalancedStart(0.25, 4, 1);
        List<GdResult> runs = Experiments.landscape(s, p).h(Experiments.matrixSteps(Theory.of(p, s), 0.98, new double[] {0.5, 1.5}))
                .maxSteps(3).run().trajectories();
        assertTrue(runs.stream().allMatch(r -> r.outcome() == Outcome.MAX_STEPS));
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(Claims.matrixInstance(runs, "n=6", 1e-9, 1e-12)));
        assertTrue(e.getMessage().contains("run converged (classical expectation)"), e.getMessage());
        assertTrue(e.getMessage().contains("converges for some tested h > 2/L"), e.getMessage());
        assertTrue(Claims.imbalanceKept(runs, "n=6", 0.9).isEmpty());
    }

    @Test
    void lateMinLossTellsAStuckRunFromAConvergedOne() {
        List<GdResult> runs = Experiments.landscape(Start.scalar(1.1, 0.9), mu1).h(Grid.of(0.3, 1.05)).maxSteps(5000).run().trajectories();
        assertTrue(Limits.lateMinLoss(runs.get(0)) < 1e-20);
        assertTrue(Limits.lateMinLoss(runs.get(1)) > 1e-3, "h = 1.05 late loss " + Limits.lateMinLoss(runs.get(1)));
    }
}
