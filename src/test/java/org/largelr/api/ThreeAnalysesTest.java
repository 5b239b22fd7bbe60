package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The three analyses of docs/architecture.md, each a few lines of the face, with the claims they show checked
 * through Check and Verdict as a notebook would (smaller grids than the document, same lines).
 */
class ThreeAnalysesTest {
    @Test
    void largerStepsLeaveLessImbalanceAcrossSeeds() {
        Table t = Sweep.randomMatrices(100, new int[] {10, 10, 10}).starts(Start.gaussian(0.1).unbalanced(4))
                .seeds(Grid.consecutive(0, 6)).hTimes2OverL(Grid.of(0.5, 1.0)).maxSteps(20_000)
                .progress(SweepProgress.none()).run().table();
        List<Verdict> verdicts = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            Table s = t.where(t.longColumn(Columns.SEED).isEqualTo(seed));
            double small = s.doubleColumn(Columns.IMBALANCE_RATIO).get(0), large = s.doubleColumn(Columns.IMBALANCE_RATIO).get(1);
            verdicts.add(new Verdict("seed " + seed, List.of(
                    Check.that("both runs converged", s.stringColumn(Columns.OUTCOME).isEqualTo("CONVERGED").size() == 2),
                    Check.conclusion("0.5 x 2/L keeps most of the imbalance: ratio", small, ">=", 0.85),
                    Check.conclusion("2/L keeps less than 0.5 x 2/L", large, "<", small))));
        }
        assertTrue(Verdict.conclude(verdicts).startsWith("VERDICT: PASS 18/18"));
    }

    @Test
    void aWithNormsStartAtH0BalancesWhereASmallStepDoesNot() {
        Table n = Sweep.of(Problem.scalar(1, 10)).starts(Start.withNorms(9, 1)).seeds(Grid.consecutive(0, 3))
                .hTimes(Sweep.Unit.H0, Grid.of(1, 2 / 7.0)).maxSteps(20_000).progress(SweepProgress.none()).run().table();
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < n.rowCount(); i += 2)
            verdicts.add(new Verdict("seed " + n.longColumn(Columns.SEED).get(i), List.of(
                    Check.hypothesis("h0 is beyond 2/L: h L > 2", n.doubleColumn(Columns.HL).get(i), ">", 2),
                    Check.conclusion("h0 balances: |imbalance ratio|", Math.abs(n.doubleColumn(Columns.IMBALANCE_RATIO).get(i)), "<=", 0.6),
                    Check.conclusion("2/7 h0 keeps it: imbalance ratio", n.doubleColumn(Columns.IMBALANCE_RATIO).get(i + 1), ">=", 0.9))));
        assertTrue(Verdict.conclude(verdicts).startsWith("VERDICT: PASS 9/9"));
    }

    @Test
    void nothingConvergesWhereNoMinimumIsStable() {
        Table p = Sweep.scalar(1).h(Grid.linear(0.02, 1.2, 30)).x0(Grid.linear(0.15, 3, 30)).y0(0.5).maxSteps(2000)
                .progress(SweepProgress.none()).run().table();
        Table counts = p.xTabCounts(Columns.REGIME, Columns.OUTCOME);
        Table none = p.where(p.stringColumn(Columns.REGIME).isEqualTo("NO_STABLE_MINIMUM"));
        assertTrue(none.rowCount() > 0, counts.toString());
        assertTrue(Verdict.conclude(List.of(new Verdict("h > 1/mu", List.of(
                Check.that("no run above 1/mu converges", none.stringColumn(Columns.OUTCOME).isEqualTo("CONVERGED").isEmpty()),
                Check.that("some run beyond 2/L converges", !p.where(p.stringColumn(Columns.REGIME).isEqualTo("BEYOND_2_OVER_L")
                        .and(p.stringColumn(Columns.OUTCOME).isEqualTo("CONVERGED"))).isEmpty()))))).startsWith("VERDICT: PASS"));
    }
}
