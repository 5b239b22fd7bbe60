package org.largelr.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.cli.Main;

/** The {@code sweep} command: its CSV, its errors, and a kill -9 in the middle followed by a resume. */
class SweepCommandTest {
    @TempDir Path dir;

    record Outcome(int status, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void scalarSweepWritesTheDocumentedColumns() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Outcome o = run("sweep", "--scalar", "--mu", "1", "--lr-from", "0.05", "--lr-to", "0.9", "--lr-count", "7",
                "--x0-from", "0.5", "--x0-to", "3", "--x0-count", "6", "--y0", "0.5", "--steps", "500", "--out",
                csv.toString(), "--quiet");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().isEmpty(), "quiet: " + o.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("h,h_factor,h_unit,hL,two_over_h,regime,L,mu,start,x0,y0,c,seed,outcome,steps,loss,x,y,"), lines.get(0));
        assertEquals(1 + 42, lines.size());
        assertTrue(o.out().contains("runs 42"), o.out());
    }

    @Test
    void matrixSweepRuns() throws Exception {
        Path csv = dir.resolve("m.csv");
        Outcome o = run("sweep", "--n", "10", "--d", "2", "--a-seed", "4", "--lr-from", "0.5", "--lr-to", "2",
                "--lr-count", "4", "--lr-times-2-over-L", "--seeds", "0-2", "--c", "1,2", "--steps", "300",
                "--out", csv.toString(), "--threads", "2");
        assertEquals(0, o.status(), o.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 4 * 3 * 2, lines.size());
        assertTrue(lines.get(0).startsWith("h,h_factor,h_unit,hL,two_over_h,regime,L,sigma1,n,m,d,start,scale,c,seed,outcome"), lines.get(0));
    }

    @Test
    void badInputGivesOneLineNamingTheArgument() throws Exception {
        String[] base = {"sweep", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--steps", "10", "--out",
                dir.resolve("bad.csv").toString()};
        assertBad(with(base, "--lr-from", "0.1", "--lr-to", "1", "--lr-count", "0"), "--h-count must be >= 1");
        assertBad(with(base, "--lr-from", "NaN", "--lr-to", "1", "--lr-count", "3"), "--h-from must be finite");
        assertBad(with(base, "--lr-from", "-0.1", "--lr-to", "1", "--lr-count", "3"), "--h-from must be finite and > 0");
        assertBad(with(base, "--lr", "0.1,0"), "--h values must be finite and > 0");
        assertBad(with(base, "--lr", "0.1,x"), "--h must be a number");
        assertBad(with(base, "--lr-from", "0.1"), "--h: give a list");
        assertBad(new String[] {"sweep", "--lr", "0.1", "--steps", "10", "--out", "x.csv"}, "needs --n and --d");
        assertBad(new String[] {"sweep", "--n", "5", "--d", "1", "--lr", "0.1", "--seeds", "a-b", "--steps", "10",
                "--out", dir.resolve("s.csv").toString()}, "--seeds must be a range like 0-7");
        // a resume file from another grid
        Path csv = dir.resolve("r.csv");
        assertEquals(0, run(with(new String[] {"sweep", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--steps", "10",
                "--out", csv.toString(), "--quiet"}, "--lr", "0.1,0.2")).status());
        assertBad(with(new String[] {"sweep", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--steps", "10",
                "--out", csv.toString()}, "--lr", "0.1,0.3"), "holds runs of a different grid");
    }

    private static String[] with(String[] base, String... more) {
        List<String> l = new ArrayList<>(List.of(base));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    private static void assertBad(String[] args, String part) {
        Outcome o = run(args);
        assertEquals(Main.EXIT_BAD_INPUT, o.status(), String.join(" ", args) + " -> " + o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(part), "'" + o.err().strip() + "' lacks '" + part + "'");
    }

    @Test
    void aSweepKilledMidwayResumesWithNoLostOrDuplicatedRows() throws Exception {
        Path killed = dir.resolve("killed.csv"), whole = dir.resolve("whole.csv");
        String[] args = {"sweep", "--n", "30", "--d", "2", "--a-seed", "1", "--lr-from", "0.02", "--lr-to", "0.4",
                "--lr-count", "10", "--seeds", "0-7", "--grad-tol", "0", "--steps", "6000", "--threads", "1", "--quiet"};
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.largelr.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--out", killed.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lineCount(killed) < 6 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(p.isAlive(), "the sweep should still be running: " + Files.readString(dir.resolve("log.txt")));
        } finally {
            p.destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
            p.waitFor(10, TimeUnit.SECONDS);
        }
        int before = lineCount(killed) - 1;
        assertTrue(before >= 5 && before < 80, "rows before the kill: " + before);

        Outcome resumed = run(with(args, "--out", killed.toString()));
        assertEquals(0, resumed.status(), resumed.err());
        Outcome fresh = run(with(args, "--out", whole.toString()));
        assertEquals(0, fresh.status(), fresh.err());
        assertEquals(81, Files.readAllLines(killed).size());
        assertEquals(80, ResumeTest.runsIn(killed).size());
        assertEquals(Files.readString(whole), Files.readString(killed), "resumed file equals an uninterrupted one");
    }

    private static int lineCount(Path p) throws Exception {
        if (!Files.exists(p)) return 0;
        return (int) Files.readString(p).chars().filter(c -> c == '\n').count();
    }
}
