package org.largelr.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Listeners that look every k steps, and the batch door to the scalar lanes. */
class ObserveEveryTest {
    private static GradientDescent run(Problem p, long steps) {
        Factors start = p instanceof ScalarProblem ? Factors.scalar(3, 0.1) : Start.gaussian(0.3).seed(4).create(p);
        return GradientDescent.on(p).from(start).h(0.05).maxSteps(steps).noTolerance().recordEvery(7);
    }

    @Test
    void aListenerSeesEveryKthStepAndTheLastAndTheRunIsUnchanged() {
        for (Problem p : List.of(Problem.scalar(1), Problem.factorization(Matrices.gaussian(5, 4).seed(2).build(), 2))) {
            List<Long> seen = new ArrayList<>(), everyStep = new ArrayList<>();
            GdResult plain = run(p, 1003).run();
            GdResult watched = run(p, 1003).observeEvery(100, s -> seen.add(s.k())).observe(s -> everyStep.add(s.k())).run();
            List<Long> expected = new ArrayList<>();
            for (long k = 0; k <= 1000; k += 100) expected.add(k);
            expected.add(1003L);
            assertEquals(expected, seen, p.toString());
            assertEquals(1004, everyStep.size(), "observe() still sees every step");
            assertArrayEquals(plain.column(GdResult.STEP), watched.column(GdResult.STEP));
            assertArrayEquals(plain.column(GdResult.LOSS), watched.column(GdResult.LOSS));
            assertEquals(plain.finalLoss(), watched.finalLoss(), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> run(Problem.scalar(1), 10).observeEvery(0, s -> {}));
    }

    @Test
    void aBatchEqualsSingleRunsAndChecksItsArguments() {
        double[] h = {0.1, 0.5, 1.9, 0.3}, x0 = {3, 0.2, 2, 1}, y0 = {0.1, 0.4, 1, 1};
        GradientDescent gd = GradientDescent.on(Problem.scalar(1)).maxSteps(500);
        ScalarBatch b = gd.runBatch(h, x0, y0);
        assertEquals(4, b.size());
        for (int i = 0; i < h.length; i++) {
            GdResult one = gd.from(Factors.scalar(x0[i], y0[i])).h(h[i]).run();
            assertTrue(b.finished(i));
            assertEquals(one.outcome(), b.outcome(i), "run " + i);
            assertEquals(one.steps(), b.steps(i), "run " + i);
            if (one.end() != null) {
                assertEquals(one.end().x().data[0], b.x(i), 0.0, "run " + i);
                assertEquals(one.end().y().data[0], b.y(i), 0.0, "run " + i);
            }
        }
        ScalarBatch stopped = gd.maxSteps(1_000_000_000L).runBatch(h, x0, y0, () -> true);
        for (int i = 0; i < h.length; i++) assertTrue(!stopped.finished(i) && stopped.outcome(i) == null);
        assertThrows(IllegalArgumentException.class, () -> gd.runBatch(h, x0, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> gd.runBatch(new double[] {0}, new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.on(Problem.factorization(Matrices.identity(2), 1)).runBatch(h, x0, y0));
    }
}
