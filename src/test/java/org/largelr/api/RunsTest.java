package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** Named runs, one summary row per named run, and tables stacked under their names. */
class RunsTest {
    private static List<GdResult> threeRuns() {
        return Sweep.scalar(1).points(new double[] {3, 0.1}).h(Grid.of(0.1, 0.3, 0.5)).maxSteps(5000).keepTrajectories(1)
                .progress(SweepProgress.none()).run().trajectories();
    }

    @Test
    void namedKeepsTheOrderAndRefusesTwoRunsOfOneName() {
        List<GdResult> runs = threeRuns();
        Map<String, GdResult> named = Runs.named(runs, r -> "h = " + r.h());
        assertEquals(List.of("h = 0.1", "h = 0.3", "h = 0.5"), List.copyOf(named.keySet()));
        assertSame(runs.get(2), named.get("h = 0.5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Runs.named(runs, r -> "same"));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
    }

    @Test
    void tableHasOneRowPerRunWithItsNameAndSummary() {
        Map<String, GdResult> named = Runs.named(threeRuns(), r -> String.valueOf(r.h()));
        Table t = Runs.table(named);
        assertEquals(3, t.rowCount());
        assertEquals(Columns.NAME, t.columnNames().get(0));
        assertEquals(t.columnNames().subList(1, t.columnCount()), named.get("0.1").summary().columnNames());
        int i = 0;
        for (Map.Entry<String, GdResult> e : named.entrySet()) {
            GdResult r = e.getValue();
            assertEquals(e.getKey(), t.stringColumn(Columns.NAME).get(i));
            assertEquals(r.outcome().name(), t.stringColumn(Columns.OUTCOME).get(i));
            assertEquals(r.steps(), t.longColumn(Columns.STEPS).get(i));
            assertEquals(r.finalLoss(), t.doubleColumn(Columns.LOSS).get(i));
            i++;
        }
        // 0.5 diverges from (3, 0.1) (the digest's example), the others converge: the rows are the runs', not copies of one
        assertEquals("DIVERGED", t.stringColumn(Columns.OUTCOME).get(2));
        assertEquals("CONVERGED", t.stringColumn(Columns.OUTCOME).get(0));
    }

    @Test
    void stackPutsPartsInOrderAndRefusesOtherColumns() {
        List<GdResult> runs = threeRuns();
        Map<String, Table> parts = new LinkedHashMap<>();
        parts.put("first", runs.get(0).trajectory());
        parts.put("second", runs.get(1).trajectory());
        Table t = Runs.stack("both", parts);
        int a = runs.get(0).recordedRows(), b = runs.get(1).recordedRows();
        assertEquals(a + b, t.rowCount());
        assertEquals("both", t.name());
        assertEquals("first", t.stringColumn(Columns.NAME).get(a - 1));
        assertEquals("second", t.stringColumn(Columns.NAME).get(a));
        assertEquals(runs.get(1).column(Columns.LOSS)[0], t.doubleColumn(Columns.LOSS).get(a));
        assertEquals(a, parts.get("first").rowCount(), "the parts are not changed");
        parts.put("summary", runs.get(2).summary());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Runs.stack("x", parts));
        assertTrue(e.getMessage().contains("'summary'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Runs.stack("x", Map.of()));
    }
}
