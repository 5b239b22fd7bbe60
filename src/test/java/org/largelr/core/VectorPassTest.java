package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The two kernels behind {@link Workspace}: the one-pass Vector API kernel ({@link VectorPass}; surefire's second
 * run, {@code vector-kernel}, starts the module for it) and the plain two-pass kernel, which a JVM without the
 * module runs. They agree to rounding, each gives the same bits at one or two threads, and a JVM without the module
 * runs the plain kernel without error.
 */
class VectorPassTest {

    static Workspace loaded(Target t, double[] x, double[] y, int d, boolean two, boolean vector) {
        Workspace w = new Workspace(t, d, two, vector);
        w.setFactors(x, y);
        return w;
    }

    @Test
    void theKernelFollowsTheModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        Workspace w = new Workspace(new Target(new double[] {1, 2, 3, 4}, 2, 2), 1);
        assertEquals(module ? "vector" : "plain", w.kernel());
        assertEquals("plain", new Workspace(new Target(new double[] {1, 2, 3, 4}, 2, 2), 1, false, false).kernel());
    }

    @Test
    void vectorAndPlainKernelsAgreeToRounding() {
        Assumptions.assumeTrue(Workspace.vectorApi(), "needs --add-modules jdk.incubator.vector");
        Random rnd = new Random(17);
        // every d from 1 to 9 (the 4, 2 and 1 column bodies), odd sizes, a wide and a tall A, one large enough to split
        int[][] shapes = {{1, 1, 1}, {7, 5, 2}, {9, 13, 3}, {17, 6, 4}, {5, 41, 5}, {33, 19, 6}, {12, 70, 7}, {40, 3, 9},
                {140, 150, 13}};
        for (int[] s : shapes) {
            int n = s[0], m = s[1], d = s[2];
            String shape = java.util.Arrays.toString(s);
            double[] a = KernelsTest.gaussian(rnd, n * m, 1), x = KernelsTest.gaussian(rnd, n * d, 0.3), y = KernelsTest.gaussian(rnd, m * d, 0.3);
            Target t = new Target(a, n, m);
            Workspace plain = loaded(t, x, y, d, true, false), vector = loaded(t, x, y, d, true, true);
            assertEquals("vector", vector.kernel());
            for (int step = 0; step < 40; step++) {
                double lp = plain.evaluate(), lv = vector.evaluate();
                assertEquals(lp, lv, 1e-13 * lp, "loss, step " + step + ", " + shape);
                assertEquals(plain.directionNorm2(), vector.directionNorm2(), 1e-12 * plain.directionNorm2(), "gradient, " + shape);
                plain.step(0.02);
                vector.step(0.02);
            }
            double[] xp = new double[n * d], yp = new double[m * d], xv = new double[n * d], yv = new double[m * d];
            plain.getFactors(xp, yp);
            vector.getFactors(xv, yv);
            assertArrayEquals(xp, xv, 1e-13, "X, " + shape);
            assertArrayEquals(yp, yv, 1e-13, "Y, " + shape);
        }
    }

    @Test
    void eachKernelGivesTheSameBitsAtOneAndTwoThreads() {
        Random rnd = new Random(23);
        int[][] shapes = {{140, 150, 13}, {301, 97, 9}, {64, 1030, 4}};   // n m d >= 2^18: large enough to split
        for (boolean vector : new boolean[] {false, true}) {
            if (vector && !Workspace.vectorApi()) continue;
            for (int[] s : shapes) {
                int n = s[0], m = s[1], d = s[2];
                String what = (vector ? "vector " : "plain ") + java.util.Arrays.toString(s);
                double[] a = KernelsTest.gaussian(rnd, n * m, 1), x = KernelsTest.gaussian(rnd, n * d, 0.1), y = KernelsTest.gaussian(rnd, m * d, 0.1);
                Target t = new Target(a, n, m);
                Workspace one = loaded(t, x, y, d, false, vector), two = loaded(t, x, y, d, true, vector);
                Assumptions.assumeTrue(two.threads() == 2, "needs two cores");
                for (int step = 0; step < 140; step++) {   // over two probe periods: split and unsplit steps both taken
                    assertEquals(Double.doubleToLongBits(one.evaluate()), Double.doubleToLongBits(two.evaluate()), "loss, step " + step + ", " + what);
                    assertEquals(Double.doubleToLongBits(one.directionNorm2()), Double.doubleToLongBits(two.directionNorm2()), "gradient, " + what);
                    one.step(0.01);
                    two.step(0.01);
                }
                double[] x1 = new double[n * d], y1 = new double[m * d], x2 = new double[n * d], y2 = new double[m * d];
                one.getFactors(x1, y1);
                two.getFactors(x2, y2);
                assertArrayEquals(x1, x2, 0.0, "X, " + what);
                assertArrayEquals(y1, y2, 0.0, "Y, " + what);
            }
        }
    }

    /** What a JVM started without the module prints: its kernel and the loss after a few steps, exactly. */
    public static void main(String[] args) {
        Workspace w = fixed();
        for (int s = 0; s < 5; s++) {
            w.evaluate();
            w.step(0.05);
        }
        System.out.println(w.kernel() + " " + Double.doubleToLongBits(w.evaluate()));
    }

    private static Workspace fixed() {
        Random rnd = new Random(3);
        int n = 30, m = 20, d = 3;
        return loaded(new Target(KernelsTest.gaussian(rnd, n * m, 1), n, m), KernelsTest.gaussian(rnd, n * d, 0.3),
                KernelsTest.gaussian(rnd, m * d, 0.3), d, false, false);
    }

    @Test
    void aJvmWithoutTheModuleRunsThePlainKernel() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), VectorPassTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        Workspace w = fixed();   // the plain kernel here gives the same bits: its order is fixed by the data alone
        for (int s = 0; s < 5; s++) {
            w.evaluate();
            w.step(0.05);
        }
        assertEquals("plain " + Double.doubleToLongBits(w.evaluate()), out);
    }
}
