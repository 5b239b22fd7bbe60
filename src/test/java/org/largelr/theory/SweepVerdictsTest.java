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

    /** A scalar sweep table with the columns the two region checks read; x0 = 2, y0 = 1 gives h0 = 4/13. */
    private static Table region(double[] lr, String[] outcome, double l) {
        int n = lr.length;
        double[] x0 = new double[n], y0 = new double[n], mu = new double[n], ls = new double[n];
        java.util.Arrays.fill(x0, 2);
        java.util.Arrays.fill(y0, 1);
        java.util.Arrays.fill(mu, 1);
        java.util.Arrays.fill(ls, l);
        return Table.create("s", DoubleColumn.create("h", lr), DoubleColumn.create("x0", x0),
                DoubleColumn.create("y0", y0), StringColumn.create("outcome", outcome), DoubleColumn.create("mu", mu),
                DoubleColumn.create("L", ls));
    }

    @Test
    void h0CoversExactlyTheRowsAtOrBelowH0AndAnUnconvergedOneFails() {
        double h0 = 4.0 / 13;
        Table t = region(new double[] {0.1, h0, h0 * 1.01, 0.2}, new String[] {"CONVERGED", "CONVERGED", "DIVERGED", "MAX_STEPS"}, 5);
        List<Verdict> v = SweepVerdicts.h0Extrapolated(t);
        assertEquals(3, v.size(), "h = 1.01 h0 is outside the claim");
        assertTrue(v.get(0).conclusionsHold());
        assertTrue(v.get(1).conclusionsHold(), "h = h0 itself is covered");
        assertFalse(v.get(2).conclusionsHold(), "a run that used up its budget below h0 refutes the claim");
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(v));
        assertTrue(e.getMessage().contains("h=0.200000") && e.getMessage().contains("converges"), e.getMessage());
    }

    @Test
    void theClassicalBandIsStrictlyBetweenOneOverMuAndTwoOverL() {
        // L = 0.8: 2/L = 2.5, 1/mu = 1. Rows at 1 and 2.5 are on the edges, 0.5 and 3 outside.
        Table t = region(new double[] {0.5, 1.0, 1.5, 2.4, 2.5, 3.0},
                new String[] {"CONVERGED", "CONVERGED", "MAX_STEPS", "CONVERGED", "DIVERGED", "DIVERGED"}, 0.8);
        List<Verdict> v = SweepVerdicts.classicalWithoutStableMinimum(t);
        assertEquals(2, v.size());
        assertTrue(v.get(0).conclusionsHold());
        assertFalse(v.get(1).conclusionsHold(), "h = 2.4 converged although no minimum is stable there");
        assertTrue(SweepVerdicts.classicalWithoutStableMinimum(region(new double[] {1.5}, new String[] {"DIVERGED"}, 3)).isEmpty(),
                "with 2/L < 1/mu the band is empty");
    }
}
