package org.largelr.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.cli.Main;
import org.largelr.store.OutputLock;

/**
 * Faults injected into real runs of the command line, counted: kill -9 at random moments of a sweep and resume,
 * torn and corrupted lines, two writers on one file, a full disk and a read-only file system (small tmpfs mounts,
 * where this machine lets us mount). Every case ends by comparing the result file with an uninterrupted run's:
 * the suite fails when any row is lost, duplicated, or wrong, and prints the counts it tried.
 */
class FaultSuiteTest {
    /** A matrix sweep of 400 runs, about 1.5 s on one thread: long enough to be killed in the middle. */
    static final String[] SWEEP = {"sweep", "--n", "12", "--d", "2", "--a-seed", "3", "--h-from", "0.05", "--h-to", "0.5",
            "--h-count", "4", "--seeds", "0-99", "--grad-tol", "0", "--steps", "12000", "--threads", "1", "--quiet"};
    static final int RUNS = 400;
    static final long SEED = 20261201L;

    @TempDir static Path dir;
    static List<String> reference;   // the uninterrupted sweep's lines, header first, in grid order
    static int cases, rowsLost, duplicates, wrongRowsAccepted;
    static final List<String> skipped = new ArrayList<>();

    record Run(int status, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static String[] sweepTo(Path out, String... more) {
        List<String> l = new ArrayList<>(List.of(SWEEP));
        l.addAll(List.of(more));
        l.add("--out");
        l.add(out.toString());
        return l.toArray(String[]::new);
    }

    static ProcessBuilder subprocess(Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.largelr.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    @BeforeAll
    static void computeReference() throws Exception {
        Path ref = dir.resolve("reference.csv");
        Run r = cli(sweepTo(ref));
        assertEquals(0, r.status(), r.err());
        reference = Files.readAllLines(ref);
        assertEquals(RUNS + 1, reference.size());
    }

    @AfterAll
    static void report() {
        String line = String.format("faults: %d cases, rows lost: %d, duplicates: %d, wrong rows accepted: %d%s", cases,
                rowsLost, duplicates, wrongRowsAccepted, skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")");
        System.out.println(line);
        assertEquals(0, rowsLost + duplicates + wrongRowsAccepted, line);
    }

    /**
     * Counts what a result file gets wrong against the reference: runs missing (only when {@code complete} is
     * expected), runs listed twice, and complete lines that differ from the reference's line for their run.
     */
    static void audit(String what, Path csv, boolean complete) throws Exception {
        cases++;
        String text = Files.exists(csv) ? Files.readString(csv, StandardCharsets.UTF_8) : "";
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) lines.remove(lines.size() - 1);   // a torn tail: not a row
        Map<Integer, String> byRun = new HashMap<>();
        int dup = 0, wrong = 0;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            int run;
            try {
                run = Integer.parseInt(l.substring(l.lastIndexOf(',') + 1));
            } catch (RuntimeException e) {
                wrong++;
                continue;
            }
            if (run < 0 || run >= RUNS || !reference.get(run + 1).equals(l)) wrong++;
            else if (byRun.put(run, l) != null) dup++;
        }
        if (!lines.isEmpty()) assertEquals(reference.get(0), lines.get(0), what + ": header");
        int lost = complete ? RUNS - byRun.size() : 0;
        rowsLost += lost;
        duplicates += dup;
        wrongRowsAccepted += wrong;
        assertEquals(0, lost + dup + wrong, what + ": lost " + lost + ", duplicates " + dup + ", wrong " + wrong);
        if (complete) assertEquals(String.join("\n", reference) + "\n", text, what + ": equals the uninterrupted file");
    }

    @Test
    void killMinus9AtRandomMomentsThenResume() throws Exception {
        Path csv = dir.resolve("killed.csv"), log = dir.resolve("killed.log");
        Random random = new Random(SEED);
        int kills = 0;
        for (int cycle = 0; cycle < 8; cycle++) {
            Process p = subprocess(log, sweepTo(csv)).start();
            Thread.sleep(250 + random.nextInt(1500));
            boolean wasAlive = p.isAlive();
            p.destroyForcibly();   // SIGKILL: no hook, no flush, no cleanup
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            if (wasAlive) kills++;
            audit("after kill " + cycle, csv, false);
            assertFalse(lockHeld(csv), "the lock died with its holder");
        }
        Run r = cli(sweepTo(csv));
        assertEquals(0, r.status(), r.err());
        audit("resumed after " + kills + " kills", csv, true);
        assertFalse(Files.exists(csv.resolveSibling("killed.csv.tmp")), "no temporary file left");
        assertTrue(kills >= 4, "most kills hit a running sweep: " + kills);
    }

    private static boolean lockHeld(Path csv) {
        try (OutputLock l = OutputLock.acquire(csv)) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Damage a complete file the ways crashes, concurrent writers and editors do; resume must repair it. */
    @Test
    void tornAndCorruptedLinesAreSkippedAndRecomputed() throws Exception {
        Random random = new Random(SEED + 1);
        String header = reference.get(0);
        List<String> rows = reference.subList(1, reference.size());
        String[] kinds = {"torn tail", "garbage line", "blank line", "run index out of range", "negative run",
                "same row twice", "conflicting duplicate", "spliced line", "parameter changed", "steps over budget",
                "bad number form", "missing cells", "truncated header-only", "rows in completion order"};
        for (String kind : kinds) {
            Path csv = dir.resolve("damaged-" + kind.replace(' ', '-') + ".csv");
            Files.copy(dir.resolve("reference.csv.grid"), csv.resolveSibling(csv.getFileName() + ".grid"));
            List<String> lines = new ArrayList<>(rows);
            int i = random.nextInt(RUNS - 2) + 1;
            String row = lines.get(i);
            String[] cells = row.split(",", -1);
            switch (kind) {
                case "torn tail" -> {}
                case "garbage line" -> lines.add(i, "\u0000\u0000#~~garbage~~");
                case "blank line" -> lines.add(i, "");
                case "run index out of range" -> lines.set(i, row.substring(0, row.lastIndexOf(',') + 1) + (RUNS + 7));
                case "negative run" -> lines.set(i, row.substring(0, row.lastIndexOf(',') + 1) + "-3");
                case "same row twice" -> lines.add(i + 5, row);
                case "conflicting duplicate" -> {
                    cells[10] = "0.125";   // loss
                    lines.add(i + 5, String.join(",", cells));
                }
                case "spliced line" -> {   // two writers' bytes interleaved: the start of one row, the end of another
                    String other = lines.get(i + 1);
                    lines.set(i, row.substring(0, row.length() / 2) + other.substring(other.length() / 2));
                    lines.remove(i + 1);
                }
                case "parameter changed" -> {
                    cells[0] = "6.8E13";
                    lines.set(i, String.join(",", cells));
                }
                case "steps over budget" -> {
                    cells[9] = "3001";
                    lines.set(i, String.join(",", cells));
                }
                case "bad number form" -> {
                    cells[10] = "0x1p-2";
                    lines.set(i, String.join(",", cells));
                }
                case "missing cells" -> lines.set(i, String.join(",", java.util.Arrays.copyOf(cells, 9)));
                case "truncated header-only" -> lines.clear();
                case "rows in completion order" -> java.util.Collections.shuffle(lines, random);
                default -> fail(kind);
            }
            String text = header + "\n" + String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
            if (kind.equals("torn tail")) text = text.substring(0, text.length() - 1 - random.nextInt(row.length() - 1));
            Files.writeString(csv, text, StandardCharsets.UTF_8);
            Run r = cli(sweepTo(csv));
            assertEquals(0, r.status(), kind + ": " + r.err());
            boolean dropped = !kind.equals("rows in completion order") && !kind.equals("truncated header-only");
            if (dropped) assertTrue(r.err().contains("skipped"), kind + ": the resume says what it skipped: " + r.err());
            audit(kind, csv, true);
        }
    }

    @Test
    void aSecondWriterIsRefusedAtOnce() throws Exception {
        Path csv = dir.resolve("two.csv"), log = dir.resolve("two.log");
        Process first = subprocess(log, sweepTo(csv)).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(csv) && first.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(first.isAlive(), Files.readString(log));
            // The same grid, and another grid, while the first one writes.
            Run same = cli(sweepTo(csv));
            Run other = cli(sweepTo(csv, "--c", "2"));
            for (Run r : List.of(same, other)) {
                cases++;
                assertEquals(Main.EXIT_BAD_INPUT, r.status(), r.err());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().contains("--out") && r.err().contains("another process")
                        && r.err().contains("pid " + first.pid()), r.err());
            }
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), Files.readString(log));
        } finally {
            first.destroyForcibly();
        }
        audit("the first writer's file", csv, true);
        assertEquals(0, Files.size(OutputLock.lockFileOf(csv)), "the lock file names nobody once released");
        // Within one process too: a notebook running the same sweep twice.
        try (OutputLock held = OutputLock.acquire(csv)) {
            Run r = cli(sweepTo(csv));
            assertEquals(Main.EXIT_BAD_INPUT, r.status());
            assertTrue(r.err().contains("pid " + ProcessHandle.current().pid()), r.err());
        }
        cases++;
    }

    /** A tmpfs of the given size at a fresh directory, or null (with the reason recorded) where mounting is not allowed. */
    static Path mount(String name, String size) throws Exception {
        Path m = dir.resolve(name);
        Files.createDirectories(m);
        Process p;
        try {
            p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", m.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            String why = name + ": no mount command here (" + e.getMessage() + ")";
            System.out.println("faults: skipped " + why);
            skipped.add(why);
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String why = name + ": cannot mount a tmpfs here (" + (out.isEmpty() ? "exit " + p.exitValue() : out) + ")";
            System.out.println("faults: skipped " + why);
            skipped.add(why);
            return null;
        }
        return m;
    }

    static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @Test
    void aFullDiskIsReportedWithTheOsReasonAndLosesNothing() throws Exception {
        Path m = mount("full", "48k");
        Assumptions.assumeTrue(m != null, "tmpfs not allowed");
        try {
            // gd: a good trajectory exists; a run whose trajectory cannot fit must leave it as it was.
            Path traj = m.resolve("traj.csv");
            Run small = cli("gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1", "--steps", "10",
                    "--out", traj.toString());
            assertEquals(0, small.status(), small.err());
            byte[] good = Files.readAllBytes(traj);
            Run big = cli("gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1", "--steps", "100000",
                    "--out", traj.toString());
            cases++;
            assertEquals(Main.EXIT_BAD_INPUT, big.status(), big.err());
            assertEquals(1, big.err().strip().lines().count(), big.err());
            assertTrue(big.err().contains("--out") && big.err().contains("No space left on device"), big.err());
            assertFalse(big.err().contains("close") || big.err().contains("Exception"), big.err());
            assertArrayEquals(good, Files.readAllBytes(traj), "the old trajectory is untouched");
            try (var files = Files.list(m)) {
                assertEquals(List.of("traj.csv", "traj.csv.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no temporary file left");
            }
            // sweep: fills the disk halfway; every row written is whole and right; with room again it completes.
            Files.delete(traj);
            Path csv = m.resolve("sweep.csv");
            Run full = cli(sweepTo(csv));
            cases++;
            assertEquals(Main.EXIT_BAD_INPUT, full.status(), full.err());
            assertTrue(full.err().contains("--out") && full.err().contains("No space left on device"), full.err());
            audit("sweep on a full disk", csv, false);
            sh("mount", "-o", "remount,size=1m", m.toString());
            Run resumed = cli(sweepTo(csv));
            assertEquals(0, resumed.status(), resumed.err());
            audit("resumed with room", csv, true);
        } finally {
            sh("umount", "-l", m.toString());
        }
    }

    @Test
    void aReadOnlyFileSystemIsRefusedBeforeAnyWork() throws Exception {
        Path m = mount("readonly", "1m");
        Assumptions.assumeTrue(m != null, "tmpfs not allowed");
        try {
            Path csv = m.resolve("sweep.csv");
            assertEquals(0, cli(sweepTo(csv)).status());
            byte[] before = Files.readAllBytes(csv);
            sh("mount", "-o", "remount,ro", m.toString());
            // 1e12 steps: if the path were checked only after computing, this would not return.
            Run gd = cli("gd", "--scalar", "--mu", "1", "--x0", "1", "--y0", "0.5", "--h", "0.1", "--steps", "1e12",
                    "--out", m.resolve("t.csv").toString());
            cases++;
            assertEquals(Main.EXIT_BAD_INPUT, gd.status(), gd.err());
            assertTrue(gd.err().contains("--out") && gd.err().contains("not writable"), gd.err());
            Run sweep = cli(sweepTo(csv, "--c", "3"));
            cases++;
            assertEquals(Main.EXIT_BAD_INPUT, sweep.status(), sweep.err());
            assertTrue(sweep.err().contains("--out"), sweep.err());
            assertArrayEquals(before, Files.readAllBytes(csv));
            audit("read-only file", csv, true);
        } finally {
            sh("umount", "-l", m.toString());
        }
    }
}
