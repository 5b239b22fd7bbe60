package org.largelr.theory;

import org.largelr.api.Check;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;

/** The digest's worked example (mu = 1, start (3, 0.1)), checked against the stability-of-minima bounds. */
class TheoryTest {
    private final Problem mu1 = Problem.scalar(1);
    private final Start start = Start.scalar(3, 0.1);

    private GdResult run(double h) {
        return GradientDescent.on(mu1).from(start).h(h).maxSteps(20_000).lossTolerance(1e-28).run();
    }

    @Test
    void classicalLimitOfTheExample() {
        Theory t = Theory.of(mu1, start);
        // Hessian at (3, 0.1): [[0.01, -0.4], [-0.4, 9]] -> top eigenvalue by the 2x2 formula
        double a = 0.01, c = 9, b = 2 * 3 * 0.1 - 1;
        double top = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertEquals(top, t.L(), 1e-12);
        assertEquals(0.22, t.classicalLimit(), 0.005);
        assertEquals(4 / (9 + 0.01 + 8), t.h0(), 1e-15);
        assertEquals(1.0, t.noStableMinimumAbove(), 0);
    }

    @Test
    void smallStepEndsUnbalanced() {
        GdResult r = run(0.2);
        assertEquals(Outcome.CONVERGED, r.outcome());
        assertEquals(8.63, r.finalXNorm2(), 0.01);
        assertEquals(0.12, r.finalYNorm2(), 0.01);
    }

    @Test
    void largeStepsBalanceWithinTheStabilityBound() {
        for (double h : new double[] {0.3, 0.4}) {
            GdResult r = run(h);
            Verdict v = Theory.verdict(r, 1e-20);
            assertTrue(v.conclusionsHold(), v::toString);
            v.assertHolds();
            double s = r.finalXNorm2() + r.finalYNorm2();
            assertTrue(s <= 2 / h, "x^2 + y^2 = " + s);
        }
        assertEquals(2.71, run(0.3).finalXNorm2() + run(0.3).finalYNorm2(), 0.01);
        assertEquals(3.27, run(0.4).finalXNorm2() + run(0.4).finalYNorm2(), 0.01);
    }

    @Test
    void tooLargeStepDivergesAndTheVerdictSaysSo() {
        GdResult r = run(0.5);
        assertEquals(Outcome.DIVERGED, r.outcome());
        Verdict v = Theory.verdict(r, 1e-20);
        assertFalse(v.conclusionsHold());
        AssertionError e = assertThrows(AssertionError.class, v::assertHolds);
        assertTrue(e.getMessage().contains("h=0.5"), e.getMessage());
    }

    @Test
    void verdictTableCarriesBothSides() {
        Verdict v = Theory.verdict(run(0.3), 1e-20);
        var t = v.table();
        assertEquals(java.util.List.of("instance", "kind", "claim", "lhs", "relation", "rhs", "holds"), t.columnNames());
        assertEquals(4, t.rowCount());
        int row = 2; // sharpness(limit) <= 2/h
        assertEquals(2 / 0.3 * (1 + 1e-6), t.doubleColumn("rhs").get(row), 1e-12);
        assertTrue(t.doubleColumn("lhs").get(row) < t.doubleColumn("rhs").get(row));
    }

    @Test
    void matrixLimitIsAFlatEnoughGlobalMinimum() {
        Problem p = Problem.factorization(Matrices.withSingularValues(1, 0.5).size(6, 6).seed(2).build(), 2);
        Theory t = Theory.of(p, Start.gaussian(0.3).seed(1).unbalanced(3));
        double h = 1.5 * t.classicalLimit();
        GdResult r = GradientDescent.on(p).from(Start.gaussian(0.3).seed(1).unbalanced(3)).h(h)
                .maxSteps(50_000).lossTolerance(1e-24).gradTolerance(0).run();
        assertTrue(h < t.noStableMinimumAbove());
        Theory.verdict(r, 1e-20).assertHolds();
        assertTrue(Math.abs(r.finalImbalance()) < Math.abs(r.initialImbalance()));
    }

    @Test
    void concludeCountsChecksAndFailsLoudly() {
        Verdict good = Theory.verdict(run(0.3), 1e-20), bad = Theory.verdict(run(0.5), 1e-20);
        assertEquals("VERDICT: PASS 8/8 checks on 2 instances", Verdict.conclude(java.util.List.of(good, good)));
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(java.util.List.of(good, bad)));
        assertTrue(e.getMessage().startsWith("VERDICT: FAIL"), e.getMessage());
        assertTrue(e.getMessage().contains("h=0.5"), e.getMessage());
    }

    @Test
    void checkRelationsAndNaN() {
        assertTrue(Check.conclusion("x", 1, "<=", 1).holds());
        assertFalse(Check.conclusion("x", 1, "<", 1).holds());
        assertFalse(Check.conclusion("x", Double.NaN, "<=", 1).holds());
        assertTrue(Check.hypothesis("x", 2, ">", 1).holds());
        assertThrows(IllegalArgumentException.class, () -> Check.conclusion("x", 1, "==", 1));
    }
}
