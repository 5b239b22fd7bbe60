package org.largelr.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.cli.Main;
import org.largelr.api.Columns;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The Spark runner against the local sweep, on one local Spark session: {@code local[2,2]} is two worker threads
 * with one retry of a failed task (plain {@code local[2]} never retries), so a task failure can be tested too.
 */
class SparkSweepTest {
    static SparkSession spark;
    @TempDir Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,2]").appName("largelr-spark-test")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 20 x 30 x 2 = 1200 scalar runs, converging, oscillating and diverging ones among them. */
    static Sweep scalar() {
        return Sweep.scalar(1.0).h(Grid.linear(0.05, 1.3, 20)).x0(Grid.linear(0.1, 4, 30)).y0(Grid.of(0.5, 0.1))
                .maxSteps(400).progress(SweepProgress.none());
    }

    /** 6 x 2 x 3 = 36 runs on a random 8 x 6 target, d = 2, h in multiples of 2/L. */
    static Sweep matrix() {
        return Sweep.randomMatrices(3, new int[] {8, 6, 2}).hTimes2OverL(Grid.linear(0.3, 2.2, 6)).scales(Grid.of(0.2))
                .imbalance(Grid.of(1, 3)).seeds(Grid.consecutive(0, 3)).maxSteps(300).progress(SweepProgress.none());
    }

    private static Table localScalar;

    /** The local sweep's rows of {@link #scalar()}, computed once for the class. */
    static synchronized Table localScalar() {
        if (localScalar == null) localScalar = scalar().run().table();
        return localScalar;
    }

    String dir(String name) {
        return tmp.resolve(name).toString();
    }

    static Table read(String dir) {
        return SparkSweep.read(dir, spark.sparkContext().hadoopConfiguration());
    }

    /** Same columns, same rows; every double equal to the bit (NaN equal to NaN). */
    static void assertSameRows(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount(), "rows");
        for (String c : expected.columnNames()) {
            assertEquals(expected.column(c).type(), actual.column(c).type(), "type of " + c);
            for (int i = 0; i < expected.rowCount(); i++)
                if (expected.column(c) instanceof DoubleColumn d)
                    assertEquals(Double.doubleToLongBits(d.getDouble(i)),
                            Double.doubleToLongBits(actual.doubleColumn(c).getDouble(i)), c + " at row " + i);
                else assertEquals(expected.column(c).getString(i), actual.column(c).getString(i), c + " at row " + i);
        }
    }

    @Test
    void scalarRowsAreTheLocalSweepsForAnyPartitioning() {
        Table local = localScalar();
        assertTrue(local.stringColumn("outcome").countUnique() >= 2, "the grid should mix outcomes");
        for (int partitions : new int[] {1, 3, 7}) {
            String out = dir("scalar-" + partitions);
            SparkSweepReport r = SparkSweep.of(SparkSweepTest::scalar).output(out).partitions(partitions).run(spark);
            assertEquals(partitions, r.computed().size());
            assertEquals(1200, r.computedRuns());
            assertSameRows(local, read(out));
        }
        // Spark reads the directory as one Parquet dataset, the manifest left out.
        Dataset<Row> df = spark.read().parquet(dir("scalar-7"));
        // A value that does not apply (the ratio of a balanced start, x0 = y0 = 0.1) is a null, never NaN (Columns).
        long missing = local.doubleColumn(Columns.IMBALANCE_RATIO).countMissing();
        assertEquals(20, missing, "one balanced start (x0 = y0 = 0.1) per h, 20 h");
        assertEquals(missing, df.filter(df.col(Columns.IMBALANCE_RATIO).isNull()).count());
        assertEquals(0, df.filter(functions.isnan(df.col(Columns.IMBALANCE_RATIO))).count());
        List<Row> rows = new java.util.ArrayList<>(df.select("run", "loss", "steps").collectAsList());
        rows.sort(java.util.Comparator.comparingInt(r -> r.getInt(0)));   // in Java: no shuffle for a sort
        assertEquals(1200, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getInt(0));
            assertEquals(Double.doubleToLongBits(local.doubleColumn("loss").getDouble(i)),
                    Double.doubleToLongBits(rows.get(i).getDouble(1)), "loss at row " + i);
            assertEquals(local.longColumn("steps").getLong(i), rows.get(i).getLong(2));
        }
    }

    @Test
    void matrixRowsAreTheLocalSweeps() {
        Table local = matrix().run().table();
        String out = dir("matrix");
        SparkSweep.of(SparkSweepTest::matrix).output(out).partitions(5).run(spark);
        assertSameRows(local, read(out));
    }

    @Test
    void aResumedJobComputesOnlyTheUnfinishedPartitions() throws IOException {
        String out = dir("resume");
        SparkSweep job = SparkSweep.of(SparkSweepTest::scalar).output(out).partitions(6);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), job.run(spark).computed());
        // What a killed job leaves: a part never committed, a part cut short, an attempt's half-written file.
        Path d = Path.of(out);
        Files.delete(d.resolve(Partitions.fileName(1)));
        byte[] whole = Files.readAllBytes(d.resolve(Partitions.fileName(4)));
        Files.write(d.resolve(Partitions.fileName(4)), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.createDirectories(d.resolve("_tmp"));
        Files.write(d.resolve("_tmp").resolve(Partitions.fileName(3) + ".attempt-0-99"), new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> read(out), "an incomplete directory is not read as a result");

        SparkSweepReport again = job.partitions(3).run(spark);
        assertEquals(List.of(1, 4), again.computed(), "only the missing and the cut-short partition");
        assertEquals(6, again.partitions(), "the directory keeps its partitioning");
        assertNotNull(again.notice());
        assertSameRows(localScalar(), read(out));
        assertFalse(Files.exists(d.resolve("_tmp")), "a complete run leaves no attempts behind");
        assertEquals(List.of(), job.run(spark).computed(), "nothing left to do");
    }

    @Test
    void anotherGridIsRefused() throws IOException {
        String out = dir("refuse");
        SparkSweep.of(SparkSweepTest::scalar).output(out).partitions(2).run(spark);
        long before = Files.getLastModifiedTime(Path.of(out, Partitions.fileName(0))).toMillis();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSweep.of(() -> scalar().maxSteps(401)).output(out).run(spark));
        assertTrue(e.getMessage().contains("different grid") && e.getMessage().contains(scalar().fingerprint()), e.getMessage());
        assertEquals(before, Files.getLastModifiedTime(Path.of(out, Partitions.fileName(0))).toMillis());
        // A directory of something else is no sweep's output either.
        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("other").resolve("notes.txt"), "x");
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkSweep.of(SparkSweepTest::scalar).output(dir("other")).run(spark));
        assertTrue(e.getMessage().contains("not a largelr sweep's output"), e.getMessage());
    }

    @Test
    void aFailedTaskIsRetriedWithTheSameRows() {
        String out = dir("retry");
        SparkSweepReport r = SparkSweep.of(() -> {
            TaskContext tc = TaskContext.get();
            if (tc != null && tc.partitionId() == 2 && tc.attemptNumber() == 0)
                throw new IllegalStateException("injected failure of the first attempt");
            return scalar();
        }).output(out).partitions(4).run(spark);
        assertEquals(4, r.computed().size());
        assertSameRows(localScalar(), read(out));
    }

    @Test
    void anExecutorThatBuildsAnotherGridFailsTheJob() {
        SparkException e = assertThrows(SparkException.class, () -> SparkSweep.of(
                () -> TaskContext.get() == null ? scalar() : scalar().maxSteps(399)).output(dir("drift")).partitions(2).run(spark));
        assertTrue(e.getMessage().contains("the recipe must give the same grid"), e.getMessage());
    }

    @Test
    void theCliArgumentsGiveTheLocalCliRows() throws IOException {
        List<String> grid = List.of("--scalar", "--mu", "1", "--h-from", "0.05", "--h-to", "1.2", "--h-count", "15",
                "--x0-from", "0.1", "--x0-to", "4", "--x0-count", "11", "--y0", "0.5,0.2", "--steps", "500");
        Path localCsv = tmp.resolve("local.csv");
        String[] cli = java.util.stream.Stream.concat(java.util.stream.Stream.of("sweep", "--quiet", "--out", localCsv.toString()),
                grid.stream()).toArray(String[]::new);
        var sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        assertEquals(0, Main.run(cli, sink, sink));

        String out = dir("cli");
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--partitions", "4", "--out", out),
                grid.stream()).toArray(String[]::new);
        SparkSweep job = SparkSweepMain.job(SparkSweepMain.Options.parse(args));
        assertEquals(4, job.run(spark).computed().size());
        assertEquals(out + ".csv", SparkSweep.mergeCsv(out, spark.sparkContext().hadoopConfiguration()));
        // The notebook's one call, core jar only: Tablesaw reads both CSVs to the same table.
        assertSameRows(Table.read().csv(localCsv.toFile()), Table.read().csv(out + ".csv"));
        assertSameRows(read(out), scalarOf165());
        // What --compare checks: the local CLI's CSV, read by Tablesaw, against the Parquet parts.
        assertNull(SameRows.difference(Table.read().csv(localCsv.toFile()), read(out)));
    }

    @Test
    void theComparisonSeesOneBit() {
        Table a = scalarOf165(), b = a.copy();
        DoubleColumn loss = b.doubleColumn("loss");
        loss.set(7, Double.longBitsToDouble(Double.doubleToLongBits(loss.getDouble(7)) ^ 1));
        assertNull(SameRows.difference(a, a.copy()));
        assertTrue(SameRows.difference(a, b).startsWith("loss at row 7"), SameRows.difference(a, b));
        b = a.copy();
        b.stringColumn("outcome").set(3, "X");
        assertTrue(SameRows.difference(a, b).startsWith("outcome at row 3"), SameRows.difference(a, b));
    }

    /** The CLI grid above, written with the library's API. */
    static Table scalarOf165() {
        return Sweep.scalar(1.0).h(Grid.linear(0.05, 1.2, 15)).x0(Grid.linear(0.1, 4, 11)).y0(Grid.of(0.5, 0.2))
                .maxSteps(500).progress(SweepProgress.none()).run().table();
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSweepMain.job(
                SparkSweepMain.Options.parse(new String[] {"--out", dir("bad"), "--scalar", "--mu", "1", "--h-from", "0.1",
                        "--h-to", "1", "--h-count", "0", "--x0", "1", "--y0", "1", "--steps", "10"})));
        assertTrue(e.getMessage().contains("--h-count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSweepMain.Options.parse(new String[] {"--partitions", "0"}));
        assertTrue(e.getMessage().contains("--partitions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSweep.of(SparkSweepTest::scalar).output(dir("p"))
                .partitions(1201).run(spark));
        assertTrue(e.getMessage().contains("--partitions must be in [1, 1200]"), e.getMessage());
    }
}
