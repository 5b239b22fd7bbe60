package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The workspace against the plain residual pass: the loss, {@code dy} and {@code dx} (taken as
 * {@code A Y - X Y^T Y}, with fused multiply-adds) to rounding; and the same bits whatever the thread count.
 */
class KernelsTest {

    static double[] gaussian(Random r, int len, double scale) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) v[i] = scale * r.nextGaussian();
        return v;
    }

    @Test
    void workspaceStepsFollowTheResidualPass() {
        Random rnd = new Random(11);
        int[][] shapes = {{1, 1, 1}, {7, 5, 1}, {9, 13, 2}, {8, 8, 3}, {17, 6, 4}, {5, 11, 5}, {21, 19, 7}, {12, 30, 9}, {3, 40, 12}};
        for (int[] s : shapes) {
            int n = s[0], m = s[1], d = s[2];
            double[] a = gaussian(rnd, n * m, 1), x = gaussian(rnd, n * d, 0.5), y = gaussian(rnd, m * d, 0.5);
            double[] dx = new double[n * d], dy = new double[m * d], row = new double[m];
            Workspace w = new Workspace(new Target(a, n, m), d);
            w.setFactors(x, y);
            for (int step = 0; step < 15; step++) {
                double l1 = ReferenceOps.residualPass(a, n, m, d, x, y, dx, dy, row);
                double l2 = w.evaluate();
                assertEquals(l1, l2, 1e-13 * l1, "loss, shape " + java.util.Arrays.toString(s));
                if (step == 0) {   // from the same point: dy to rounding
                    double[] wx = new double[n * d], wy = new double[m * d];
                    double[] dyOnly = dy.clone();
                    w.step(1.0);
                    w.getFactors(wx, wy);
                    for (int e = 0; e < m * d; e++)
                        assertEquals(y[e] + 1.0 * dyOnly[e], wy[e], 1e-14 * (1 + Math.abs(wy[e])) * n, "dy entry " + e);
                    w.setFactors(x, y);
                    w.evaluate();
                }
                assertEquals(ReferenceOps.sumSquares(dx, n * d) + ReferenceOps.sumSquares(dy, m * d),
                        w.directionNorm2(), 1e-12 * w.directionNorm2());
                ReferenceOps.step(x, dx, 0.02, n * d);
                ReferenceOps.step(y, dy, 0.02, m * d);
                w.step(0.02);
            }
            double[] wx = new double[n * d], wy = new double[m * d];
            w.getFactors(wx, wy);
            assertArrayEquals(x, wx, 1e-13, "X, shape " + java.util.Arrays.toString(s));
            assertArrayEquals(y, wy, 1e-13, "Y, shape " + java.util.Arrays.toString(s));
            assertEquals(ReferenceOps.balanceGap(x, n, y, m, d), w.balanceGap(), 1e-12 * (1 + w.balanceGap()));
            assertEquals(ReferenceOps.sumSquares(x, n * d), w.xNorm2(), 1e-13 * w.xNorm2());
        }
    }

    @Test
    void twoThreadsGiveTheSameBitsAsOne() {
        Random rnd = new Random(5);
        // n m d >= 2^18: large enough to split; odd d, a short last chunk, a wide and a tall A
        int[][] shapes = {{140, 150, 13}, {301, 97, 9}, {64, 1030, 4}, {257, 260, 20}};
        for (int[] s : shapes) {
            int n = s[0], m = s[1], d = s[2];
            String shape = java.util.Arrays.toString(s);
            double[] a = gaussian(rnd, n * m, 1), x = gaussian(rnd, n * d, 0.1), y = gaussian(rnd, m * d, 0.1);
            Target t = new Target(a, n, m);
            Workspace one = new Workspace(t, d, false);
            Workspace two = new Workspace(t, d, true);
            org.junit.jupiter.api.Assumptions.assumeTrue(two.threads() == 2, "needs two cores");
            assertEquals(1, one.threads());
            one.setFactors(x, y);
            two.setFactors(x, y);
            for (int step = 0; step < 150; step++) {   // over two probe periods: split and unsplit steps both taken
                assertEquals(Double.doubleToLongBits(one.evaluate()), Double.doubleToLongBits(two.evaluate()), "loss, step " + step + ", " + shape);
                assertEquals(Double.doubleToLongBits(one.directionNorm2()), Double.doubleToLongBits(two.directionNorm2()), "gradient, " + shape);
                one.step(0.01);
                two.step(0.01);
            }
            assertEquals(Double.doubleToLongBits(one.balanceGap()), Double.doubleToLongBits(two.balanceGap()), "balance gap, " + shape);
            double[] x1 = new double[n * d], y1 = new double[m * d], x2 = new double[n * d], y2 = new double[m * d];
            one.getFactors(x1, y1);
            two.getFactors(x2, y2);
            assertArrayEquals(x1, x2, 0.0, "X, " + shape);
            assertArrayEquals(y1, y2, 0.0, "Y, " + shape);
        }
    }

    @Test
    void nonFiniteFactorsAreNoticed() {
        Workspace w = new Workspace(new Target(new double[] {1, 2, 3, 4}, 2, 2), 1);
        w.setFactors(new double[] {1, 2}, new double[] {3, 4});
        assertTrue(w.factorsFinite());
        w.setFactors(new double[] {1, Double.NaN}, new double[] {3, 4});
        assertFalse(w.factorsFinite());
        w.setFactors(new double[] {1, 2}, new double[] {Double.NEGATIVE_INFINITY, 4});
        assertFalse(w.factorsFinite());
    }
}
