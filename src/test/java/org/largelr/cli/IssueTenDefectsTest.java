package org.largelr.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.api.Columns;
import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * One test per defect of issue 10, each written to fail on the code before the fix: they use only the command
 * line and the public API, so they run unchanged against that code.
 */
class IssueTenDefectsTest {
    @TempDir Path dir;

    record Run(int status, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static ProcessBuilder java(Path log, String maxHeap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.largelr.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    static final String[] SCALAR = {"sweep", "--scalar", "--mu", "1", "--h-from", "0.05", "--h-to", "1", "--h-count", "20",
            "--x0-from", "0.1", "--x0-to", "3", "--x0-count", "15", "--y0", "0.5", "--steps", "500", "--quiet"};

    static String[] with(String[] base, String... more) {
        List<String> l = new ArrayList<>(List.of(base));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    // 1. Two sweeps on the same --out; rows whose parameters are not the grid's.

    @Test
    void defect1_aSecondSweepOnTheSameOutIsRefusedWhileTheFirstWrites() throws Exception {
        Path csv = dir.resolve("s.csv"), log = dir.resolve("first.log");
        String[] slow = {"sweep", "--n", "12", "--d", "2", "--h-from", "0.05", "--h-to", "0.5", "--h-count", "4",
                "--seeds", "0-199", "--grad-tol", "0", "--steps", "3000", "--threads", "1", "--quiet", "--out", csv.toString()};
        Process first = java(log, "256m", slow).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(csv) && first.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(first.isAlive(), Files.readString(log));
            Run second = cli(slow);   // the same grid: before the lock, both wrote and duplicated rows
            assertEquals(Main.EXIT_BAD_INPUT, second.status(), second.err());
            assertTrue(second.err().contains("--out") && second.err().contains("pid " + first.pid()), second.err());
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void defect1_resumeRejectsRowsWhoseParametersAreNotTheGridsForTheirRun() throws Exception {
        Path csv = dir.resolve("s.csv");
        assertEquals(0, cli(with(SCALAR, "--out", csv.toString())).status());
        String whole = Files.readString(csv);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        List<String> header = List.of(lines.get(0).split(","));
        String[] a = lines.get(10).split(",", -1), b = lines.get(20).split(",", -1);
        a[header.indexOf(Columns.H)] = "6.8E13";                     // a spliced number
        b[header.indexOf(Columns.STEPS)] = "900";                    // more steps than the budget of 500
        lines.set(10, String.join(",", a));
        lines.set(20, String.join(",", b));
        lines.add(30, lines.get(40));                               // a run listed twice
        Files.writeString(csv, String.join("\n", lines) + "\n");
        Run r = cli(with(SCALAR, "--out", csv.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals(whole, Files.readString(csv), "the wrong rows were recomputed, the duplicate dropped");
        assertTrue(r.err().contains("skipped 3"), r.err());
    }

    // 2. gd destroys its input.

    @Test
    void defect2_gdRefusesAnOutThatIsOneOfItsInputs() throws Exception {
        Path a = dir.resolve("A.csv"), x = dir.resolve("X.csv"), y = dir.resolve("Y.csv");
        Files.writeString(a, "1,2\n3,4\n");
        Files.writeString(x, "0.1\n0.2\n");
        Files.writeString(y, "0.3\n0.1\n");
        for (String out : List.of(a.toString(), dir.resolve(".").resolve("X.csv").toString())) {
            Run r = cli("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--h", "0.1",
                    "--steps", "5", "--out", out);
            assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
            assertTrue(r.err().contains("--out") && r.err().contains("same file"), r.err());
        }
        assertEquals("1,2\n3,4\n", Files.readString(a));
        assertEquals("0.1\n0.2\n", Files.readString(x));
    }

    // 3. Memory: the trajectory kept whole; a grid's arrays allocated up front.

    @Test
    void defect3_gdStreamsALongTrajectoryInSmallMemory() throws Exception {
        Path out = dir.resolve("t.csv"), log = dir.resolve("gd.log");
        // 1e6 rows of 7 doubles are 56 MB in memory: more than the 32 MB heap this gd gets.
        Process p = java(log, "32m", "gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1",
                "--steps", "1000000", "--record-every", "1", "--out", out.toString()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(log));
        try (var lines = Files.lines(out)) {
            assertEquals(1 + 1_000_001, lines.count());
        }
    }

    @Test
    void defect3_aGridOfTwoBillionRunsStreamsInSmallMemoryAndStopsOnSigterm() throws Exception {
        Path log = dir.resolve("big.log"), csv = dir.resolve("big.csv");
        // 40,000 x 50,000 = 2e9 runs: 16 doubles a run would be 256 GB; the sweep keeps no row, so 64 MB do.
        Process p = java(log, "64m", "sweep", "--scalar", "--mu", "1", "--h-from", "0.1", "--h-to", "1", "--h-count", "40000",
                "--x0-from", "0.1", "--x0-to", "1", "--x0-count", "50000", "--y0", "1", "--max-steps", "10",
                "--out", csv.toString()).start();
        waitFor(() -> Files.exists(csv) && Files.size(csv) > 2_000_000, p);
        assertTrue(p.isAlive(), "still running: " + Files.readString(log));
        Thread.sleep(1500);   // at least one progress line
        p.destroy();   // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String text = Files.readString(log);
        assertEquals(143, p.exitValue(), text);   // 128 + SIGTERM
        assertFalse(text.contains("Error") || text.contains("Exception"), text);
        assertTrue(text.contains("runs/s") || text.contains("/2000000000"), "progress shown: " + text);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) of 2000000000 runs are saved").matcher(text);
        assertTrue(m.find(), text);
        long saved = Long.parseLong(m.group(1));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(saved + 1, lines.size(), "every saved row is in the file, once");
        for (int i = 1; i < lines.size(); i++)   // one uninterrupted session: grid order, from run 0
            assertTrue(lines.get(i).endsWith("," + (i - 1)), "line " + (i + 1) + ": " + lines.get(i));
    }

    @Test
    void defect3_aTableTooLargeForMemoryIsRefusedEarly() {
        Sweep huge = Sweep.scalar(1).h(Grid.linear(0.1, 1, 40000)).x0(Grid.linear(0.1, 1, 50000)).y0(1).maxSteps(10)
                .progress(SweepProgress.none());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, huge::run);
        assertTrue(e.getMessage().contains("grid too large for memory") && e.getMessage().contains("runToFile"), e.getMessage());
    }

    // 4. Output errors late, with exit 1 and a class name.

    @Test
    void defect4_anUnusableOutIsReportedFirstWithExit2AndTheReason() {
        Run r = cli("gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1", "--steps", "10",
                "--out", dir.resolve("no-such-dir").resolve("t.csv").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), r.err());
        assertTrue(r.out().isEmpty(), "nothing computed: " + r.out());
    }

    // 5. A huge finite start: a false NaN message.

    @Test
    void defect5_aHugeFiniteMatrixStartDivergesCleanly() throws Exception {
        Path a = dir.resolve("A.csv"), x = dir.resolve("X.csv");
        Files.writeString(a, "1,2\n3,4\n");
        Files.writeString(x, "1e200\n1e200\n");
        Run r = cli("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", x.toString(), "--h", "0.1", "--steps", "10",
                "--out", dir.resolve("t.csv").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("outcome DIVERGED") && r.out().contains("steps 0"), r.out());
        assertFalse((r.out() + r.err()).contains("NaN"), r.out() + r.err());
    }

    // 6. One bad line drops every row after it.

    @Test
    void defect6_aBadLineInTheMiddleCostsOnlyItsOwnRun() throws Exception {
        Path csv = dir.resolve("s.csv");
        Sweep sweep = Sweep.scalar(1.0).h(Grid.linear(0.05, 1.0, 20)).x0(Grid.linear(0.1, 3, 15)).y0(0.5).maxSteps(500)
                .progress(SweepProgress.none()).csv(csv);
        sweep.run();
        String whole = Files.readString(csv);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.set(100, "garbage from a torn write");
        lines.set(150, "");
        Files.writeString(csv, String.join("\n", lines) + "\n");
        long[] todo = {-1};
        sweep.progress(new SweepProgress() {
            @Override public void update(long done, long total, double seconds) { todo[0] = total; }
        }).run();
        assertEquals(2, todo[0], "only the two damaged lines' runs are computed again");
        assertEquals(whole, Files.readString(csv));
    }

    // 7. NaN in tables and summaries.

    @Test
    void defect7_noNaNInTheTableOfRunsThatOverflowOrDivergeAtStepZero() {
        for (boolean keep : new boolean[] {false, true}) {
            Sweep s = Sweep.scalar(1.0).h(Grid.of(0.1, 3)).x0(Grid.of(1e200, 30)).y0(1e200).maxSteps(20)
                    .progress(SweepProgress.none());
            if (keep) s = s.keepTrajectories(1);
            Table t = s.run().table();
            for (String c : List.of(Columns.LOSS, Columns.IMBALANCE, Columns.IMBALANCE_START)) {
                DoubleColumn col = t.doubleColumn(c);
                for (int i = 0; i < t.rowCount(); i++)
                    assertFalse(Double.isNaN(col.getDouble(i)), (keep ? "kept trajectories: " : "") + c + " row " + i);
            }
        }
    }

    @Test
    void defect7_gdSummaryOfARunThatDivergesAtStepZeroHasNoNaN() {
        Run r = cli("gd", "--scalar", "--mu", "1", "--x0", "1e200", "--y0", "1e200", "--h", "0.1", "--steps", "10",
                "--out", dir.resolve("t.csv").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("outcome DIVERGED"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
    }

    // 8. A long single run cannot be stopped; progress "0/1 runs".

    @Test
    void defect8_aLongGdRunStopsOnSigtermKeepingItsRows() throws Exception {
        Path out = dir.resolve("t.csv"), log = dir.resolve("gd.log");
        Process p = java(log, "256m", "gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1",
                "--steps", "1000000000000", "--record-every", "1000", "--out", out.toString()).start();
        Path tmp = dir.resolve("t.csv.tmp");
        waitFor(() -> Files.exists(tmp) && Files.size(tmp) > 100_000, p);   // running, with rows on disk
        assertTrue(p.isAlive(), Files.readString(log));
        p.destroy();   // SIGTERM
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "stopped within seconds of SIGTERM");
        String text = Files.readString(log);
        assertEquals(143, p.exitValue(), text);
        assertTrue(text.contains("interrupted") && text.contains("saved"), text);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 2, "rows kept: " + lines.size());
        assertTrue(lines.get(lines.size() - 1).split(",").length == 7, "the last row is whole");
    }

    @Test
    void defect8_aOneRunSweepStopsOnCtrlCWithASummary() throws Exception {
        Path log = dir.resolve("sweep.log");
        Process p = java(log, "256m", "sweep", "--n", "20", "--d", "2", "--h", "0.01", "--grad-tol", "0", "--steps",
                "2000000000", "--out", dir.resolve("one.csv").toString()).start();
        waitFor(() -> Files.readString(log).contains(" steps ("), p);   // running, its hook installed
        assertTrue(p.isAlive(), Files.readString(log));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "stopped within seconds of Ctrl-C, not after the hook's 30 s");
        String text = Files.readString(log);
        assertEquals(130, p.exitValue(), text);
        assertTrue(text.contains("runs 0") && text.contains("interrupted"), "summary and what was saved: " + text);
        assertTrue(text.contains(" steps (") && !text.contains("0/1 runs"), "progress in steps: " + text);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits (up to 60 s, for a loaded machine) until the condition holds or the process ended. */
    static void waitFor(Condition c, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline && !c.holds()) Thread.sleep(50);
    }

    // 9. Leftovers and false failures.

    @Test
    void defect9_aLeftoverTmpIsRemovedAndTheResumedFileIsInGridOrder() throws Exception {
        Path csv = dir.resolve("s.csv");
        assertEquals(0, cli(with(SCALAR, "--out", csv.toString())).status());
        String whole = Files.readString(csv);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        java.util.Collections.reverse(lines.subList(1, lines.size()));   // rows in the order they finished
        Files.writeString(csv, String.join("\n", lines) + "\n");
        Path tmp = dir.resolve("s.csv.tmp");
        Files.writeString(tmp, lines.get(0) + "\n" + lines.get(1).substring(0, 20));   // killed mid-rewrite
        Run r = cli(with(SCALAR, "--out", csv.toString()));
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(tmp), "no temporary file left");
        assertEquals(whole, Files.readString(csv));
    }

    @Test
    void defect9_aGridRejectedAfterStartLeavesNothingThatBlocksTheCorrectedCommand() throws Exception {
        Path csv = dir.resolve("s.csv");
        String[] base = {"sweep", "--scalar", "--mu", "0", "--x0", "0", "--y0", "0", "--h", "0.5", "--steps", "10",
                "--quiet", "--out", csv.toString()};
        Run bad = cli(with(base, "--h-times-2-over-L"));   // L = 0 at the start: 2/L is infinite
        assertEquals(Main.EXIT_BAD_INPUT, bad.status(), bad.err());
        assertFalse(Files.exists(csv), "no header-only CSV");
        assertFalse(Files.exists(dir.resolve("s.csv.grid")), "no grid file");
        Run fixed = cli(base);
        assertEquals(0, fixed.status(), fixed.err());
    }

    // 10. Lenient or inconsistent parsing.

    @Test
    void defect10_lenientNumbersAreRefusedAndABomIsAccepted() throws Exception {
        Run trailing = cli(with(SCALAR, "--h", "0.1,0.2,", "--out", dir.resolve("s.csv").toString()));
        assertEquals(Main.EXIT_BAD_INPUT, trailing.status(), trailing.err() + trailing.out());
        Path a = dir.resolve("A.csv"), x = dir.resolve("X.csv"), y = dir.resolve("Y.csv");
        Files.writeString(x, "0.1\n0.2\n");
        Files.writeString(y, "0.3\n0.1\n");
        for (String cell : List.of("1d", "0.5f", "0x1p-2")) {
            Files.writeString(a, cell + ",2\n3,4\n");
            Run r = cli("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--h", "0.1", "--steps", "5",
                    "--out", dir.resolve("t.csv").toString());
            assertEquals(Main.EXIT_BAD_INPUT, r.status(), cell + ": " + r.err());
            assertTrue(r.err().contains("--a") && r.err().contains(cell), r.err());
        }
        Files.write(a, ("\uFEFF1,2\n3,4\n").getBytes(StandardCharsets.UTF_8));
        Run bom = cli("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--h", "0.1", "--steps", "5",
                "--out", dir.resolve("t.csv").toString());
        assertEquals(0, bom.status(), bom.err());
    }

    @Test
    void defect10_aGridFileThatIsADirectoryIsReportedAsSuch() throws Exception {
        Path csv = dir.resolve("s.csv");
        assertEquals(0, cli(with(SCALAR, "--out", csv.toString())).status());
        Files.delete(dir.resolve("s.csv.grid"));
        Files.createDirectory(dir.resolve("s.csv.grid"));
        Run r = cli(with(SCALAR, "--out", csv.toString()));
        assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void defect10_theApiRefusesNullStartsAndAnInfiniteToleranceNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Start.given((DMatrixRMaj) null, null));
        assertTrue(e.getMessage().contains("x0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.on(Problem.scalar(1)).lossTolerance(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().toLowerCase().contains("tolerance"), e.getMessage());
    }
}
