package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

class TwoPhasesTest {
    private final TwoPhases phases = TwoPhases.of("d = 3", Problem.scalar(1, 3), Start.withNorms(9, 1).seed(1))
            .multiples(0.5, 1.5).maxSteps(5000).run();

    @Test
    void tableAgreesWithTheTraces() {
        Table t = phases.table();
        assertEquals(2, t.rowCount());
        for (int i = 0; i < 2; i++) {
            TwoPhases.Case c = phases.cases().get(i);
            double[] loss = c.trace().losses();
            assertEquals(c.kStar(), t.longColumn(TwoPhases.K_STAR).get(i));
            assertEquals(c.trace().lossIncreases(), t.intColumn(TwoPhases.LOSS_INCREASES).get(i));
            assertEquals(Math.log10(loss[(int) c.kStar()] / loss[loss.length - 1]), t.doubleColumn(TwoPhases.DECADES_AFTER).get(i), 1e-12);
            assertEquals(2 / c.run().h() - c.trace().lastSharpness(), t.doubleColumn(TwoPhases.GAP).get(i), 1e-9);
        }
        assertEquals(0, t.longColumn(TwoPhases.K_STAR).get(0), "below 2/L the second phase starts at once");
        assertTrue(t.intColumn(TwoPhases.LOSS_INCREASES).get(1) > 0, "1.5 x 2/L from (9, 1) raises the loss first");
        assertEquals(4, TwoPhases.stack(List.of(phases, phases)).rowCount());
    }

    @Test
    void verdictsHoldAndCanFail() {
        List<Verdict> ok = phases.verdicts(0.5);
        assertEquals(2, ok.size());
        assertDoesNotThrow(() -> Verdict.conclude(ok));
        // No run does more than all of its descent after k*: asking for more must fail.
        assertThrows(AssertionError.class, () -> Verdict.conclude(phases.verdicts(1.01)));
        TwoPhases none = TwoPhases.of("diverges", Problem.scalar(1, 3), Start.withNorms(9, 1).seed(1)).multiples(3).run();
        assertThrows(AssertionError.class, () -> Verdict.conclude(none.verdicts(0.5)), "no converged run is a failure");
    }

    @Test
    void badSettingsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> TwoPhases.of("x", Problem.scalar(1), Start.scalar(1, 2)).multiples(0));
        assertTrue(e.getMessage().contains("multiples"));
        assertThrows(IllegalStateException.class, () -> TwoPhases.of("x", Problem.scalar(1), Start.scalar(1, 2)).table());
        assertThrows(IllegalArgumentException.class, () -> phases.figure(0));
    }
}
