package org.largelr.theory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

/**
 * The phase-plane formulas of {@link Theory} (d = 1) against independent computations: a Runge-Kutta integration
 * of the gradient flow for the limit and for the integral of r^2, and GD runs of the library for the first-order
 * shift of a small step's limit.
 */
class GradientFlowLimitTest {
    /** {x, y, integral of r^2 dt} at the end of an RK4 integration of x' = r y, y' = r x. */
    private static double[] integrateFlow(double mu, double x0, double y0) {
        double x = x0, y = y0, integral = 0, dt = 1e-3;
        for (int k = 0; k < 200_000; k++) {
            double r = mu - x * y;
            if (Math.abs(r) < 1e-15) break;
            // RK4 on the state (x, y, J) with J' = r^2.
            double[] k1 = rate(mu, x, y), k2 = rate(mu, x + dt / 2 * k1[0], y + dt / 2 * k1[1]);
            double[] k3 = rate(mu, x + dt / 2 * k2[0], y + dt / 2 * k2[1]), k4 = rate(mu, x + dt * k3[0], y + dt * k3[1]);
            x += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            y += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            integral += dt / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
        }
        return new double[] {x, y, integral};
    }

    private static double[] rate(double mu, double x, double y) {
        double r = mu - x * y;
        return new double[] {r * y, r * x, r * r};
    }

    private static final double[][] STARTS = {   // mu, x0, y0
        {1, 3, 0.1}, {1, 0.1, 3}, {1, -2, -0.5}, {1, 2, -0.3}, {1, -0.4, 2.5}, {-2, 1.5, 0.7}, {2, 0.5, 0.5},
        {1, -0.6, -0.6}, {0.5, 4, 0.05}
    };

    @Test
    void limitAndResidualIntegralMatchTheIntegratedFlow() {
        for (double[] s : STARTS) {
            double mu = s[0], x0 = s[1], y0 = s[2];
            double[] flow = integrateFlow(mu, x0, y0);
            Factors limit = Theory.gradientFlowLimit(mu, x0, y0);
            String at = "mu=" + mu + ", start (" + x0 + ", " + y0 + ")";
            assertEquals(flow[0], limit.x().data[0], 1e-9, at + ": x");
            assertEquals(flow[1], limit.y().data[0], 1e-9, at + ": y");
            assertEquals(mu, limit.x().data[0] * limit.y().data[0], 1e-12 * Math.abs(mu), at + ": on x y = mu");
            assertEquals(x0 * x0 - y0 * y0, limit.xNorm2() - limit.yNorm2(), 1e-12, at + ": D conserved");
            assertEquals(flow[2], Theory.gradientFlowResidualIntegral(mu, x0, y0), 1e-9, at + ": integral of r^2");
        }
    }

    @Test
    void smallStepLimitMovesByTheFirstOrderShift() {
        Problem p = Problem.scalar(1);
        for (double[] s : new double[][] {{3, 0.1}, {0.2, 2.5}, {-4, -0.05}}) {
            Factors flow = Theory.gradientFlowLimit(1, s[0], s[1]);
            double[] perH = new double[2];
            double[] hs = {2e-3, 1e-3};
            for (int i = 0; i < 2; i++) {
                GdResult run = GradientDescent.on(p).from(Start.scalar(s[0], s[1])).h(hs[i]).maxSteps(1_000_000).run();
                assertTrue(run.converged(), "h = " + hs[i] + " converges");
                Factors end = run.end();
                perH[i] = Math.hypot(end.x().data[0] - flow.x().data[0], end.y().data[0] - flow.y().data[0]) / hs[i];
            }
            double richardson = 2 * perH[1] - perH[0];   // removes the O(h) term of error/h
            double c = Theory.smallStepLimitShift(1, s[0], s[1]);
            assertEquals(richardson, c, 2e-3 * c, "start (" + s[0] + ", " + s[1] + "): first-order constant");
            assertNotEquals(perH[0], c, 1e-3 * c, "the O(h) term is visible at h = 2e-3 (the test can tell)");
        }
        assertEquals(0, Theory.smallStepLimitShift(1, 0.7, 0.7), 0, "a balanced start keeps D = 0");
    }

    @Test
    void startsThatNeverReachTheHyperbolaAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Theory.gradientFlowLimit(1, 1, -1));
        assertTrue(e.getMessage().contains("saddle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Theory.gradientFlowLimit(0, 3, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Theory.gradientFlowResidualIntegral(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Theory.smallStepLimitShift(-1, 0.5, 0.5));
    }
}
