package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.largelr.api.Grid;
import org.largelr.api.Theory;

/** Orbits read from library runs against a plain iteration of the map and the closed forms. */
class BalancedLineTest {
    @Test
    void orbitIsThePlainMapBitForBit() {
        double mu = 1, h = 1.5, x = 0.9;
        double[] tail = BalancedLine.of(mu).orbit(h, 0.9, 300, 50);
        for (int k = 0; k < 350; k++) {
            if (k >= 300) assertEquals(x, tail[k - 300], 0.0, "step " + k);
            x = x + h * ((mu - x * x) * x);
        }
    }

    @Test
    void periodsOfKnownOrbits() {
        var line = BalancedLine.of(1);
        assertEquals(1, BalancedLine.period(line.orbit(0.5, 0.9, 2000, 64), 32, 1e-9));
        assertEquals(2, BalancedLine.period(line.orbit(1.1, 0.9, 2000, 64), 32, 1e-9));
        assertEquals(4, BalancedLine.period(line.orbit(1.26, 0.9, 20_000, 64), 32, 1e-9));
        assertEquals(0, BalancedLine.period(line.orbit(1.9, 0.9, 2000, 64), 32, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> BalancedLine.period(new double[10], 8, 1e-9));
    }

    @Test
    void birthOfPeriodFourIsFoundFromTheSplitting() {
        double mu = 2, star = Theory.periodFourBirth(mu);
        double found = BalancedLine.of(mu).birth(2, Grid.linear(star + 2e-4, star + 1.4e-3, 7), 0.9 * Math.sqrt(mu), 60_000);
        assertEquals(star, found, 1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> BalancedLine.of(mu).birth(2, Grid.of(star - 3e-2, star - 2e-2, star - 1e-2), 1.2, 20_000));
    }

    @Test
    void divergingRunIsReportedNotPadded() {
        var e = assertThrows(IllegalStateException.class, () -> BalancedLine.of(1).orbit(2.5, 1.3, 100, 10));
        assertEquals(true, e.getMessage().contains("DIVERGED"), e.getMessage());
    }

    @Test
    void parabolaRecoversAQuadratic() {
        double[] t = {0, 0.25, 0.5, 0.75, 1}, y = new double[5];
        for (int i = 0; i < 5; i++) y[i] = 0.3 - 2 * t[i] + 5 * t[i] * t[i];
        double[] c = BalancedLine.parabola(t, y);
        assertEquals(0.3, c[0], 1e-12);
        assertEquals(-2, c[1], 1e-12);
        assertEquals(5, c[2], 1e-12);
    }

    @Test
    void leastSquaresRecoversALine() {
        double[] line = BalancedLine.leastSquares(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9});
        assertEquals(1, line[0], 1e-12);
        assertEquals(2, line[1], 1e-12);
    }
}
