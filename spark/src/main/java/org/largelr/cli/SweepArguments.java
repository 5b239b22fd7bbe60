package org.largelr.cli;

import java.nio.file.Path;
import java.util.List;

import org.largelr.api.Problem;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;

import picocli.CommandLine;

/**
 * The {@code largelr sweep} command line as a {@link Sweep}, for runners that schedule the grid themselves (Spark):
 * picocli parses the arguments into {@link SweepCommand} itself, so the options, their names and their checks are
 * the CLI's. It lives in the CLI's package (on the classpath beside the core jar) to read the parsed fields.
 *
 * <p>TODO(cli owner): the core's SweepCommand should build its Sweep in one method that both {@code call()} and this
 * class use; until then the assembly below follows {@code SweepCommand.call()} line for line.
 */
public final class SweepArguments {
    private SweepArguments() {}

    /** The parsed arguments: the grid and the {@code --out} path. */
    public record Parsed(Sweep sweep, Path out) {}

    /**
     * Parses {@code largelr sweep} arguments (without the word {@code sweep}).
     *
     * @throws IllegalArgumentException naming the option, for anything the CLI would reject
     */
    public static Parsed parse(List<String> args) {
        SweepCommand c = new SweepCommand();
        try {
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("sweep: " + Main.oneLine(e.getMessage()), e);
        }
        return new Parsed(sweep(c), c.out);
    }

    /** The CLI's own help for these options. */
    public static void usage(java.io.PrintStream out) {
        new CommandLine(new SweepCommand()).usage(out);
    }

    private static Sweep sweep(SweepCommand c) {
        Args.atLeast("--steps", c.steps, 0);
        if (c.tol != null) Args.nonNegative("--tol", c.tol);
        if (c.gradTol != null) Args.nonNegative("--grad-tol", c.gradTol);
        Grid h = SweepCommand.grid("--h", c.lrList, c.lrFrom, c.lrTo, c.lrCount, c.lrLog, true);
        Sweep s;
        if (c.scalar) {
            if (c.mu == null) throw new IllegalArgumentException("--mu is required with --scalar");
            Args.finite("--mu", c.mu);
            if (c.n != null || c.m != null || c.d != null || c.aFile != null || c.scaleList != null || c.seedList != null)
                throw new IllegalArgumentException("--n/--m/--d/--a/--scale/--seeds go with a matrix sweep, not with --scalar");
            Grid x0 = SweepCommand.grid("--x0", c.x0List, c.x0From, c.x0To, c.x0Count, false, false);
            Grid y0 = SweepCommand.grid("--y0", c.y0List, c.y0From, c.y0To, c.y0Count, false, false);
            s = Sweep.scalar(c.mu).x0(x0).y0(y0);
        } else {
            if (c.mu != null) throw new IllegalArgumentException("--mu goes with --scalar only");
            if (c.x0List != null || c.x0From != null || c.y0List != null || c.y0From != null)
                throw new IllegalArgumentException("--x0/--y0 go with --scalar only (matrix starts: --scale, --c, --seeds)");
            if (c.aFile != null) {
                if (c.n != null || c.m != null) throw new IllegalArgumentException("--a cannot be combined with --n/--m");
                if (c.d == null) throw new IllegalArgumentException("--d is required with --a");
                Args.atLeast("--d", c.d, 1);
                s = Sweep.of(Problem.factorization(Args.matrix("--a", c.aFile), c.d));
            } else {
                if (c.n == null || c.d == null)
                    throw new IllegalArgumentException("a matrix sweep needs --n and --d (or --a A.csv --d D), or --scalar --mu M");
                Args.atLeast("--n", c.n, 1);
                Args.atLeast("--d", c.d, 1);
                if (c.m != null) Args.atLeast("--m", c.m, 1);
                s = Sweep.randomMatrices(c.aSeed, new int[] {c.n, c.m == null ? c.n : c.m, c.d});
            }
            if (c.scaleList != null) s = s.scales(SweepCommand.positives("--scale", c.scaleList));
            if (c.seedList != null)
                s = s.seeds(Grid.of(java.util.Arrays.stream(SweepCommand.seeds(c.seedList)).asDoubleStream().toArray()));
        }
        s = s.maxSteps(c.steps);
        s = c.lrRelative ? s.hTimes2OverL(h) : s.h(h);
        if (c.cList != null) s = s.imbalance(SweepCommand.positives("--c", c.cList));
        if (c.tol != null) s = s.lossTolerance(c.tol);
        if (c.gradTol != null) s = s.gradTolerance(c.gradTol);
        s.runs();   // validates the grid
        return s;
    }
}
