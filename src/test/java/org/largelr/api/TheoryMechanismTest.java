package org.largelr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mechanism's formulas in Theory, each against an independent computation (plain iteration of the maps). */
class TheoryMechanismTest {
    private static double g(double x, double h, double mu) {
        return x + h * x * (mu - x * x);
    }

    @Test
    void twoCycleIsWhereIteratingTheMapSettles() {
        for (double mu : new double[] {1, 2.5})
            for (double hmu : new double[] {1.05, 1.1, 1.2}) {
                double h = hmu / mu, x = 0.9 * Math.sqrt(mu);
                for (int k = 0; k < 20_000; k++) x = g(x, h, mu);
                double other = g(x, h, mu), lo = Math.min(x, other), hi = Math.max(x, other);
                double[] pq = Theory.balancedTwoCycle(h, mu);
                assertEquals(lo, pq[0], 1e-12 * Math.sqrt(mu), "p at h mu = " + hmu);
                assertEquals(hi, pq[1], 1e-12 * Math.sqrt(mu), "q at h mu = " + hmu);
                assertEquals(pq[1], g(pq[0], h, mu), 1e-13 * Math.sqrt(mu));
                assertEquals(pq[0], g(pq[1], h, mu), 1e-13 * Math.sqrt(mu));
            }
        assertEquals(1.0, Theory.balancedTwoCycle(1, 1)[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Theory.balancedTwoCycle(0.9, 1));
    }

    @Test
    void multiplierIsTheSlopeOfTheTwoStepMap() {
        for (double hmu : new double[] {1.05, 1.2, 1.3}) {
            double mu = 1.7, h = hmu / mu, p = Theory.balancedTwoCycle(h, mu)[0], e = 1e-6;
            double slope = (g(g(p + e, h, mu), h, mu) - g(g(p - e, h, mu), h, mu)) / (2 * e);
            assertEquals(slope, Theory.twoCycleMultiplier(h, mu), 1e-7, "h mu = " + hmu);
        }
    }

    @Test
    void periodFourIsBornWhereTheMultiplierIsMinusOne() {
        for (double mu : new double[] {1, 3}) {
            double h = Theory.periodFourBirth(mu), p = Theory.balancedTwoCycle(h, mu)[0], e = 1e-6;
            double slope = (g(g(p + e, h, mu), h, mu) - g(g(p - e, h, mu), h, mu)) / (2 * e);
            assertEquals(-1, slope, 1e-7);
        }
    }

    @Test
    void imbalanceFactorIsWhatTwoStepsOfTheTwoDimensionalMapDo() {
        for (double hmu : new double[] {1.1, 1.5, 1.9}) {
            double mu = 1, h = hmu / mu, p = Theory.balancedTwoCycle(h, mu)[0], e = 1e-8;
            double x = p + e, y = p - e;
            for (int k = 0; k < 2; k++) {
                double r = mu - x * y, nx = x + h * r * y;
                y = y + h * r * x;
                x = nx;
            }
            assertEquals(Theory.twoCycleImbalanceFactor(h, mu), (x - y) / (2 * e), 1e-6, "h mu = " + hmu);
        }
    }

    @Test
    void escapeRadiusIsTheSignAlternatingCycleAndTheEdgeAtTwoOverMu() {
        double mu = 1.3;
        for (double h : new double[] {1.2 / mu, 2 / mu}) {
            double p = Theory.balancedEscapeRadius(h, mu);
            assertEquals(-p, g(p, h, mu), 1e-12);
        }
        // at h = 2/mu the map's maximum over [0, p] reaches p; just below, it stays inside
        for (double hmu : new double[] {1.9, 2.0}) {
            double h = hmu / mu, p = Theory.balancedEscapeRadius(h, mu), top = 0;
            for (int i = 0; i <= 200_000; i++) top = Math.max(top, g(p * i / 200_000, h, mu));
            if (hmu == 2.0) assertEquals(p, top, 1e-9);
            else assertTrue(top < p - 1e-3);
        }
    }

    @Test
    void criticalResidualMatchesALongIterationAtHEqualsOneOverMu() {
        for (double mu : new double[] {1, 2}) {
            double h = 1 / mu, x = 1.1 * Math.sqrt(mu);
            int k = 100_000;
            for (int i = 0; i < k; i++) x = g(x, h, mu);
            double r = Math.abs(mu - x * x);
            assertEquals(1, r / Theory.criticalResidual(k, mu), 2e-3, "mu = " + mu);
        }
        assertThrows(IllegalArgumentException.class, () -> Theory.criticalResidual(0, 1));
    }

    @Test
    void rankOneBoundIsAttainedWhereTheSharpnessIsTwoOverH() {
        double sigma = 2.3, a = 1.9, b = sigma / a;                   // x = a u, y = b v with |u| = |v| = 1
        double h = 2 / (a * a + b * b);                                 // the largest h this minimum is stable for
        assertEquals((a - b) * (a - b), Theory.rankOneBalanceBound(h, sigma), 1e-12);
        assertTrue(Theory.rankOneBalanceBound(h * 1.01, sigma) < (a - b) * (a - b));
    }

    @Test
    void largestStableFactorNormIsTheLargestFeasibleOne() {
        // brute force: the largest alpha with alpha + beta <= 2/h and alpha beta >= sigma^2 over a fine grid
        double sigma = 1.7, h = 0.8 / sigma, best = 0;
        for (int i = 1; i <= 400_000; i++) {
            double alpha = (2 / h) * i / 400_000, beta = 2 / h - alpha;
            if (alpha * beta >= sigma * sigma) best = Math.max(best, alpha);
        }
        assertEquals(best, Theory.largestStableFactorNorm2(h, sigma), 1e-4);
        assertEquals(sigma, Theory.largestStableFactorNorm2(1 / sigma, sigma), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Theory.largestStableFactorNorm2(1.01 / sigma, sigma));
    }

    @Test
    void directionBoundHoldsOnRandomFeasibleMinimaAndIsReached() {
        // feasible: a_i^2 <= alpha, b_i^2 <= beta, alpha + beta <= 2/h, alpha beta >= sigma1^2, a_i b_i >= sigma_i
        var rnd = new java.util.Random(5);
        double sigma1 = 2, h = 0.9 / sigma1;
        for (double sigmaI : new double[] {2, 1.5, 0.3}) {
            double bound = Theory.directionImbalanceBound(h, sigmaI, sigma1), seen = 0;
            for (int t = 0; t < 400_000; t++) {
                // half the draws near the edges (alpha + beta = 2/h, a_i^2 = alpha, a_i b_i = sigma_i), where the bound lives
                boolean edge = t % 2 == 0;
                double alpha = rnd.nextDouble() * 2 / h;
                double beta = (2 / h - alpha) * (edge ? 1 - 1e-3 * rnd.nextDouble() : rnd.nextDouble());
                if (alpha * beta < sigma1 * sigma1) continue;
                double a2 = alpha * (edge ? 1 - 1e-3 * rnd.nextDouble() : rnd.nextDouble());
                double b2 = edge ? sigmaI * sigmaI / a2 * (1 + 1e-3 * rnd.nextDouble()) : rnd.nextDouble() * beta;
                if (a2 * b2 < sigmaI * sigmaI || b2 > beta) continue;
                assertTrue(Math.abs(a2 - b2) <= bound + 1e-12, "sigma_i = " + sigmaI);
                seen = Math.max(seen, Math.abs(a2 - b2));
            }
            assertTrue(seen > 0.9 * bound, "sigma_i = " + sigmaI + ": bound " + bound + " not approached, best " + seen);
        }
        // top direction: the circle a^2 + b^2 = 2/h with a b = sigma_1 attains it exactly
        double a = 1.5, b = 0.8 / a, hh = 2 / (a * a + b * b);
        assertEquals(Math.abs(a * a - b * b), Theory.directionImbalanceBound(hh, 0.8, 0.8), 1e-12);
        assertEquals(0, Theory.directionImbalanceBound(1 / sigma1, sigma1, sigma1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Theory.directionImbalanceBound(1.01 / sigma1, 1, sigma1));
        assertThrows(IllegalArgumentException.class, () -> Theory.directionImbalanceBound(h, 2.5, sigma1));
        assertThrows(IllegalArgumentException.class, () -> Theory.twoCycleMultiplier(-1, 1));
    }
}
