package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.api.Matrices;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Verdict;

/** Figure 3's residual identity and the imbalance identity, on replayed GD trajectories. */
class ResidualContractionTest {
    private static final Problem MU1 = Problem.scalar(1);

    @Test
    void factorsAtTheDigestStartMatchTheClosedForms() {
        // x = 3, y = 0.1, mu = 1, h = 0.4: r = -0.7, S = 9.01, s = 1 - 0.4*9.01 + 0.16*(-0.7)*0.3
        ResidualContraction t = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), 0.4, 5, 0);
        assertEquals(-0.7, t.residual(0), 1e-15);
        assertEquals(1 - 0.4 * 9.01 + 0.16 * -0.7 * 0.3, t.factor(0), 1e-14);
        assertEquals(-2.6376, t.factor(0), 1e-12);
        assertEquals(1 - 0.16 * 0.49, t.balanceFactor(0), 1e-15);
        assertEquals(9 - 0.01, t.imbalance(0), 1e-14);
        assertEquals(5, t.steps());
        assertEquals(Outcome.MAX_STEPS, t.outcome());
    }

    @Test
    void residualContractsBySkAndImbalanceByOneMinusH2R2AtEveryStep() {
        for (double h : new double[] {0.1, 0.2, 0.3, 0.4}) {
            ResidualContraction t = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), h, 10_000, 1e-24);
            assertEquals(Outcome.CONVERGED, t.outcome(), "h=" + h);
            for (int k = 0; k + 1 < t.size(); k++) {
                assertEquals(t.factor(k) * t.residual(k), t.residual(k + 1), 1e-13, "r identity, h=" + h + ", k=" + k);
                assertEquals(t.balanceFactor(k) * t.imbalance(k), t.imbalance(k + 1), 1e-12,
                        "D identity, h=" + h + ", k=" + k);
            }
            assertTrue(t.maxResidualIdentityError() < 1e-14, "h=" + h + ": " + t.maxResidualIdentityError());
            assertTrue(t.maxImbalanceIdentityError() < 1e-14, "h=" + h + ": " + t.maxImbalanceIdentityError());
        }
    }

    @Test
    void identitiesHoldForVectorsAndOnDivergingRuns() {
        Problem p = Problem.scalar(2, 5);
        for (double h : new double[] {0.01, 0.04, 0.2}) {
            ResidualContraction t = ResidualContraction.replay(p, Start.withNorms(9, 1).seed(3), h, 20_000, 1e-22);
            assertTrue(t.maxResidualIdentityError() < 1e-13, "h=" + h + ": " + t.maxResidualIdentityError());
            assertTrue(t.maxImbalanceIdentityError() < 1e-13, "h=" + h + ": " + t.maxImbalanceIdentityError());
        }
        assertEquals(Outcome.DIVERGED,
                ResidualContraction.replay(p, Start.withNorms(9, 1).seed(3), 0.2, 20_000, 1e-22).outcome());
    }

    @Test
    void theFactorWithoutItsSecondOrderTermWouldBreakTheIdentity() {
        // Guards the formula itself: dropping h^2 r_k x_k y_k^T leaves an error far above rounding.
        ResidualContraction t = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), 0.4, 3, 0);
        double truncated = (1 - 0.4 * t.normSum(0)) * t.residual(0);
        assertTrue(Math.abs(truncated - t.residual(1)) > 1e-2);
        assertEquals(t.factor(0) * t.residual(0), t.residual(1), 1e-14);
    }

    @Test
    void onlyLargeResidualStepsBalance() {
        Start s = Start.scalar(3, 0.1);
        ResidualContraction small = ResidualContraction.replay(MU1, s, 0.1, 10_000, 1e-24);
        ResidualContraction large = ResidualContraction.replay(MU1, s, 0.4, 10_000, 1e-24);
        // product form of the imbalance identity: D_K / D_0 = prod (1 - h^2 r_k^2)
        assertEquals(small.imbalanceRatio(), small.balanceProduct(0), 1e-12);
        assertEquals(large.imbalanceRatio(), large.balanceProduct(0), 1e-12);
        // h = 0.1: h |r_k| never reaches 0.1, nothing is balanced; h = 0.4: a few large-residual steps do it all
        assertEquals(0, small.stepsWithScaledResidualAtLeast(0.1));
        assertTrue(small.imbalanceRatio() > 0.99);
        int big = large.stepsWithScaledResidualAtLeast(0.1);
        assertTrue(big > 0 && big <= 15, "steps: " + big);
        assertEquals(large.imbalanceRatio(), large.balanceProduct(0.1), 0.05);
        assertEquals(1.0, large.balanceProduct(1e9), 0);
    }

    @Test
    void replayEqualsGradientDescentScalar() {
        for (double h : new double[] {0.1, 0.4, 0.5}) {
            GdResult gd = GradientDescent.on(MU1).from(Start.scalar(3, 0.1)).h(h).maxSteps(5000)
                    .lossTolerance(1e-24).run();
            ResidualContraction t = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), h, 5000, 1e-24);
            assertSameTrajectory(gd, t);
        }
    }

    @Test
    void replayEqualsGradientDescentVector() {
        Problem p = Problem.scalar(1, 5);
        Start s = Start.withNorms(19, 1).seed(7);
        double h0 = org.largelr.api.Theory.of(p, s).h0();
        for (double f : new double[] {1, 4.0 / 7, 2.0 / 7, 3}) {
            GdResult gd = GradientDescent.on(p).from(s).h(f * h0).maxSteps(20_000).lossTolerance(1e-21)
                    .run();
            ResidualContraction t = ResidualContraction.replay(p, s, f * h0, 20_000, 1e-21);
            assertSameTrajectory(gd, t);
        }
    }

    private static void assertSameTrajectory(GdResult gd, ResidualContraction t) {
        assertEquals(gd.outcome(), t.outcome());
        assertEquals(gd.steps(), t.steps());
        double[] xn = gd.column(GdResult.X_NORM2), yn = gd.column(GdResult.Y_NORM2), loss = gd.column(GdResult.LOSS);
        assertEquals(t.size(), xn.length);
        var tab = t.table();
        for (int k = 0; k < xn.length; k++) {
            double x2 = tab.doubleColumn(ResidualContraction.X_NORM2).get(k);
            double y2 = tab.doubleColumn(ResidualContraction.Y_NORM2).get(k);
            assertEquals(xn[k], x2, 1e-12 * Math.max(1, Math.abs(xn[k])), "x_norm2 at k=" + k);
            assertEquals(yn[k], y2, 1e-12 * Math.max(1, Math.abs(yn[k])), "y_norm2 at k=" + k);
            double r = t.residual(k);
            assertEquals(loss[k], 0.5 * r * r, 1e-12 * Math.max(1, loss[k]), "loss at k=" + k);
        }
        if (gd.end() != null) {
            Factors a = gd.end(), b = t.last();
            for (int i = 0; i < a.d(); i++) {
                assertEquals(a.x().data[i], b.x().data[i], 1e-12 * Math.max(1, Math.abs(a.x().data[i])));
                assertEquals(a.y().data[i], b.y().data[i], 1e-12 * Math.max(1, Math.abs(a.y().data[i])));
            }
        }
    }

    @Test
    void verdictAddsTheStabilityBoundsOnlyWhenConverged() {
        Verdict ok = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), 0.3, 10_000, 1e-24).verdict(1e-12);
        assertEquals(4, ok.checks().size());
        ok.assertHolds();
        Verdict diverged = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), 0.44, 10_000, 1e-24).verdict(1e-12);
        assertEquals(2, diverged.checks().size());
        diverged.assertHolds();
        assertTrue(diverged.instance().contains("DIVERGED"), diverged.instance());
    }

    @Test
    void aboveOneOverMuTheMinimumRepels() {
        // Near the balanced minimum x = y = 1, S = 2 and s = 1 - 2h < -1 once h > 1/mu.
        ResidualContraction t = ResidualContraction.replay(MU1, Start.scalar(1.1, 0.9), 1.05, 3000, 1e-24);
        assertNotEquals(Outcome.CONVERGED, t.outcome());
        for (int k = 0; k < 5; k++) assertTrue(Math.abs(t.factor(k)) > 1, "k=" + k + ": s=" + t.factor(k));
        assertTrue(Math.abs(t.residual(t.steps())) > 0.1);
    }

    @Test
    void tableHasTheDocumentedColumns() {
        var tab = ResidualContraction.replay(MU1, Start.scalar(3, 0.1), 0.3, 100, 1e-24).table();
        assertEquals(java.util.List.of("step", "x_norm2", "y_norm2", "xy", "r", "abs_r", "S", "D", "s_k", "abs_s_k",
                "balance_factor", "r_next", "D_next", "residual_identity_error", "imbalance_identity_error"),
                tab.columnNames());
        assertTrue(Double.isNaN(tab.doubleColumn("r_next").getDouble(tab.rowCount() - 1)));
    }

    @Test
    void rejectsAMatrixTarget() {
        Problem p = Problem.factorization(Matrices.scalar(1).copy(), 1);
        assertDoesNotThrow(() -> ResidualContraction.replay(p, Start.scalar(1, 1), 0.1, 3, 0));
        Problem m = Problem.factorization(new org.ejml.data.DMatrixRMaj(2, 2, true, 1, 0, 0, 1), 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ResidualContraction.replay(m, Start.gaussian(1), 0.1, 3, 0));
        assertTrue(e.getMessage().contains("1x1"), e.getMessage());
    }
}
