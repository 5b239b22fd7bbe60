package org.largelr.theory;

import org.largelr.api.SweepVerdicts;
import org.largelr.api.Verdict;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SweepVerdictsTest {

    private static Table rows(double[] lr, String[] outcome, double[] x, double[] y) {
        int n = lr.length;
        double[] zeros = new double[n], ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return Table.create("s", DoubleColumn.create("h", lr), DoubleColumn.create("x0", zeros),
                DoubleColumn.create("y0", zeros), StringColumn.create("outcome", outcome),
                DoubleColumn.create("loss", zeros), DoubleColumn.create("x", x), DoubleColumn.create("y", y),
                DoubleColumn.create("mu", ones));
    }

    @Test
    void balancedLimitsPassAndUnbalancedOnesFail() {
        // h = 0.4: 2/h - 2 mu = 3. (x - y)^2 = (2 - 0.5)^2 = 2.25 passes; (4 - 0.25)^2 = 14.06 fails.
        Table t = rows(new double[] {0.4, 0.4}, new String[] {"CONVERGED", "CONVERGED"},
                new double[] {2, 4}, new double[] {0.5, 0.25});
        List<Verdict> v = SweepVerdicts.scalar(t, 1e-20);
        assertTrue(v.get(0).conclusionsHold());
        assertFalse(v.get(1).conclusionsHold());
        assertThrows(AssertionError.class, () -> Verdict.conclude(v));
    }

    @Test
    void aboveOneOverMuConvergenceIsAFailureAndBudgetRunsAreSkipped() {
        Table t = rows(new double[] {1.2, 1.2, 0.5}, new String[] {"CONVERGED", "DIVERGED", "MAX_STEPS"},
                new double[] {1, 1, 1}, new double[] {1, 1, 1});
        List<Verdict> v = SweepVerdicts.scalar(t, 1e-20);
        assertEquals(2, v.size());
        assertFalse(v.get(0).conclusionsHold());
        assertTrue(v.get(1).conclusionsHold());
    }

    @Test
    void missingColumnIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepVerdicts.scalar(Table.create("empty"), 1e-20));
        assertTrue(e.getMessage().contains("'h'"));
    }
}
