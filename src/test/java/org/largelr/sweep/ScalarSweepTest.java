package org.largelr.sweep;

import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.api.GridTest.assertMessage;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.ScalarProblem;
import org.largelr.api.Start;

import tech.tablesaw.api.Table;

class ScalarSweepTest {
    static Sweep small() {
        return Sweep.scalar(1.0).h(Grid.linear(0.05, 1.2, 12)).x0(Grid.linear(0.1, 4, 9))
                .y0(Grid.of(0.5, 0.1)).maxSteps(600).progress(SweepProgress.none());
    }

    @Test
    void columnsAreTheDocumentedOnes() {
        Table t = small().run().table();
        assertEquals(java.util.List.of("h", "h_factor", "h_unit", "hL", "two_over_h", "regime", "L", "mu", "start",
                "x0", "y0", "c", "seed", "outcome", "steps", "loss", "x", "y", "x_norm2", "y_norm2", "imbalance_start",
                "imbalance", "imbalance_ratio", "balance_gap", "run"), t.columnNames());
        assertEquals(12 * 9 * 2, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) assertEquals(i, t.intColumn("run").getInt(i), "rows in grid order");
    }

    /** One stop rule: loss tolerance, gradient tolerance, divergence bound. */
    record Rule(double lossTol, double gradTol, double bound) {}

    @Test
    void everyRowEqualsASingleGradientDescentRun() {
        // Several stop rules, so that the lanes' alarm and exact replay meet each of them.
        Rule[] rules = {new Rule(org.largelr.core.StopRule.SCALAR_LOSS_TOLERANCE, 0, 1e50), new Rule(0, 0, 1e50),
                new Rule(0, 1e-9, 1e50), new Rule(1e-12, 1e-9, 1e3)};
        for (Rule rule : rules) {
            Table t = small().lossTolerance(rule.lossTol()).gradTolerance(rule.gradTol()).divergenceBound(rule.bound())
                    .imbalance(Grid.of(1, 2)).run().table();
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < t.rowCount(); i++) {
                double h = t.doubleColumn("h").getDouble(i), x0 = t.doubleColumn("x0").getDouble(i),
                        y0 = t.doubleColumn("y0").getDouble(i);
                GdResult g = GradientDescent.on(Problem.scalar(1.0)).from(Start.scalar(x0, y0)).h(h)
                        .maxSteps(600).lossTolerance(rule.lossTol()).gradTolerance(rule.gradTol())
                        .divergenceBound(rule.bound()).run();
                String outcome = t.stringColumn("outcome").get(i);
                seen.add(outcome);
                String where = rule + " row " + i;
                assertEquals(g.outcome().name(), outcome, "outcome, " + where);
                assertEquals(g.steps(), t.longColumn("steps").getLong(i), "steps, " + where);
                if (!"DIVERGED".equals(outcome)) {
                    assertEquals(g.end().x().data[0], t.doubleColumn("x").getDouble(i), 0.0, "x, " + where);
                    assertEquals(g.end().y().data[0], t.doubleColumn("y").getDouble(i), 0.0, "y, " + where);
                    assertEquals(g.finalLoss(), t.doubleColumn("loss").getDouble(i), 0.0, "loss, " + where);
                    assertEquals(g.finalImbalance(), t.doubleColumn("imbalance").getDouble(i), 0.0, "imbalance, " + where);
                }
                double l = ((ScalarProblem) Problem.scalar(1.0)).sharpness(x0, y0);
                assertEquals(h * l, t.doubleColumn("hL").getDouble(i), 0.0, "hL, " + where);
            }
            assertTrue(seen.size() >= 2, "the grid should mix outcomes, saw " + seen);
        }
    }

    @Test
    void theTableDoesNotDependOnTheThreadCount() {
        Table one = small().threads(1).run().table(), two = small().threads(2).run().table(), three = small().threads(3).run().table();
        assertTablesEqual(one, two);
        assertTablesEqual(one, three);
    }

    static void assertTablesEqual(Table a, Table b) {
        assertEquals(a.columnNames(), b.columnNames());
        assertEquals(a.rowCount(), b.rowCount());
        for (String c : a.columnNames())
            for (int i = 0; i < a.rowCount(); i++)
                assertEquals(a.column(c).getString(i), b.column(c).getString(i), c + " at row " + i);
        for (String c : a.columnNames())
            if (a.column(c) instanceof tech.tablesaw.api.DoubleColumn dc)
                for (int i = 0; i < a.rowCount(); i++)
                    assertEquals(Double.doubleToLongBits(dc.getDouble(i)),
                            Double.doubleToLongBits(b.doubleColumn(c).getDouble(i)), c + " at row " + i);
    }

    /** Stability of minima (digest A): a limit reached with step h has (x - y)^2 <= 2/h - 2 mu. */
    @Test
    void everyConvergedLimitSatisfiesTheBalancingBound() {
        double mu = 1.0;
        Table t = Sweep.scalar(mu).h(Grid.linear(0.02, 1.1, 40)).x0(Grid.linear(0.1, 5, 40)).y0(0.2)
                .maxSteps(3000).progress(SweepProgress.none()).run().table();
        int converged = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!"CONVERGED".equals(t.stringColumn("outcome").get(i))) continue;
            // A start already at a minimum (x0 y0 = mu, here x0 = 5) stops at step 0 however sharp that minimum
            // is: the measure-zero exception of the stability argument.
            if (t.longColumn("steps").getLong(i) == 0) continue;
            converged++;
            double h = t.doubleColumn("h").getDouble(i), x = t.doubleColumn("x").getDouble(i), y = t.doubleColumn("y").getDouble(i);
            assertTrue(h <= 1 / mu, "no minimum is stable above h = 1/mu, yet row " + i + " converged with h = " + h);
            double gap = (x - y) * (x - y), bound = 2 / h - 2 * mu;
            assertTrue(gap <= bound + 1e-6 * (2 / h), "row " + i + ": (x - y)^2 = " + gap + " > 2/h - 2 mu = " + bound);
        }
        assertTrue(converged > 500, "converged runs: " + converged);
    }

    /** The paper's scalar experiments use h <= h0 = 4/(x0^2 + y0^2 + 8), inside Theorem 3.1's range: all converge. */
    @Test
    void everyRunBelowH0Converges() {
        Table t = Sweep.scalar(1.0).h(Grid.linear(0.02, 0.5, 25)).x0(Grid.linear(0.5, 9, 25)).y0(1)
                .maxSteps(20000).progress(SweepProgress.none()).run().table();
        int below = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            double x0 = t.doubleColumn("x0").getDouble(i), y0 = t.doubleColumn("y0").getDouble(i);
            double h0 = 4 / (x0 * x0 + y0 * y0 + 8);
            if (t.doubleColumn("h").getDouble(i) > h0) continue;
            below++;
            assertEquals("CONVERGED", t.stringColumn("outcome").get(i), "row " + i + " (h <= h0 = " + h0 + ")");
        }
        assertTrue(below > 100, "runs below h0: " + below);
    }

    @Test
    void multiplesOf2OverLAndImbalanceFactorsSetTheStart() {
        Table t = Sweep.scalar(2.0).hTimes2OverL(Grid.of(0.5, 1.5)).points(new double[] {1, 1}, new double[] {3, 0.2})
                .imbalance(Grid.of(1, 2)).maxSteps(100).progress(SweepProgress.none()).run().table();
        assertEquals(8, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            double f = i % 2 == 0 ? 0.5 : 1.5;   // h innermost
            assertEquals(2 * f, t.doubleColumn("hL").getDouble(i), 1e-12);
        }
        assertEquals(2.0, t.doubleColumn("x0").getDouble(2));   // c = 2: (1, 1) -> (2, 0.5)
        assertEquals(0.5, t.doubleColumn("y0").getDouble(2));
        assertEquals(2.0, t.doubleColumn("c").getDouble(2));
    }

    @Test
    void keptTrajectoriesEndWhereTheRowsEnd() {
        SweepResult s = small().keepTrajectories(50).run();
        Table t = s.table();
        for (int i = 0; i < t.rowCount(); i += 7) {
            GdResult g = s.trajectory(i);
            assertEquals(g.steps(), t.longColumn("steps").getLong(i));
            if (g.end() != null) assertEquals(g.end().x().data[0], t.doubleColumn("x").getDouble(i), 0.0);
        }
        assertThrows(IllegalStateException.class, () -> small().run().trajectory(0));
    }

    @Test
    void badInputNamesTheArgumentAndTheAllowedRange() {
        assertMessage(() -> Sweep.scalar(1).x0(Grid.of(1)).y0(1).run(), "learning rates must be set");
        assertMessage(() -> Sweep.scalar(1).h(Grid.of(0.1)).run().table(), "starts must be set");
        assertMessage(() -> Sweep.scalar(1).h(Grid.of(0.1, -0.2)), "learning rates h must be finite and > 0");
        assertMessage(() -> Sweep.scalar(Double.NaN), "mu");
        assertMessage(() -> Sweep.scalar(1).maxSteps(-1), "maxSteps must be >= 0");
        assertMessage(() -> Sweep.scalar(1).lossTolerance(Double.NaN), "lossTolerance must be finite and >= 0");
        assertMessage(() -> Sweep.scalar(1).threads(0), "threads must be >= 1");
        assertMessage(() -> Sweep.scalar(1).points(), "at least one (x0, y0) pair");
        assertMessage(() -> Sweep.scalar(1).imbalance(Grid.of(0)), "imbalance factors c must be finite and > 0");
        assertMessage(() -> Sweep.scalar(0).hTimes2OverL(Grid.of(1)).points(new double[] {0, 0}).maxSteps(1)
                .progress(SweepProgress.none()).run().table(), "must be finite and > 0");
    }
}
