package org.largelr.sweep;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.sweep.ScalarSweepTest.assertTablesEqual;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.api.Columns;
import org.largelr.api.FactorizationProblem;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A value that does not apply (Columns: an imbalance ratio of a balanced start, the scale of a recipe without one,
 * L of a run told not to compute it) is missing in a table, an empty CSV field, a Parquet null, "n/a" in words and
 * a has-method in the API; never NaN. Resuming reads the empty fields back; a damaged cell is still refused.
 */
class NotApplicableTest {
    @TempDir Path dir;

    static final FactorizationProblem P = Problem.factorization(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}), 1);

    /**
     * Runs 0, 1: a given, balanced start (||X0||^2 = ||Y0||^2 = 5): no scale, no imbalance ratio. Runs 2, 3: one
     * Gaussian scale, both apply. Runs 4, 5: two Gaussian scales: no scale, a ratio.
     */
    static Sweep sweep() {
        Start balanced = Start.given(new DMatrixRMaj(new double[][] {{1}, {2}}), new DMatrixRMaj(new double[][] {{2}, {1}}));
        return Sweep.of(P).starts(balanced, Start.gaussian(0.5).seed(4), Start.gaussian(0.5).scales(0.5, 1).seed(5))
                .h(Grid.of(0.01, 0.05)).maxSteps(200).progress(SweepProgress.none());
    }

    static final boolean[] SCALE_MISSING = {true, true, false, false, true, true};
    static final boolean[] RATIO_MISSING = {true, true, false, false, false, false};

    @Test
    void aTableHoldsMissingValuesThatPrintEmpty() {
        Table t = sweep().run().table();
        assertEquals(6, t.rowCount());
        DoubleColumn scale = t.doubleColumn(Columns.SCALE), ratio = t.doubleColumn(Columns.IMBALANCE_RATIO);
        for (int i = 0; i < 6; i++) {
            assertEquals(SCALE_MISSING[i], scale.isMissing(i), "scale row " + i);
            assertEquals(RATIO_MISSING[i], ratio.isMissing(i), "imbalance_ratio row " + i);
            if (SCALE_MISSING[i]) assertNull(scale.get(i));
            else assertEquals(0.5, scale.get(i), 0.0);
            if (!RATIO_MISSING[i])
                assertEquals(t.doubleColumn(Columns.IMBALANCE).getDouble(i) / t.doubleColumn(Columns.IMBALANCE_START).getDouble(i),
                        ratio.getDouble(i), 0.0);
        }
        assertEquals(0.0, t.doubleColumn(Columns.IMBALANCE_START).getDouble(0), 0.0, "the given start is balanced");
        String shown = t.print();
        assertFalse(shown.contains("NaN"), shown);
        assertEquals("", t.getString(0, Columns.SCALE));
        assertEquals("", t.getString(0, Columns.IMBALANCE_RATIO));
        assertEquals(4, ratio.removeMissing().size(), "Tablesaw's aggregations see only the values that apply");
    }

    @Test
    void aCsvHasEmptyFieldsThereAndResumeReadsThemBack() throws Exception {
        Path csv = dir.resolve("m.csv");
        Table t = sweep().csv(csv).run().table();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int scale = header.indexOf(Columns.SCALE), ratio = header.indexOf(Columns.IMBALANCE_RATIO);
        assertEquals(7, lines.size());
        for (int i = 0; i < 6; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(header.size(), cells.length, lines.get(i + 1));
            for (String c : cells) assertNotEquals("NaN", c, lines.get(i + 1));
            assertEquals(SCALE_MISSING[i], cells[scale].isEmpty(), "scale of run " + i + ": " + lines.get(i + 1));
            assertEquals(RATIO_MISSING[i], cells[ratio].isEmpty(), "ratio of run " + i + ": " + lines.get(i + 1));
        }
        // Resume: every line is valid, nothing is computed again, the table and the file are as before.
        byte[] before = Files.readAllBytes(csv);
        long[] todo = {-1};
        Table again = sweep().csv(csv).progress(counting(todo)).run().table();
        assertTrue(todo[0] <= 0, "nothing computed again: " + todo[0]);
        assertTablesEqual(t, again);
        assertArrayEquals(before, Files.readAllBytes(csv));
    }

    @Test
    void resumeStillRefusesADamagedCellAndAnEmptyOneWhereAValueMustBe() throws Exception {
        Path csv = dir.resolve("m.csv");
        Table t = sweep().csv(csv).run().table();
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        List<String> header = List.of(lines.get(0).split(","));
        byte[] whole = Files.readAllBytes(csv);
        lines.set(1, replaceCell(lines.get(1), header.indexOf(Columns.IMBALANCE_RATIO), "NaN"));   // run 0: a word
        lines.set(3, replaceCell(lines.get(3), header.indexOf(Columns.LOSS), ""));                 // run 2: loss empty
        lines.set(5, replaceCell(lines.get(5), header.indexOf(Columns.SCALE), "x"));               // run 4: garbage
        Files.write(csv, lines);
        long[] todo = {-1};
        Table resumed = sweep().csv(csv).progress(counting(todo)).run().table();
        assertEquals(3, todo[0], "the three damaged lines are computed again, the other three kept");
        assertTablesEqual(t, resumed);
        assertArrayEquals(whole, Files.readAllBytes(csv), "the file is whole again");
    }

    @Test
    void parquetHoldsNullsThatDuckDbReadsAsNull() throws Exception {
        Path parts = dir.resolve("m.parquet");
        assertTrue(sweep().csv(parts).runToFile().complete());
        Table t = sweep().run().table();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT run, scale, imbalance_ratio, isnan(imbalance_ratio) FROM read_parquet('"
                     + parts + "/*.parquet') ORDER BY run")) {
            for (int i = 0; i < 6; i++) {
                assertTrue(r.next());
                assertEquals(i, r.getInt(1));
                double scale = r.getDouble(2);
                assertEquals(SCALE_MISSING[i], r.wasNull(), "scale of run " + i);
                if (!SCALE_MISSING[i]) assertEquals(0.5, scale, 0.0);
                double ratio = r.getDouble(3);
                assertEquals(RATIO_MISSING[i], r.wasNull(), "imbalance_ratio of run " + i);
                if (!RATIO_MISSING[i]) {
                    assertEquals(t.doubleColumn(Columns.IMBALANCE_RATIO).getDouble(i), ratio, 0.0);
                    assertFalse(r.getBoolean(4));
                }
            }
            assertFalse(r.next());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + parts + "/*.parquet') WHERE loss IS NULL"
                     + " OR isnan(loss) OR isnan(imbalance_ratio) OR isnan(scale)")) {
            assertTrue(r.next());
            assertEquals(0, r.getInt(1), "no NaN anywhere, no null outside the columns that may be missing");
        }
    }

    @Test
    void lThatWasNotComputedIsNotApplicableInTheApiTheSummaryAndInWords() {
        GdResult r = GradientDescent.on(P).from(Start.gaussian(0.5).seed(1)).h(0.01).maxSteps(10).computeL(false).run();
        assertFalse(r.hasL());
        IllegalStateException e = assertThrows(IllegalStateException.class, r::L);
        assertTrue(e.getMessage().contains("computeL(false)"), e.getMessage());
        assertThrows(IllegalStateException.class, r::hL);
        assertTrue(r.toString().contains("L=n/a, hL=n/a"), r.toString());
        assertFalse(r.toString().contains("NaN"), r.toString());
        Table summary = r.summary();
        assertTrue(summary.doubleColumn(Columns.L).isMissing(0));
        assertTrue(summary.doubleColumn(Columns.HL).isMissing(0));
        assertFalse(summary.print().contains("NaN"), summary.print());

        GdResult computed = GradientDescent.on(P).from(Start.gaussian(0.5).seed(1)).h(0.01).maxSteps(10).run();
        assertTrue(computed.hasL());
        assertEquals(P.sharpness(Start.gaussian(0.5).seed(1).create(P)), computed.L(), 0.0);
        assertEquals(0.01 * computed.L(), computed.hL(), 0.0);
        assertEquals(computed.L(), computed.summary().doubleColumn(Columns.L).getDouble(0), 0.0);
        assertTrue(computed.toString().contains(String.format(java.util.Locale.ROOT, "L=%.4g", computed.L())), computed.toString());
    }

    @Test
    void aStartWithoutOneScaleSaysSoInsteadOfGivingANumber() {
        assertTrue(Start.gaussian(0.5).hasScale());
        assertEquals(0.5, Start.gaussian(0.5).seed(3).unbalanced(4).scale(), 0.0, "the scale before any c");
        for (Start s : new Start[] {Start.gaussian(0.5).scales(0.5, 1), Start.withNorms(3, 1), Start.scalar(1, 2),
                Start.given(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1)), Start.withNorms(3, 1).unbalanced(2)}) {
            assertFalse(s.hasScale(), s.describe());
            IllegalStateException e = assertThrows(IllegalStateException.class, s::scale, s.describe());
            assertTrue(e.getMessage().contains("hasScale() is false"), e.getMessage());
        }
    }

    private static SweepProgress counting(long[] todo) {
        return new SweepProgress() {
            @Override public void update(long done, long total, double seconds) { todo[0] = total; }
        };
    }

    private static String replaceCell(String line, int column, String value) {
        String[] cells = line.split(",", -1);
        cells[column] = value;
        return String.join(",", cells);
    }
}
