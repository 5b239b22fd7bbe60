package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The representation Columns documents for runs that overflow: no NaN in a summary, a sweep row or its CSV, and the
 * values are those of the documented step, checked against sums done here in BigDecimal or by a plain GD loop.
 */
class OverflowRepresentationTest {
    private static final MathContext MC = MathContext.DECIMAL128;

    /** {@code sum x^2 - sum y^2} in exact decimal arithmetic, rounded to a double. */
    private static double exactImbalance(double[] x, double[] y) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) s = s.add(new BigDecimal(v).pow(2));
        for (double v : y) s = s.subtract(new BigDecimal(v).pow(2));
        return s.doubleValue();   // +-Infinity beyond double range, as documented
    }

    /** {@code ||X^T X - Y^T Y||_F} of row-major factors with d columns, in decimal arithmetic. */
    private static double exactGap(double[] x, double[] y, int d) {
        BigDecimal total = BigDecimal.ZERO;
        for (int p = 0; p < d; p++)
            for (int q = 0; q < d; q++) {
                BigDecimal g = BigDecimal.ZERO;
                for (int i = 0; i < x.length; i += d) g = g.add(new BigDecimal(x[i + p]).multiply(new BigDecimal(x[i + q])));
                for (int i = 0; i < y.length; i += d) g = g.subtract(new BigDecimal(y[i + p]).multiply(new BigDecimal(y[i + q])));
                total = total.add(g.pow(2));
            }
        return total.sqrt(MC).doubleValue();
    }

    private static void assertNoNaN(Table t) {
        for (var c : t.columns())
            if (c instanceof NumericColumn<?> n)
                for (int i = 0; i < t.rowCount(); i++)
                    assertFalse(Double.isNaN(n.getDouble(i)), t.name() + ": " + c.name() + " row " + i + " is NaN");
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isInfinite(expected) || expected == 0) assertEquals(expected, actual, what);
        else assertEquals(expected, actual, 1e-13 * Math.abs(expected), what);
    }

    @Test
    void scalarStartFarOutDivergesAtStepZeroWithEveryValueDocumented() {
        double[][] starts = {{1e200, 1e200}, {2e200, 1e200}, {1e200, -1e200}, {1e200, 1e200 * (1 + 0x1p-40)}};
        for (double[] s : starts) {
            GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(s[0], s[1])).h(0.1).maxSteps(10).run();
            String at = "start " + s[0] + ", " + s[1];
            assertEquals(Outcome.DIVERGED, r.outcome(), at);
            assertEquals(0, r.steps(), at);
            assertEquals(0, r.valuesStep(), at);
            assertEquals(0, r.recordedRows(), at + ": a row with an overflowed value is not kept");
            assertEquals(Double.POSITIVE_INFINITY, r.finalLoss(), at);
            assertTrue(r.overflow().contains(Columns.LOSS), at + ": " + r.overflow());
            assertEquals(Double.POSITIVE_INFINITY, r.L(), at + ": the documented marker of an L beyond range");
            double[] x = {s[0]}, y = {s[1]};
            assertClose(exactImbalance(x, y), r.finalImbalance(), at + " imbalance");
            assertClose(Math.abs(exactImbalance(x, y)), r.finalBalanceGap(), at + " gap");
            assertClose(new BigDecimal(s[0]).pow(2).doubleValue(), r.finalXNorm2(), at + " x_norm2");
            assertNoNaN(r.summary());
            assertFalse(r.toString().contains("NaN"), r.toString());
        }
    }

    @Test
    void matrixStartFarOutDivergesAtStepZeroWithEveryValueDocumented() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2, 0}, {3, 4, 1}});
        double[] x = {1e200, -3e199, 2e200, 5e199}, y = {1e200, 1e200, -2e200, 7e199, 1e199, 1e200};
        Factors start = new Factors(DMatrixRMaj.wrap(2, 2, x.clone()), DMatrixRMaj.wrap(3, 2, y.clone()));
        GdResult r = GradientDescent.on(Problem.factorization(a, 2)).from(start).h(0.1).maxSteps(10).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(0, r.steps());
        assertEquals(Double.POSITIVE_INFINITY, r.finalLoss());
        assertEquals(Double.POSITIVE_INFINITY, r.finalXNorm2());
        assertEquals(Double.POSITIVE_INFINITY, r.L());
        assertClose(exactImbalance(x, y), r.finalImbalance(), "imbalance");
        assertClose(exactGap(x, y, 2), r.finalBalanceGap(), "balance gap");
        assertClose(exactImbalance(x, y), start.imbalance(), "Factors.imbalance, the same rule");
        assertClose(exactGap(x, y, 2), start.balanceGap(), "Factors.balanceGap, the same rule");
        assertNoNaN(r.summary());
    }

    /**
     * A plain GD loop with the engine's stop rule: {end step, values step, x, y, loss} where the values are those of
     * the last iterate in range (the step before the end when the last step took the iterate out of range).
     */
    private static double[] plainRun(double mu, double h, double x, double y, long maxSteps) {
        for (long k = 0; ; k++) {
            double r = mu - x * y, loss = 0.5 * r * r, gx = -r * y, gy = -r * x, g = Math.sqrt(gx * gx + gy * gy);
            if (!Double.isFinite(loss) || !Double.isFinite(g) || loss > 1e50 || k == maxSteps)
                return new double[] {k, k, x, y, Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY};
            double nx = x - h * gx, ny = y - h * gy;
            if (!Double.isFinite(nx) || !Double.isFinite(ny)) return new double[] {k + 1, k, x, y, loss};
            x = nx;
            y = ny;
        }
    }

    @Test
    void aRunWhoseLastStepLeavesDoubleRangeKeepsTheValuesOfTheStepBefore() {
        // Only a vast h takes the iterate out of range while its loss and gradient are still finite.
        int leftRange = 0;
        for (double h : new double[] {1e160, 1e300, 5e307, 1e308}) {
            for (double[] s0 : new double[][] {{3, 0.1}, {0.5, 0.4}, {2, 1}, {1e-100, 2e-100}}) {
                double[] e = plainRun(1, h, s0[0], s0[1], 100);
                GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(s0[0], s0[1])).h(h).maxSteps(100)
                        .recordEvery(1000).run();
                String at = "h = " + h + " from " + s0[0] + ", " + s0[1];
                boolean left = e[0] != e[1];
                if (left) leftRange++;
                assertEquals((long) e[0], r.steps(), at + ": the step where the run ended");
                assertEquals((long) e[1], r.valuesStep(), at);
                assertEquals(left, "factors".equals(r.overflow()), at + ": " + r.overflow());
                assertEquals(left, r.end() == null, at);
                assertEquals(e[4], r.finalLoss(), at);
                assertEquals(Math.min(e[2] * e[2], Double.POSITIVE_INFINITY), r.finalXNorm2(), at);
                assertEquals(e[3] * e[3], r.finalYNorm2(), at);
                assertClose(exactImbalance(new double[] {e[2]}, new double[] {e[3]}), r.finalImbalance(), at);
                assertEquals(e[2], r.valuesAt().x().data[0], at);
                assertEquals(e[3], r.valuesAt().y().data[0], at);
                assertNoNaN(r.summary());
                assertEquals(r.valuesStep(), r.summary().longColumn(Columns.VALUES_STEP).getLong(0));
                assertEquals(r.overflow(), r.summary().stringColumn(Columns.OVERFLOW).get(0));
            }
        }
        assertTrue(leftRange >= 2, "some of these runs leave double range in their last step: " + leftRange);
    }

    @Test
    void matrixRunWhoseFirstStepLeavesDoubleRangeReportsItsStart() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Factors start = new Factors(new DMatrixRMaj(new double[][] {{1}, {1}}), new DMatrixRMaj(new double[][] {{1}, {0.5}}));
        FactorizationProblem p = Problem.factorization(a, 1);
        GdResult r = GradientDescent.on(p).from(start).h(1e308).maxSteps(10).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(1, r.steps());
        assertEquals(0, r.valuesStep());
        assertEquals("factors", r.overflow());
        // The start's values, computed here: R = A - X Y^T = [[0, 1.5], [2, 3.5]].
        assertEquals(0.5 * (0 + 2.25 + 4 + 12.25), r.finalLoss(), 1e-15);
        assertEquals(2, r.finalXNorm2());
        assertEquals(1.25, r.finalYNorm2());
        assertEquals(0.75, r.finalImbalance());
        assertEquals(0.75, r.finalBalanceGap());
        assertNoNaN(r.summary());
    }

    @Test
    void runsThatStayInRangeSayNone() {
        GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(3, 0.1)).h(0.2).maxSteps(500).run();
        assertEquals(Columns.NO_OVERFLOW, r.overflow());
        assertEquals(r.steps(), r.valuesStep());
        double[] loss = r.column(Columns.LOSS);
        assertEquals(loss[loss.length - 1], r.finalLoss(), "the last recorded row is the end");
    }

    @Test
    void sweepRowsThatOverflowHaveNoNaNInTableOrCsvAndEqualSingleRuns(@TempDir Path dir) throws IOException {
        // Starts far out (step-0 divergence) and vast steps (the iterate leaves double range), scalar lanes,
        // observed scalar runs (kept trajectories) and matrix runs.
        Sweep scalar = Sweep.scalar(1.0).h(Grid.of(0.1, 0.5, 1e300, 1e308)).points(new double[][] {{1e200, 1e200},
                {3, 0.1}, {2e200, 1e200}}).maxSteps(50).progress(SweepProgress.none());
        Table lanes = scalar.run().table();
        Table kept = scalar.keepTrajectories(1).run().table();
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        FactorizationProblem p = Problem.factorization(a, 1);
        Sweep matrix = Sweep.of(p).h(Grid.of(0.1, 1e308)).starts(Start.gaussian(1e200).withSeed(3),
                Start.gaussian(0.5).withSeed(4)).maxSteps(50).progress(SweepProgress.none());
        Path csv = dir.resolve("m.csv");
        Table m = matrix.csv(csv).run().table();
        for (Table t : new Table[] {lanes, kept, m}) {
            assertNoNaN(t.rejectColumns(t.columnNames().stream()
                    .filter(c -> c.equals(Columns.IMBALANCE_RATIO) || c.equals(Columns.SCALE)).toArray(String[]::new)));
            for (String c : new String[] {Columns.LOSS, Columns.X_NORM2, Columns.Y_NORM2, Columns.IMBALANCE,
                    Columns.BALANCE_GAP})
                for (int i = 0; i < t.rowCount(); i++) assertFalse(Double.isNaN(t.doubleColumn(c).getDouble(i)));
        }
        var lines = Files.readAllLines(csv);
        int ratio = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(Columns.IMBALANCE_RATIO);
        for (String line : lines) {
            String[] cells = line.split(",");
            for (int c = 0; c < cells.length; c++)
                assertTrue(c == ratio || !cells[c].equals("NaN"), "the matrix sweep's CSV: " + line);
        }
        assertEquals(lanes.columnNames(), kept.columnNames());
        for (var c : lanes.columns())
            for (int i = 0; i < lanes.rowCount(); i++)
                assertEquals(c.getString(i), kept.column(c.name()).getString(i), c.name() + " row " + i);
        for (String c : lanes.columnNames())
            if (lanes.column(c) instanceof tech.tablesaw.api.DoubleColumn dc)
                for (int i = 0; i < lanes.rowCount(); i++)
                    assertEquals(Double.doubleToLongBits(dc.getDouble(i)),
                            Double.doubleToLongBits(kept.doubleColumn(c).getDouble(i)),
                            "lanes and observed runs give the same bits: " + c + " row " + i);
        for (Table t : new Table[] {lanes, m}) {
            for (int i = 0; i < t.rowCount(); i++) {
                double h = t.doubleColumn(Columns.H).getDouble(i);
                Problem pr = t == m ? p : Problem.scalar(1);
                Factors s0 = t == m ? (i / 2 == 0 ? Start.gaussian(1e200).withSeed(3) : Start.gaussian(0.5).withSeed(4))
                        .create(p) : Factors.scalar(t.doubleColumn(Columns.X0).getDouble(i), t.doubleColumn(Columns.Y0).getDouble(i));
                GdResult r = GradientDescent.on(pr).from(s0).h(h).maxSteps(50).run();
                String at = t.name() + " row " + i;
                assertEquals(r.steps(), t.longColumn(Columns.STEPS).getLong(i), at);
                assertEquals(r.finalLoss(), t.doubleColumn(Columns.LOSS).getDouble(i), at);
                assertEquals(r.finalXNorm2(), t.doubleColumn(Columns.X_NORM2).getDouble(i), at);
                assertEquals(r.finalImbalance(), t.doubleColumn(Columns.IMBALANCE).getDouble(i), at);
                assertEquals(r.finalBalanceGap(), t.doubleColumn(Columns.BALANCE_GAP).getDouble(i), at);
                double[] x = s0.x().data, y = s0.y().data;
                if (r.valuesStep() == 0) assertClose(exactImbalance(x, y), r.finalImbalance(), at + " vs decimal sums");
            }
        }
    }

    @Test
    void aResumedSweepAcceptsEveryRowThatOverflowed(@TempDir Path dir) {
        // Resume checks each row against the grid bit for bit: rows that overflowed must pass as written.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Sweep[] sweeps = {
            Sweep.scalar(1.0).h(Grid.of(0.1, 1e300, 1e308)).points(new double[][] {{1e200, 1e200}, {2, 1}, {2e200, 1e200}})
                    .maxSteps(50),
            Sweep.of(Problem.factorization(a, 2)).h(Grid.of(0.1, 1e308)).starts(Start.gaussian(1e200).withSeed(3),
                    Start.gaussian(0.5).withSeed(4)).maxSteps(50)};
        for (Sweep sweep : sweeps) {
            Path csv = dir.resolve("s" + sweep.hashCode() + ".csv");
            sweep.progress(SweepProgress.none()).csv(csv).run();
            long[] todo = {-1};
            StringBuilder notices = new StringBuilder();
            sweep.csv(csv).progress(new SweepProgress() {
                @Override public void update(long done, long total, double seconds) { todo[0] = total; }
                @Override public void notice(String message) { notices.append(message).append('\n'); }
            }).run();
            assertEquals(0, todo[0], "every row kept on resume: " + notices);
            assertEquals("", notices.toString());
        }
    }
}
