package org.largelr.theory;

import org.largelr.api.Check;
import org.largelr.api.Verdict;
import org.largelr.api.VerdictSummary;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** One row per claim, pointing at the instance where the claim came closest to failing. */
class VerdictSummaryTest {

    @Test
    void marginIsTheRelativeSlack() {
        assertEquals(0.5, VerdictSummary.margin(Check.conclusion("c", 1, "<=", 2)), 1e-15);
        assertEquals(-0.5, VerdictSummary.margin(Check.conclusion("c", 2, "<=", 1)), 1e-15);
        assertEquals(0.5, VerdictSummary.margin(Check.conclusion("c", 2, ">=", 1)), 1e-15);
        assertEquals(0, VerdictSummary.margin(Check.conclusion("c", 0, "<=", 0)), 0);
        assertTrue(Double.isNaN(VerdictSummary.margin(Check.conclusion("c", Double.NaN, "<=", 0))));
    }

    @Test
    void foldsInstancesAndPointsAtTheClosestCall() {
        List<Verdict> v = List.of(
                new Verdict("a", List.of(Check.conclusion("x <= 2/h", 1, "<=", 4), Check.hypothesis("h > 0", 1, ">", 0))),
                new Verdict("b", List.of(Check.conclusion("x <= 2/h", 3.9, "<=", 4))),
                new Verdict("c", List.of(Check.conclusion("x <= 2/h", 2, "<=", 4))));
        Table t = VerdictSummary.table(v);
        assertEquals(2, t.rowCount());
        assertEquals("x <= 2/h", t.stringColumn("claim").get(0));
        assertEquals(3, t.intColumn("checks").get(0));
        assertEquals(3, t.intColumn("held").get(0));
        assertEquals("b", t.stringColumn("closest_instance").get(0));
        assertEquals(3.9, t.doubleColumn("lhs").get(0), 0);
        assertEquals(0.1 / 4, t.doubleColumn("margin").get(0), 1e-12);
    }

    @Test
    void aFailedCheckIsAlwaysTheOneShown() {
        List<Verdict> v = List.of(
                new Verdict("ok", List.of(Check.conclusion("x <= 1", 0.999999, "<=", 1))),
                new Verdict("bad", List.of(Check.conclusion("x <= 1", 7, "<=", 1))),
                new Verdict("loose", List.of(Check.conclusion("x <= 1", 0.5, "<=", 1))));
        Table t = VerdictSummary.table(v);
        assertEquals(2, t.intColumn("held").get(0));
        assertEquals("bad", t.stringColumn("closest_instance").get(0));
        assertTrue(t.doubleColumn("margin").get(0) < 0);
    }
}
