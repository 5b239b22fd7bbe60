package org.largelr.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.cli.IssueTenDefectsTest.java;
import static org.largelr.cli.IssueTenDefectsTest.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;

/**
 * The command-line sweep as a whole process, on runs long enough that none ends soon: its progress moves in steps
 * before any run ends, the rows of runs that end early reach the file while the others go on, and what an interrupt
 * says was saved is what is on disk.
 */
class SweepInterruptTest {
    @TempDir Path dir;

    /** 400 runs of 1e8 steps, none of which can end early (no tolerance, small h): hours of work. */
    static String[] endless(Path out) {
        return new String[] {"sweep", "--scalar", "--mu", "1", "--h-from", "0.01", "--h-to", "0.1", "--h-count", "20",
                "--x0-from", "0.5", "--x0-to", "2", "--x0-count", "20", "--y0", "0.5", "--steps", "100000000",
                "--tol", "0", "--grad-tol", "0", "--threads", "1", "--out", out.toString()};
    }

    private static final Pattern STEPS = Pattern.compile("sweep: (\\S+)/(\\S+) steps \\([^)]*\\), \\S+ steps/s; 0 of 400 runs finished");

    @Test
    void progressMovesInStepsBeforeAnyRunEndsAndAnInterruptThatSavedNothingSaysSo() throws Exception {
        for (String name : List.of("s.csv", "s.parquet")) {
            Path out = dir.resolve(name), log = dir.resolve(name + ".log");
            Process p = java(log, "256m", endless(out)).start();
            try {
                // Two progress lines with a different step count, while no run has ended (before: "0/400 runs").
                waitFor(() -> STEPS.matcher(Files.readString(log)).results().map(m -> m.group(1)).distinct().count() >= 2, p);
                String text = Files.readString(log);
                assertTrue(p.isAlive(), text);
                Matcher m = STEPS.matcher(text);
                assertTrue(m.find(), "progress in steps: " + text);
                assertEquals("4.00e10", m.group(2), "the budget: 400 runs x 1e8 steps");
                p.destroy();   // SIGTERM
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                text = Files.readString(log);
                assertEquals(143, p.exitValue(), text);
                assertTrue(text.contains("sweep: interrupted; no run had finished, so nothing is saved (" + out
                        + " was not created)"), text);
                assertTrue(text.contains("runs 0") && text.contains("out none (" + out + " was not created)"), text);
                assertFalse(Files.exists(out), "the message says the file was not created: " + out);
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void runsThatEndEarlyAreSavedWhileTheirBatchGoesOnAndTheInterruptCountsThem() throws Exception {
        Path csv = dir.resolve("mixed.csv"), log = dir.resolve("mixed.log");
        // One batch: h = 0.1 converges in a few hundred steps; h = 1e-10 would need about 1e10 of the 1e9 allowed.
        double[] x0 = new double[25];
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < x0.length; i++) {
            x0[i] = 0.5 + 0.05 * i;
            list.append(i > 0 ? "," : "").append(x0[i]);
        }
        Process p = java(log, "256m", "sweep", "--scalar", "--mu", "1", "--h", "0.1,1e-10", "--x0", list.toString(),
                "--y0", "0.5", "--steps", "1000000000", "--threads", "1", "--out", csv.toString()).start();
        try {
            // Before: the batch's rows stayed in memory until all of it ended (minutes), so no file appeared.
            waitFor(() -> Files.exists(csv) && Files.readAllLines(csv).size() == 1 + x0.length, p);
            assertTrue(p.isAlive(), Files.readString(log));
            assertEquals(1 + x0.length, Files.readAllLines(csv).size(), "the early runs are on disk: " + Files.readString(log));
            p.destroy();   // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String text = Files.readString(log);
            assertEquals(143, p.exitValue(), text);
            assertTrue(text.contains("sweep: interrupted; 25 of 50 runs are saved in " + csv), text);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int run = header.indexOf("run"), steps = header.indexOf("steps"), outcome = header.indexOf("outcome");
        int x = header.indexOf("x"), y = header.indexOf("y");
        for (int i = 1; i < lines.size(); i++) {   // run 2j is x0[j] with h = 0.1: each row is that run's own
            String[] v = lines.get(i).split(",");
            int r = Integer.parseInt(v[run]);
            assertEquals(0, r % 2, lines.get(i));
            GdResult one = GradientDescent.on(Problem.scalar(1)).from(Factors.scalar(x0[r / 2], 0.5)).h(0.1)
                    .maxSteps(1_000_000_000L).recordEvery(Integer.MAX_VALUE).run();
            assertEquals(one.outcome().name(), v[outcome], lines.get(i));
            assertEquals(one.steps(), Long.parseLong(v[steps]), lines.get(i));
            assertEquals(one.end().x().data[0], Double.parseDouble(v[x]), 0.0, lines.get(i));
            assertEquals(one.end().y().data[0], Double.parseDouble(v[y]), 0.0, lines.get(i));
        }
    }
}
