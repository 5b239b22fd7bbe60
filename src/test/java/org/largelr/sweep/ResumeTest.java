package org.largelr.sweep;

import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.api.GridTest.assertMessage;
import static org.largelr.sweep.ScalarSweepTest.assertTablesEqual;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/** Nothing finished is lost: streaming, resuming, refusing another grid's file, interrupting. */
class ResumeTest {
    @TempDir Path dir;

    static Sweep grid() {
        return Sweep.scalar(1.0).h(Grid.linear(0.05, 1.0, 20)).x0(Grid.linear(0.1, 3, 15)).y0(0.5)
                .maxSteps(500).progress(SweepProgress.none());
    }

    /** The runs in a CSV, checking that none appears twice. */
    static Set<Integer> runsIn(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        int runColumn = List.of(header).indexOf("run");
        Set<Integer> runs = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",");
            assertEquals(header.length, cells.length, "a whole line: " + l);
            assertTrue(runs.add(Integer.parseInt(cells[runColumn])), "run listed twice: " + l);
        }
        return runs;
    }

    @Test
    void aFinishedSweepWritesEveryRowOnceInGridOrder() throws Exception {
        Path csv = dir.resolve("s.csv");
        Table t = grid().threads(2).csv(csv).run().table();
        assertEquals(300, runsIn(csv).size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", t.columnNames()), lines.get(0));
        for (int i = 0; i < t.rowCount(); i++) assertTrue(lines.get(i + 1).endsWith("," + i), "grid order at line " + (i + 2));
        assertTrue(Files.readString(CsvStore.gridFileOf(csv)).contains("fingerprint: "));
        // Run again: nothing to do, same table and same file.
        byte[] before = Files.readAllBytes(csv);
        assertTablesEqual(t, grid().csv(csv).run().table());
        assertArrayEquals(before, Files.readAllBytes(csv));
    }

    @Test
    void resumingAfterAKillComputesOnlyTheMissingRuns() throws Exception {
        Path full = dir.resolve("full.csv"), cut = dir.resolve("cut.csv");
        Table reference = grid().threads(1).csv(full).run().table();
        // What a kill leaves: the header, rows in completion order, and half a line.
        List<String> lines = Files.readAllLines(full);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i += 3) sb.append(lines.get(i)).append('\n');
        sb.append(lines.get(2), 0, 17);
        Files.writeString(cut, sb.toString(), StandardCharsets.UTF_8);
        Files.copy(CsvStore.gridFileOf(full), CsvStore.gridFileOf(cut));
        int kept = runsIn(withoutLastLine(cut)).size();
        assertEquals(100, kept);

        AtomicBoolean reported = new AtomicBoolean();
        long[] todo = {-1};
        Table resumed = grid().threads(2).csv(cut).progress(new SweepProgress() {
            @Override public void update(long done, long total, double seconds) { todo[0] = total; }
            @Override public void finish(long done, long total, double seconds, boolean interrupted) { reported.set(!interrupted); }
        }).run().table();
        assertEquals(200, todo[0], "only the missing runs are computed");
        assertTrue(reported.get());
        assertTablesEqual(reference, resumed);
        assertEquals(300, runsIn(cut).size());
        assertEquals(Files.readString(full), Files.readString(cut), "the resumed file equals an uninterrupted one");
    }

    private Path withoutLastLine(Path csv) throws Exception {
        String s = Files.readString(csv);
        Path p = dir.resolve("complete-lines.csv");
        Files.writeString(p, s.substring(0, s.lastIndexOf('\n') + 1));
        return p;
    }

    @Test
    void aFileOfAnotherGridIsRefused() throws Exception {
        Path csv = dir.resolve("s.csv");
        grid().csv(csv).run().table();
        byte[] before = Files.readAllBytes(csv);
        assertMessage(() -> grid().maxSteps(501).csv(csv).run().table(), "holds runs of a different grid");
        assertMessage(() -> grid().h(Grid.linear(0.05, 1.0, 21)).csv(csv).run().table(), "different grid");
        assertArrayEquals(before, Files.readAllBytes(csv), "a refused file is left as it was");
        Files.delete(CsvStore.gridFileOf(csv));
        assertMessage(() -> grid().csv(csv).run().table(), "grid file s.csv.grid is missing");
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "a,b,c\n1,2,3\n");
        Files.writeString(CsvStore.gridFileOf(other), "fingerprint: " + grid().fingerprint() + "\n");
        assertMessage(() -> grid().csv(other).run().table(), "does not start with this sweep's header");
    }

    @Test
    void anInterruptReturnsAndKeepsTheFinishedRows() throws Exception {
        Path csv = dir.resolve("m.csv");
        Sweep sweep = slowMatrixSweep().csv(csv).progress((done, total, seconds) -> {
            if (done >= 3) Thread.currentThread().interrupt();   // as a notebook's interrupt would
        });
        SweepResult result = sweep.run();
        Table partial = result.table();
        assertTrue(Thread.interrupted(), "the interrupt flag is set again for the caller");
        int total = slowMatrixSweep().runs();
        assertTrue(partial.rowCount() >= 3 && partial.rowCount() < total, "rows: " + partial.rowCount());
        assertTrue(partial.name().contains("interrupted"), partial.name());
        assertFalse(result.complete());
        Set<Integer> inFile = runsIn(csv), inTable = new HashSet<>();
        for (int r : partial.intColumn("run").asIntArray()) inTable.add(r);
        assertEquals(inTable, inFile, "the CSV holds exactly the finished rows");

        Table resumed = slowMatrixSweep().csv(csv).run().table();
        assertEquals(total, resumed.rowCount());
        assertEquals(total, runsIn(csv).size());
        assertTablesEqual(slowMatrixSweep().threads(1).run().table(), resumed);
    }

    static Sweep slowMatrixSweep() {
        return Sweep.randomMatrices(3, new int[] {24, 20, 2}).h(Grid.linear(0.01, 0.3, 6)).seeds(Grid.consecutive(0, 5))
                .maxSteps(4000).gradTolerance(0).threads(1).progress(SweepProgress.none());
    }
}
