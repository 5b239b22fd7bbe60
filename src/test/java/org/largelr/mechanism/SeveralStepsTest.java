package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.Problem;
import org.largelr.api.Start;

/** The steps and budget both instruments take: the values they run with, and errors naming the argument. */
class SeveralStepsTest {
    private final PhasePlane plane = PhasePlane.of(1, 3, 0.1);
    private final TwoPhases phases = TwoPhases.of("d = 1", Problem.scalar(1), Start.scalar(3, 0.1));

    @Test
    void theStepsAndTheBudgetAreTheOnesRun() {
        var paths = plane.steps(0.05, 0.3).maxSteps(7).run().paths();
        assertEquals(2, paths.size());
        assertEquals(0.3, paths.get(1).h());
        assertTrue(paths.get(0).run().steps() <= 7, "budget of 7, took " + paths.get(0).run().steps());
        var cases = phases.multiples(0.5).maxSteps(9).run().cases();
        assertEquals(1, cases.size());
        assertEquals(0.5 * 2 / cases.get(0).run().L(), cases.get(0).run().h(), 1e-12);
        assertTrue(cases.get(0).run().steps() <= 9);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertTrue(message(() -> plane.steps()).contains("steps (h) must hold at least one value"));
        assertTrue(message(() -> plane.steps(0.1, Double.NaN)).contains("steps (h) must be finite and > 0, got NaN"));
        assertTrue(message(() -> phases.multiples(1, -1)).contains("multiples must be finite and > 0, got -1"));
        assertTrue(message(() -> phases.multiples(Double.POSITIVE_INFINITY)).contains("got Infinity"));
        assertTrue(message(() -> plane.maxSteps(0)).contains("maxSteps must be >= 1, got 0"));
        assertTrue(message(() -> phases.maxSteps(-3)).contains("maxSteps must be >= 1, got -3"));
    }

    private static String message(Runnable bad) {
        return assertThrows(IllegalArgumentException.class, bad::run).getMessage();
    }
}
