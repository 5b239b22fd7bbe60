package org.largelr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The lanes against single runs ({@link ScalarGd#run}), bit for bit, where the alarm and the replays are most
 * likely to slip: budgets shorter than, equal to and just past a chunk, more runs than slots (so slots refill),
 * every stop rule, starts that overflow the gradient but not the loss, starts whose loss passes a low divergence
 * bound while the gradient is tiny, tiny and huge steps, and a stop in the middle.
 */
class ScalarLanesTest {
    private static final StopRule[] RULES = {StopRule.scalarDefault(), StopRule.budgetOnly(),
            new StopRule(0, 1e-9, 1e50), new StopRule(1e-12, 1e-9, 1e3), new StopRule(1e-300, 0, 1e-10),
            new StopRule(0, 0, Double.MAX_VALUE), new StopRule(1e10, 0, 1e50), new StopRule(0, 0, 0.1)};
    private static final long[] BUDGETS = {0, 1, ScalarLanes.CHUNK - 1, ScalarLanes.CHUNK, ScalarLanes.CHUNK + 1, 200, 1000};

    /** A mix of ordinary and extreme lanes. */
    private static double[][] lanes(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] h = new double[n], x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            switch (i % 8) {
                case 0 -> { h[i] = 1e200; x[i] = 1e200; y[i] = 1e-200; }   // |grad|^2 overflows, the loss does not
                case 1 -> { h[i] = 1e-300; x[i] = 1e150 * r.nextDouble(); y[i] = 1e-150; }
                case 2 -> { h[i] = r.nextDouble(1.5, 2.5); x[i] = r.nextDouble(-3, 3); y[i] = r.nextDouble(-3, 3); }
                case 3 -> { h[i] = r.nextDouble(0.99, 1.01); x[i] = 1; y[i] = 1 + 1e-9 * r.nextDouble(); }
                // Near the saddle: the loss (about mu^2 / 2) passes a low bound while the gradient is tiny.
                case 4 -> { h[i] = r.nextDouble(1e-6, 1e-3); x[i] = 1e-9 * r.nextDouble(); y[i] = -1e-9 * r.nextDouble(); }
                default -> { h[i] = r.nextDouble(0.01, 1.2); x[i] = r.nextDouble(0.1, 4); y[i] = r.nextDouble(-1, 1); }
            }
        }
        return new double[][] {h, x, y};
    }

    private static void assertLaneEqualsRun(ScalarLanes.Out out, int i, double mu, double h, long budget, StopRule rule,
                                            double x0, double y0, String where) {
        ScalarGd g = new ScalarGd(mu, h, budget, rule, x0, y0);
        int o = g.run(null).ordinal();
        assertEquals(o, out.outcome[i], "outcome, " + where);
        assertEquals(g.endStep, out.steps[i], "steps, " + where);
        assertEquals(Double.doubleToLongBits(g.x), Double.doubleToLongBits(out.x[i]), "x, " + where);
        assertEquals(Double.doubleToLongBits(g.y), Double.doubleToLongBits(out.y[i]), "y, " + where);
        assertEquals(Double.doubleToLongBits(g.loss()), Double.doubleToLongBits(out.loss[i]), "loss, " + where);
    }

    @Test
    void everyLaneEqualsItsSingleRunBitForBit() {
        int n = ScalarLanes.WIDTH * 2 + 37;   // more runs than slots: slots refill
        double[][] l = lanes(n, 7);
        int[] seen = new int[3];
        for (StopRule rule : RULES)
            for (long budget : BUDGETS) {
                ScalarLanes.Out out = new ScalarLanes(1.0, budget, rule).run(l[0], l[1], l[2], n);
                for (int i = 0; i < n; i++) {
                    assertLaneEqualsRun(out, i, 1.0, l[0][i], budget, rule, l[1][i], l[2][i],
                            rule + " budget " + budget + " lane " + i);
                    seen[out.outcome[i]]++;
                }
            }
        for (int o = 0; o < 3; o++) assertTrue(seen[o] > 100, "each outcome met often, saw " + java.util.Arrays.toString(seen));
    }

    /**
     * Another mu moves the line between the kernels whose alarm sums r^2 and those that leave it to |grad|^2
     * (threshold above (|mu| + 1)^2): a large mu with a bound just above its loss, and a negative mu.
     */
    @Test
    void lanesEqualSingleRunsAtOtherMu() {
        int n = ScalarLanes.WIDTH + 11;
        double[][] l = lanes(n, 11);
        for (double mu : new double[] {-2.5, 1e24})
            for (StopRule rule : RULES)
                for (long budget : new long[] {ScalarLanes.CHUNK + 1, 300}) {
                    ScalarLanes.Out out = new ScalarLanes(mu, budget, rule).run(l[0], l[1], l[2], n);
                    for (int i = 0; i < n; i++)
                        assertLaneEqualsRun(out, i, mu, l[0][i], budget, rule, l[1][i], l[2][i],
                                "mu " + mu + " " + rule + " budget " + budget + " lane " + i);
                }
    }

    @Test
    void aStopKeepsTheFinishedLanesExactAndMarksTheRest() {
        int n = 3000;
        double[][] l = lanes(n, 11);
        AtomicInteger asked = new AtomicInteger();
        long budget = 100_000;
        ScalarLanes.Out out = new ScalarLanes(1.0, budget, StopRule.scalarDefault())
                .run(l[0], l[1], l[2], n, () -> asked.incrementAndGet() > 40);
        assertEquals(41, asked.get(), "asked once per chunk until it said stop");
        int finished = 0;
        for (int i = 0; i < n; i++) {
            if (out.outcome[i] == ScalarGd.RUNNING) continue;
            finished++;
            assertLaneEqualsRun(out, i, 1.0, l[0][i], budget, StopRule.scalarDefault(), l[1][i], l[2][i], "lane " + i);
        }
        assertTrue(finished > 0 && finished < n, "some lanes finished, some not: " + finished + " of " + n);
    }

    /**
     * The Vector API kernel against the array kernel, same JVM, same lanes, bit for bit: every rule (it runs those
     * without a tolerance; with one, both take the array kernel and must still agree), at a mu where the alarm sums r^2 and where it leaves it out, with lanes that
     * diverge, converge and take the whole budget, lane counts that fill its vectors and leave a tail to the array
     * kernel, fewer lanes than one run of its vectors.
     */
    @Test
    void theVectorKernelGivesTheArrayKernelsBits() {
        // Runs in surefire's vector-kernel execution (pom.xml), the one with the module.
        Assumptions.assumeTrue(VectorApi.available(), "needs --add-modules jdk.incubator.vector");
        int[] seen = new int[3];
        for (int n : new int[] {5, ScalarLanes.WIDTH * 2 + 37})
            for (double mu : new double[] {1.0, -2.5, 1e24})
                for (StopRule rule : RULES)
                    for (long budget : new long[] {ScalarLanes.CHUNK - 1, ScalarLanes.CHUNK + 1, 300}) {
                        double[][] l = lanes(n, 13);
                        ScalarLanes.Out a = new ScalarLanes(mu, budget, rule, false).run(l[0], l[1], l[2], n);
                        ScalarLanes.Out v = new ScalarLanes(mu, budget, rule, true).run(l[0], l[1], l[2], n);
                        for (int i = 0; i < n; i++) {
                            String where = "n " + n + " mu " + mu + " " + rule + " budget " + budget + " lane " + i;
                            assertEquals(a.outcome[i], v.outcome[i], "outcome, " + where);
                            assertEquals(a.steps[i], v.steps[i], "steps, " + where);
                            assertEquals(Double.doubleToLongBits(a.x[i]), Double.doubleToLongBits(v.x[i]), "x, " + where);
                            assertEquals(Double.doubleToLongBits(a.y[i]), Double.doubleToLongBits(v.y[i]), "y, " + where);
                            assertEquals(Double.doubleToLongBits(a.loss[i]), Double.doubleToLongBits(v.loss[i]),
                                    "loss, " + where);
                            seen[v.outcome[i]]++;
                        }
                    }
        for (int o = 0; o < 3; o++) assertTrue(seen[o] > 100, "each outcome met often, saw " + java.util.Arrays.toString(seen));
    }
}
