package org.largelr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.largelr.api.Problem;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;
import org.largelr.api.Outcome;
import org.largelr.store.OutputPath;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


/**
 * {@code sweep}: a grid of runs to a CSV, one row per run, resumable. Ctrl-C keeps the finished rows; running the
 * same command again computes only the missing ones.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run GD over a grid of learning rates and starts; one CSV row per run.",
                "Scalar: --scalar --mu M --h-from a --h-to b --h-count P --x0-from u --x0-to v --x0-count Q --y0 w --max-steps K --out sweep.csv",
                "Matrix: --n N --d D [--a-seed S | --a A.csv] --h-from a --h-to b --h-count P --h-times-2-over-L --seeds 0-7 --max-steps K --out sweep.csv",
                "--out sweep.parquet writes a directory of Parquet parts (same columns) instead of a CSV.",
                "Re-running with the same --out resumes: finished runs are kept, the rest computed."})
final class SweepCommand implements Callable<Integer> {
    /** Exit status after Ctrl-C (128 + SIGINT), as shells expect. */
    static final int EXIT_INTERRUPTED = Main.EXIT_INTERRUPTED;

    @Spec CommandSpec spec;

    @Option(names = "--scalar", description = "the scalar problem 1/2 (mu - x y)^2 (else a matrix problem)") boolean scalar;
    @Option(names = "--mu", description = "target of the scalar problem") Double mu;

    @Option(names = {"--h", "--lr"}, paramLabel = "h1,h2,..", description = "learning rates (or use --h-from/--h-to/--h-count; --lr... are aliases)") String lrList;
    @Option(names = {"--h-from", "--lr-from"}, paramLabel = "a") Double lrFrom;
    @Option(names = {"--h-to", "--lr-to"}, paramLabel = "b") Double lrTo;
    @Option(names = {"--h-count", "--lr-count"}, paramLabel = "P") Integer lrCount;
    @Option(names = {"--h-log", "--lr-log"}, description = "space --h-from..--h-to logarithmically") boolean lrLog;
    @Option(names = {"--h-times-2-over-L", "--lr-times-2-over-L"}, description = "the learning-rate values are multiples of 2/L at each start") boolean lrRelative;

    @Option(names = "--x0", paramLabel = "u1,u2,..", description = "scalar: x0 values (or --x0-from/--x0-to/--x0-count)") String x0List;
    @Option(names = "--x0-from", paramLabel = "u") Double x0From;
    @Option(names = "--x0-to", paramLabel = "v") Double x0To;
    @Option(names = "--x0-count", paramLabel = "Q") Integer x0Count;
    @Option(names = "--y0", paramLabel = "w1,w2,..", description = "scalar: y0 values (or --y0-from/--y0-to/--y0-count)") String y0List;
    @Option(names = "--y0-from", paramLabel = "w") Double y0From;
    @Option(names = "--y0-to", paramLabel = "z") Double y0To;
    @Option(names = "--y0-count", paramLabel = "R") Integer y0Count;
    @Option(names = "--c", paramLabel = "c1,c2,..", description = "imbalance factors: start (c x0, y0 / c), X0 c, Y0 / c (default 1)") String cList;

    @Option(names = "--n", paramLabel = "N", description = "matrix: rows of A (random A, entries N(0, 1/n))") Integer n;
    @Option(names = "--m", paramLabel = "M", description = "matrix: columns of A (default: n)") Integer m;
    @Option(names = "--d", paramLabel = "D", description = "matrix: columns of X and Y") Integer d;
    @Option(names = "--a-seed", paramLabel = "S", defaultValue = "0", description = "matrix: seed of the random A (default 0)") long aSeed;
    @Option(names = "--a", paramLabel = "A.csv", description = "matrix: target A from a CSV instead of a random one") Path aFile;
    @Option(names = "--scale", paramLabel = "s1,s2,..", description = "matrix: Gaussian scales of the starts (default 0.1)") String scaleList;
    @Option(names = "--seeds", paramLabel = "0-7|0,3,5", description = "matrix: seeds of the starts (default 0)") String seedList;

    @Option(names = {"--max-steps", "--steps"}, paramLabel = "K", required = true, description = "step budget per run (>= 0; --steps is an alias)") long steps;
    @Option(names = "--tol", paramLabel = "t", description = "converged once loss <= t (default: 1e-20 scalar, 0 = off for matrix)") Double tol;
    @Option(names = "--grad-tol", paramLabel = "g", description = "converged once ||grad|| <= g (default: 0 = off scalar, 1e-10 matrix)") Double gradTol;
    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: all cores); the CSV does not depend on it") Integer threads;
    @Option(names = "--quiet", description = "no progress line on stderr") boolean quiet;
    @Option(names = "--out", paramLabel = "sweep.csv", required = true, description = "output CSV (resumed if it exists; grid kept in <out>.grid), or a directory of Parquet parts when the name ends in .parquet") Path out;

    @Override
    public Integer call() {
        if (threads != null) Args.atLeast("--threads", threads, 1);
        if (OutputPath.isParts(out)) Args.outputParts("--out", out, "--a", aFile);
        else Args.output("--out", out, "--a", aFile);
        Sweep grid = sweep();
        PrintWriter err = spec.commandLine().getErr();
        Sweep s = grid.progress(quiet ? quiet(err) : SweepProgress.terminal(err)).csv(out);
        if (threads != null) s = s.threads(threads);
        Sweep sweep = s;
        // Rows stream to the file and none stay in memory: a grid of any size starts at once.
        return withHook(sweep::runs, sweep::runToFile);
    }

    /**
     * The grid these options describe, validated, without progress, output or thread count: the one reading of the
     * options, shared by this command and the Spark runner ({@code SweepArguments}).
     */
    Sweep sweep() {
        Args.atLeast("--max-steps", steps, 0);
        if (tol != null) Args.nonNegative("--tol", tol);
        if (gradTol != null) Args.nonNegative("--grad-tol", gradTol);
        Grid h = grid("--h", lrList, lrFrom, lrTo, lrCount, lrLog, true);
        Sweep s;
        if (scalar) {
            if (mu == null) throw new IllegalArgumentException("--mu is required with --scalar");
            Args.finite("--mu", mu);
            rejectMatrixOptions();
            Grid x0 = grid("--x0", x0List, x0From, x0To, x0Count, false, false);
            Grid y0 = grid("--y0", y0List, y0From, y0To, y0Count, false, false);
            s = Sweep.scalar(mu).x0(x0).y0(y0);
        } else {
            if (mu != null) throw new IllegalArgumentException("--mu goes with --scalar only");
            if (x0List != null || x0From != null || y0List != null || y0From != null)
                throw new IllegalArgumentException("--x0/--y0 go with --scalar only (matrix starts: --scale, --c, --seeds)");
            if (aFile != null) {
                if (n != null || m != null) throw new IllegalArgumentException("--a cannot be combined with --n/--m");
                if (d == null) throw new IllegalArgumentException("--d is required with --a");
                Args.atLeast("--d", d, 1);
                s = Sweep.of(Problem.factorization(Args.matrix("--a", aFile), d));
            } else {
                if (n == null || d == null)
                    throw new IllegalArgumentException("a matrix sweep needs --n and --d (or --a A.csv --d D), or --scalar --mu M");
                Args.atLeast("--n", n, 1);
                Args.atLeast("--d", d, 1);
                if (m != null) Args.atLeast("--m", m, 1);
                s = Sweep.randomMatrices(aSeed, new int[] {n, m == null ? n : m, d});
            }
            if (scaleList != null) s = s.scales(positives("--scale", scaleList));
            if (seedList != null) s = s.seeds(Grid.of(java.util.Arrays.stream(seeds(seedList)).asDoubleStream().toArray()));
        }
        s = s.maxSteps(steps);
        s = lrRelative ? s.hTimes2OverL(h) : s.h(h);
        if (cList != null) s = s.imbalance(positives("--c", cList));
        if (tol != null) s = s.lossTolerance(tol);
        if (gradTol != null) s = s.gradTolerance(gradTol);
        s.runs();   // validates the grid before anything is written
        return s;
    }

    /** Progress off, but notices (rows skipped on resume) still on {@code err}. */
    private static SweepProgress quiet(PrintWriter err) {
        return new SweepProgress() {
            @Override public void update(long done, long total, double seconds) {}

            @Override
            public void notice(String message) {
                err.println(message);
                err.flush();
            }
        };
    }

    /**
     * Runs the sweep and prints its summary while watching for Ctrl-C / SIGTERM: they interrupt the sweep, which
     * stops within a step of every run in progress and closes the CSV with the finished rows; then the summary and
     * what was saved are printed before the JVM exits.
     */
    private Integer withHook(java.util.function.IntSupplier runs, java.util.function.Supplier<SweepResult> body) {
        SweepResult result;
        try (Interruption interruption = Interruption.watch(Thread.currentThread())) {
            result = body.get();
            boolean interrupted = Thread.interrupted() || interruption.requested();
            summary(result);
            if (interrupted) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sweep: interrupted; " + saved(result.finished(), runs.getAsInt()));
                err.flush();
                return EXIT_INTERRUPTED;
            }
            return 0;
        }
    }

    /**
     * What an interrupted sweep left in {@code --out}, as it is on disk: a store creates its file with the first
     * finished row, so a sweep stopped before any run ended leaves none.
     */
    private String saved(long rows, int runs) {
        if (rows > 0)
            return String.format(Locale.ROOT, "%d of %d runs are saved in %s; the same command computes the rest", rows,
                    runs, out);
        String what = java.nio.file.Files.exists(out) ? out + " holds none of them" : out + " was not created";
        return "no run had finished, so nothing is saved (" + what + "); the same command starts over";
    }

    private void summary(SweepResult result) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "runs %d%n", result.finished());
        for (Outcome outcome : Outcome.values())
            o.printf(Locale.ROOT, "%s %d%n", outcome.name().toLowerCase(Locale.ROOT), result.count(outcome));
        o.printf(Locale.ROOT, "out %s%n", java.nio.file.Files.exists(out) ? out : "none (" + out + " was not created)");
        o.flush();
    }

    private void rejectMatrixOptions() {
        if (n != null || m != null || d != null || aFile != null || scaleList != null || seedList != null)
            throw new IllegalArgumentException("--n/--m/--d/--a/--scale/--seeds go with a matrix sweep, not with --scalar");
    }

    /** A list ("a,b,c") or a range (from, to, count), not both; positive values when {@code positive}. */
    static Grid grid(String option, String list, Double from, Double to, Integer count, boolean log, boolean positive) {
        boolean range = from != null || to != null || count != null;
        if (list != null && range)
            throw new IllegalArgumentException(option + " cannot be combined with " + option + "-from/-to/-count");
        Grid g;
        if (list != null) {
            g = Grid.of(numbers(option, list));
        } else {
            if (from == null || to == null || count == null)
                throw new IllegalArgumentException(option + ": give a list (" + option + " a,b,c) or all of " + option
                        + "-from, " + option + "-to and " + option + "-count");
            Args.finite(option + "-from", from);
            Args.finite(option + "-to", to);
            Args.atLeast(option + "-count", count, 1);
            if (log && !(from > 0 && to > 0))
                throw new IllegalArgumentException(option + "-from and " + option + "-to must be > 0 with " + option
                        + "-log, got " + from + " and " + to);
            if (positive && !(from > 0)) throw new IllegalArgumentException(option + "-from must be finite and > 0, got " + from);
            if (positive && !(to > 0)) throw new IllegalArgumentException(option + "-to must be finite and > 0, got " + to);
            g = log ? Grid.log(from, to, count) : Grid.linear(from, to, count);
        }
        if (positive)
            for (double v : g.values())
                if (!(v > 0)) throw new IllegalArgumentException(option + " values must be finite and > 0, got " + v);
        return g;
    }

    static Grid positives(String option, String list) {
        double[] v = numbers(option, list);
        for (double x : v) if (!(x > 0)) throw new IllegalArgumentException(option + " values must be finite and > 0, got " + x);
        return Grid.of(v);
    }

    static double[] numbers(String option, String list) {
        String[] parts = list.split(",", -1);   // -1: a trailing comma is an empty item, refused like a leading one
        List<Double> v = new ArrayList<>();
        for (String p : parts) {
            if (p.isBlank()) throw new IllegalArgumentException(option + " must be a comma-separated list of numbers, got '" + list + "'");
            v.add(Args.number(option, p));
        }
        if (v.isEmpty()) throw new IllegalArgumentException(option + " must hold at least one number");
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** "0-7" (both ends included) or "0,3,5". */
    static long[] seeds(String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d+-\\d+")) {
                String[] ab = t.split("-");
                long a = Long.parseLong(ab[0]), b = Long.parseLong(ab[1]);
                if (b < a) throw new IllegalArgumentException("--seeds range must go up, got " + t);
                if (b - a >= 1_000_000) throw new IllegalArgumentException("--seeds: at most 1000000 seeds, got " + t);
                long[] s = new long[(int) (b - a + 1)];
                for (int i = 0; i < s.length; i++) s[i] = a + i;
                return s;
            }
            String[] parts = t.split(",");
            long[] s = new long[parts.length];
            for (int i = 0; i < parts.length; i++) s[i] = Long.parseLong(parts[i].strip());
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be a range like 0-7 or a list like 0,3,5, got '" + text + "'");
        }
    }

}
