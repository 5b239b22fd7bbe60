package org.largelr.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.api.Grid;
import org.largelr.api.Outcome;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;
import org.largelr.cli.Main;
import org.largelr.store.NumberText;
import org.largelr.store.OutputLock;
import org.largelr.store.StoreException;

/**
 * {@code --out x.parquet}: DuckDB, an independent reader, reads the parts back as exactly the CSV's rows, with the
 * Spark runner's column types; resume keeps whole parts and recomputes the rest; another grid, a second writer and
 * a damaged part are handled as for a CSV.
 */
class ParquetOutputTest {
    @TempDir Path dir;

    static final String[] SWEEP = {"sweep", "--scalar", "--mu", "1", "--h-from", "0.05", "--h-to", "1.2", "--h-count", "30",
            "--x0-from", "0.1", "--x0-to", "3", "--x0-count", "20", "--y0", "0.5", "--max-steps", "400", "--threads", "2", "--quiet"};

    static int cli(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(SWEEP));
        a.addAll(List.of(more));
        a.add("--out");
        a.add(out.toString());
        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = Main.run(a.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        assertEquals(0, status, e.toString());
        return status;
    }

    /** The rows DuckDB reads from the parts, ordered by run, each cell as the text our CSV writer gives it. */
    static List<String> duckRows(Path parts, List<String> header) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + parts + "/*.parquet') ORDER BY run")) {
            ResultSetMetaData md = r.getMetaData();
            assertEquals(header.size(), md.getColumnCount());
            while (r.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    assertEquals(header.get(i - 1), md.getColumnName(i));
                    if (i > 1) sb.append(',');
                    switch (md.getColumnTypeName(i)) {
                        case "DOUBLE" -> {
                            double v = r.getDouble(i);
                            if (!r.wasNull()) NumberText.append(sb, v);   // a null: the CSV's empty field
                        }
                        case "INTEGER" -> sb.append(r.getInt(i));
                        case "BIGINT" -> sb.append(r.getLong(i));
                        case "VARCHAR" -> sb.append(r.getString(i));
                        default -> fail("unexpected column type " + md.getColumnTypeName(i) + " of " + md.getColumnName(i));
                    }
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    static Map<String, String> duckTypes(Path parts) throws Exception {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parts + "/*.parquet')")) {
            while (r.next()) types.put(r.getString(1), r.getString(2));
        }
        return types;
    }

    @Test
    void duckDbReadsThePartsAsTheCsvRowsWithTheSparkRunnersTypes() throws Exception {
        Path csv = dir.resolve("s.csv"), parquet = dir.resolve("s.parquet");
        cli(csv);
        cli(parquet);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(lines.subList(1, lines.size()), duckRows(parquet, header));
        // The Spark runner's ParquetTables types: double, int32 (int), int64 (steps, seed), UTF-8 strings.
        Map<String, String> types = duckTypes(parquet);
        assertEquals("DOUBLE", types.get("h"));
        assertEquals("BIGINT", types.get("steps"));
        assertEquals("BIGINT", types.get("seed"));
        assertEquals("INTEGER", types.get("run"));
        assertEquals("VARCHAR", types.get("outcome"));
        assertTrue(Files.isRegularFile(parquet.resolve(ParquetStore.GRID_FILE)));
        // Run again, by the command and by the API: complete, nothing computed, nothing rewritten.
        long before = Files.getLastModifiedTime(parquet.resolve("part-00000.parquet")).toMillis();
        cli(parquet);
        SweepResult again = grid().csv(parquet).runToFile();
        assertEquals(600, again.finished());
        assertEquals(before, Files.getLastModifiedTime(parquet.resolve("part-00000.parquet")).toMillis());
        try (var ls = Files.list(parquet)) {
            assertEquals(2, ls.count(), "the grid file and one part");
        }
    }

    /**
     * parquet-java, the reader Spark's own is built on, reads the parts as the CSV's rows too: the same types, a null
     * where the CSV field is empty, labels from the dictionary. A grid of more rows than a row group of
     * {@link PartFile}, with nulls (a balanced start has no imbalance_ratio), so several row groups and definition levels are read.
     */
    @Test
    void parquetJavaReadsThePartsAsTheCsvRows() throws Exception {
        String[] big = {"sweep", "--scalar", "--mu", "1", "--h-from", "0.05", "--h-to", "1.2", "--h-count", "300",
                "--x0-from", "0.5", "--x0-to", "3", "--x0-count", "120", "--y0", "0.5,1", "--max-steps", "50", "--quiet"};
        Path csv = dir.resolve("big.csv"), parquet = dir.resolve("big.parquet");
        for (Path out : List.of(csv, parquet)) {
            List<String> a = new ArrayList<>(List.of(big));
            a.addAll(List.of("--out", out.toString()));
            StringWriter o = new StringWriter(), e = new StringWriter();
            assertEquals(0, Main.run(a.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true)), e.toString());
        }
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.size() - 1 > PartFile.GROUP_ROWS, "more than one row group");
        assertTrue(lines.stream().anyMatch(l -> l.contains(",,")), "some values missing (nulls)");
        java.util.TreeMap<Integer, String> byRun = new java.util.TreeMap<>();
        java.util.Set<String> headers = new java.util.HashSet<>();
        try (var ls = Files.list(parquet)) {
            for (Path part : ls.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                var file = new org.apache.parquet.io.LocalInputFile(part);
                try (var r = new org.apache.parquet.hadoop.ParquetReader.Builder<org.apache.parquet.example.data.Group>(
                        file, new org.apache.parquet.conf.PlainParquetConfiguration()) {
                    @Override
                    protected org.apache.parquet.hadoop.api.ReadSupport<org.apache.parquet.example.data.Group> getReadSupport() {
                        return new org.apache.parquet.hadoop.example.GroupReadSupport();
                    }
                }.build()) {
                    for (org.apache.parquet.example.data.Group g; (g = r.read()) != null; ) {
                        var type = g.getType();
                        headers.add(type.getFields().stream().map(f -> f.getName()).collect(java.util.stream.Collectors.joining(",")));
                        StringBuilder sb = new StringBuilder();
                        for (int i = 0; i < type.getFieldCount(); i++) {
                            if (i > 0) sb.append(',');
                            if (g.getFieldRepetitionCount(i) == 0) continue;   // a null: the CSV's empty field
                            switch (type.getType(i).asPrimitiveType().getPrimitiveTypeName()) {
                                case DOUBLE -> NumberText.append(sb, g.getDouble(i, 0));
                                case INT32 -> sb.append(g.getInteger(i, 0));
                                case INT64 -> sb.append(g.getLong(i, 0));
                                case BINARY -> sb.append(g.getString(i, 0));
                                default -> fail("unexpected type " + type.getType(i));
                            }
                        }
                        assertNull(byRun.put(g.getInteger("run", 0), sb.toString()), "a run once");
                    }
                }
            }
        }
        assertEquals(java.util.Set.of(lines.get(0)), headers);
        assertEquals(lines.subList(1, lines.size()), new ArrayList<>(byRun.values()));
    }

    static Sweep grid() {
        return Sweep.scalar(1).h(Grid.linear(0.05, 1.2, 30)).x0(Grid.linear(0.1, 3, 20)).y0(0.5).maxSteps(400)
                .progress(SweepProgress.none());
    }

    /** 1200 runs in 5 batches of scalar lanes, each long enough (no tolerance) for an interrupt to come between. */
    static Sweep longGrid() {
        return Sweep.scalar(1).h(Grid.linear(0.05, 0.9, 30)).x0(Grid.linear(0.1, 3, 40)).y0(0.5).maxSteps(300_000)
                .noTolerance().threads(1).progress(SweepProgress.none());
    }

    @Test
    void anInterruptedSweepKeepsItsPartAndTheNextComputesOnlyTheRest() throws Exception {
        Path csv = dir.resolve("whole.csv"), parquet = dir.resolve("cut.parquet");
        assertTrue(longGrid().csv(csv).runToFile().complete());
        // Interrupt once the first batch is done: the rows so far go into a part, committed on the way out.
        Thread me = Thread.currentThread();
        SweepProgress stopper = (done, total, seconds) -> {
            if (done > 0) me.interrupt();
        };
        SweepResult first;
        try {
            first = longGrid().progress(stopper).csv(parquet).runToFile();
        } finally {
            Thread.interrupted();
        }
        assertTrue(first.finished() > 0 && first.finished() < 1200, "interrupted with some rows: " + first.finished());
        assertTrue(Files.exists(parquet.resolve("part-00000.parquet")));
        Files.writeString(parquet.resolve("part-00099.parquet.tmp"), "left by a killed writer");
        SweepResult second = longGrid().csv(parquet).runToFile();
        assertTrue(second.complete());
        assertTrue(Files.exists(parquet.resolve("part-00001.parquet")), "the rest went into a new part");
        assertFalse(Files.exists(parquet.resolve("part-00099.parquet.tmp")));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(lines.subList(1, lines.size()), duckRows(parquet, List.of(lines.get(0).split(","))),
                "every run once, equal to the uninterrupted CSV");
        for (Outcome o : Outcome.values()) {   // counts of resumed parts come from their footers
            long inCsv = lines.stream().filter(l -> l.contains("," + o.name() + ",")).count();
            assertEquals(inCsv, second.count(o), o.name());
        }
        assertTrue(second.count(Outcome.DIVERGED) > 0 && second.count(Outcome.MAX_STEPS) > 0);
    }

    @Test
    void aDamagedPartIsSetAsideAndItsRunsComputedAgain() throws Exception {
        Path csv = dir.resolve("whole.csv"), parquet = dir.resolve("d.parquet");
        cli(csv);
        cli(parquet);
        Path part = parquet.resolve("part-00000.parquet");
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // cut short: no footer
        List<String> notices = new ArrayList<>();
        SweepProgress p = new SweepProgress() {
            @Override public void update(long done, long total, double seconds) {}

            @Override public void notice(String message) {
                notices.add(message);
            }
        };
        assertTrue(grid().progress(p).csv(parquet).runToFile().complete());
        assertTrue(Files.exists(parquet.resolve("part-00000.parquet.rejected")));
        assertTrue(notices.toString().contains("unreadable footer"), notices.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(lines.subList(1, lines.size()), duckRows(parquet, List.of(lines.get(0).split(","))));
    }

    @Test
    void anotherGridASecondWriterAndAFileNameAreRefused() throws Exception {
        Path parquet = dir.resolve("g.parquet");
        cli(parquet);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> grid().maxSteps(401).csv(parquet).runToFile());
        assertTrue(other.getMessage().contains("different grid"), other.getMessage());
        try (OutputLock held = OutputLock.acquire(parquet)) {
            assertThrows(StoreException.class, () -> grid().csv(parquet).runToFile());
        }
        Path file = dir.resolve("f.parquet");
        Files.writeString(file, "not a directory");
        StoreException e = assertThrows(StoreException.class, () -> grid().csv(file).runToFile());
        assertTrue(e.getMessage().contains("directory of parts"), e.getMessage());
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class, () -> grid().csv(parquet).run());
        assertTrue(table.getMessage().contains("runToFile"), table.getMessage());
    }
}
