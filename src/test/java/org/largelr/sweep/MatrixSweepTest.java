package org.largelr.sweep;

import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.api.GridTest.assertMessage;
import static org.largelr.sweep.ScalarSweepTest.assertTablesEqual;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.FactorizationProblem;
import org.largelr.api.Problem;
import org.largelr.api.Start;

import tech.tablesaw.api.Table;

class MatrixSweepTest {
    static final FactorizationProblem P = Problem.factorization(Matrices.withSingularValues(2, 1, 0.5).size(9, 7).seed(2).build(), 2);

    static Sweep sweep() {
        return Sweep.of(P).hTimes2OverL(Grid.linear(0.3, 2.4, 6)).scales(Grid.of(0.3))
                .imbalance(Grid.of(1, 3)).seeds(Grid.consecutive(0, 3)).maxSteps(800).progress(SweepProgress.none());
    }

    @Test
    void rowsEqualSingleRunsAndFollowTheGridOrder() {
        Table t = sweep().run().table();
        assertEquals(java.util.List.of("h", "h_factor", "h_unit", "hL", "two_over_h", "regime", "L", "sigma1", "n", "m",
                "d", "start", "scale", "c", "seed", "outcome", "steps", "loss", "min_loss", "x_norm2", "y_norm2",
                "imbalance_start", "imbalance", "imbalance_ratio", "balance_gap", "run"), t.columnNames());
        assertEquals(6 * 2 * 3, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            double c = t.doubleColumn("c").getDouble(i);
            long seed = t.longColumn("seed").getLong(i);
            assertEquals((i / 6) % 2 == 0 ? 1.0 : 3.0, c, "c is outside the learning rates");
            assertEquals(i / 12, seed, "seed is outside c");
            Start start = Start.gaussian(0.3).seed(seed).unbalanced(c);
            double l = P.sharpness(start.create(P));
            assertEquals(l, t.doubleColumn("L").getDouble(i), 0.0);
            assertEquals(2 * (0.3 + 0.42 * (i % 6)), t.doubleColumn("hL").getDouble(i), 1e-12);
            GdResult g = GradientDescent.on(P).from(start).h(t.doubleColumn("h").getDouble(i)).maxSteps(800)
                    .gradTolerance(org.largelr.core.StopRule.MATRIX_GRAD_TOLERANCE).run();
            assertEquals(g.outcome().name(), t.stringColumn("outcome").get(i), "row " + i);
            assertEquals(g.steps(), t.longColumn("steps").getLong(i), "row " + i);
            if (g.outcome() != org.largelr.api.Outcome.DIVERGED) {
                assertEquals(g.finalLoss(), t.doubleColumn("loss").getDouble(i), 0.0, "row " + i);
                assertEquals(g.finalImbalance(), t.doubleColumn("imbalance").getDouble(i), 0.0, "row " + i);
                assertEquals(g.finalBalanceGap(), t.doubleColumn("balance_gap").getDouble(i), 0.0, "row " + i);
            }
        }
    }

    @Test
    void theTableDoesNotDependOnTheThreadCount() {
        assertTablesEqual(sweep().threads(1).run().table(), sweep().threads(2).run().table());
    }

    /** Stability of minima (digest A): a limit reached with step h has sharpness <= 2/h. */
    @Test
    void convergedLimitsAreNoSharperThanTwoOverH() {
        SweepResult s = sweep().keepTrajectories(1000).run();
        Table t = s.table();
        int converged = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!"CONVERGED".equals(t.stringColumn("outcome").get(i))) continue;
            converged++;
            GdResult g = s.trajectory(i);
            double h = t.doubleColumn("h").getDouble(i), sharp = P.sharpness(g.end());
            assertTrue(sharp <= 2 / h * (1 + 1e-6), "row " + i + ": sharpness " + sharp + " > 2/h = " + 2 / h);
            assertEquals(P.minimumLoss(), t.doubleColumn("loss").getDouble(i), 1e-9 * Math.max(1, P.minimumLoss()));
        }
        assertTrue(converged >= 10, "converged: " + converged);
    }

    @Test
    void sizesDrawTheirOwnTargets() {
        Table t = Sweep.randomMatrices(5, new int[] {6, 5, 1}, new int[] {8, 8, 2}).h(Grid.of(0.05))
                .maxSteps(50).progress(SweepProgress.none()).run().table();
        assertEquals(2, t.rowCount());
        assertEquals(6, t.intColumn("n").getInt(0));
        assertEquals(2, t.intColumn("d").getInt(1));
        assertMessage(() -> Sweep.randomMatrices(5, new int[] {6, 0, 1}), "sizes[0] must be {n, m, d} with each >= 1");
        assertMessage(() -> Sweep.randomMatrices(5), "at least one {n, m, d}");
        assertMessage(() -> Sweep.of(P).run().table(), "learning rates must be set");
        assertMessage(() -> Sweep.of(P).seeds(Grid.of(0.5)), "seeds must be whole numbers");
        assertMessage(() -> Grid.consecutive(4, 0), "count must be >= 1");
        assertMessage(() -> Sweep.of(P).scales(Grid.of(-1)), "scales must be finite and > 0");
        assertMessage(() -> Sweep.of((Problem) null), "problems[0] must not be null");
    }
}
