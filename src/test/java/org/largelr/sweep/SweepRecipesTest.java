package org.largelr.sweep;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.Columns;
import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.Theory;
import org.largelr.api.GdResult;

import tech.tablesaw.api.Table;

/** The start recipes and learning-rate units a sweep takes, each row against a single run. */
class SweepRecipesTest {
    @Test
    void aWithNormsStartSweptOverSeedsAndMultiplesOfH0EqualsSingleRuns() {
        Problem p = Problem.scalar(1.0, 10);
        Table t = Sweep.of(p).starts(Start.withNorms(9, 1)).seeds(Grid.consecutive(0, 3))
                .hTimes(Sweep.Unit.H0, Grid.of(0.5, 1)).maxSteps(3000).progress(SweepProgress.none()).run().table();
        assertEquals(6, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            long seed = t.longColumn(Columns.SEED).get(i);
            assertEquals(i / 2, seed, "seed outside h");
            Start s = Start.withNorms(9, 1).seed(seed);
            double h0 = Theory.h0(81 + 1);   // the norms are exact up to rounding
            assertEquals(i % 2 == 0 ? 0.5 : 1, t.doubleColumn(Columns.H_FACTOR).get(i));
            assertEquals(t.doubleColumn(Columns.H_FACTOR).get(i) * h0, t.doubleColumn(Columns.H).get(i), 1e-12);
            GdResult g = GradientDescent.on(p).from(s).h(t.doubleColumn(Columns.H).get(i)).maxSteps(3000).run();
            assertEquals(g.outcome().name(), t.stringColumn(Columns.OUTCOME).get(i));
            assertEquals(g.steps(), t.longColumn(Columns.STEPS).get(i));
            assertEquals(g.finalImbalance(), t.doubleColumn(Columns.IMBALANCE).get(i), 0.0);
            assertEquals(g.initialImbalance(), t.doubleColumn(Columns.IMBALANCE_START).get(i), 0.0);
            assertEquals(g.finalImbalance() / g.initialImbalance(), t.doubleColumn(Columns.IMBALANCE_RATIO).get(i), 0.0);
            assertEquals(2 / t.doubleColumn(Columns.H).get(i), t.doubleColumn(Columns.TWO_OVER_H).get(i), 0.0);
            assertEquals("norms 9.0/1.0", t.stringColumn(Columns.START).get(i));
        }
    }

    @Test
    void regimesFollowTheTheoryThresholds() {
        Problem p = Problem.factorization(Matrices.gaussian(6, 6).seed(1).build(), 6);
        Start s = Start.gaussian(0.5).seed(0).unbalanced(8);
        Theory th = Theory.of(p, s);
        Table t = Sweep.of(p).starts(s).hTimes(Sweep.Unit.ONE_OVER_SIGMA1, Grid.of(0.01, 0.9, 1.1)).maxSteps(10)
                .progress(SweepProgress.none()).run().table();
        for (int i = 0; i < 3; i++) {
            double h = t.doubleColumn(Columns.H).get(i);
            assertEquals(th.regime(h).name(), t.stringColumn(Columns.REGIME).get(i), "row " + i);
            assertEquals(th.sigmaMax(), t.doubleColumn(Columns.SIGMA1).get(i), 1e-12);
            assertEquals(h * th.L(), t.doubleColumn(Columns.HL).get(i), 1e-12);
        }
        assertEquals("NO_STABLE_MINIMUM", t.stringColumn(Columns.REGIME).get(2));
        assertTrue(th.classicalLimit() < 0.9 * th.noStableMinimumAbove(), "the start is unbalanced enough");
        assertEquals("BEYOND_2_OVER_L", t.stringColumn(Columns.REGIME).get(1));
    }

    @Test
    void aRecipeKeepsItsOwnSeedUnlessSeedsAreGiven() {
        Problem p = Problem.factorization(Matrices.gaussian(4, 4).seed(1).build(), 2);
        Table own = Sweep.of(p).starts(Start.gaussian(0.3).seed(7)).h(Grid.of(0.1)).maxSteps(5)
                .progress(SweepProgress.none()).run().table();
        assertEquals(7, own.longColumn(Columns.SEED).get(0));
        assertEquals(Start.gaussian(0.3).seed(7).create(p).imbalance(), own.doubleColumn(Columns.IMBALANCE_START).get(0), 0.0);
    }
}
