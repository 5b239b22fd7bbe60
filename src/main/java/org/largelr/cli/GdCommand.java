package org.largelr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ejml.data.DMatrixRMaj;
import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.store.OutputLock;
import org.largelr.store.OutputPath;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gd}: one run, trajectory to CSV, summary to stdout. The trajectory streams to {@code <out>.tmp} as it is
 * recorded (memory does not grow with the steps) and is renamed over {@code --out} at the end, also after Ctrl-C
 * (then with the rows recorded so far), so {@code --out} is never half written.
 */
@Command(name = "gd", mixinStandardHelpOptions = true,
        description = "Run GD from (X0, Y0) and write the trajectory table as CSV.")
final class GdCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--scalar", description = "the scalar problem 1/2 (mu - x y)^2: --x0 and --y0 are numbers")
    boolean scalar;
    @Option(names = "--mu", description = "target of the scalar problem") Double mu;
    @Option(names = "--a", paramLabel = "A.csv", description = "target matrix A (n x m)") Path a;
    @Option(names = "--x0", paramLabel = "X0", required = true, description = "X0.csv (n x d), or a number with --scalar")
    String x0;
    @Option(names = "--y0", paramLabel = "Y0", required = true, description = "Y0.csv (m x d), or a number with --scalar")
    String y0;
    @Option(names = {"--h", "--lr"}, paramLabel = "H", required = true, description = "learning rate h > 0 (--lr: alias)") String lr;
    @Option(names = {"--max-steps", "--steps"}, paramLabel = "K", required = true, description = "step budget (>= 0; 1e6 form allowed; --steps is an alias)") String steps;
    @Option(names = "--record-every", paramLabel = "k", defaultValue = "1", description = "record every k steps (default 1)")
    String recordEvery;
    @Option(names = "--tol", paramLabel = "t", defaultValue = "0", description = "stop when loss <= t (default 0: off)")
    String tol;
    @Option(names = "--grad-tol", paramLabel = "g", defaultValue = "0", description = "stop when ||grad|| <= g (default 0: off)")
    String gradTol;
    @Option(names = "--sharpness", description = "also record the sharpness (top Hessian eigenvalue) at recorded steps")
    boolean sharpness;
    @Option(names = "--out", paramLabel = "traj.csv", required = true, description = "output CSV") Path out;

    @Override
    public Integer call() {
        double h = Args.positive("--h", Args.number("--h", lr));
        long k = Args.count("--max-steps", steps, 0, Long.MAX_VALUE - 1);
        int every = (int) Args.count("--record-every", recordEvery, 1, Integer.MAX_VALUE);
        double t = Args.nonNegative("--tol", Args.number("--tol", tol));
        double g = Args.nonNegative("--grad-tol", Args.number("--grad-tol", gradTol));
        Problem problem;
        Factors start;
        if (scalar) {
            if (mu == null) throw new IllegalArgumentException("--mu is required with --scalar");
            Args.finite("--mu", mu);
            if (a != null) throw new IllegalArgumentException("--a cannot be combined with --scalar (use --mu)");
            problem = Problem.scalar(mu);
            start = Factors.scalar(Args.number("--x0", x0), Args.number("--y0", y0));
            Args.output("--out", out);
        } else {
            if (a == null) throw new IllegalArgumentException("--a is required (or use --scalar --mu M)");
            if (mu != null) throw new IllegalArgumentException("--mu goes with --scalar only");
            Args.output("--out", out, "--a", a, "--x0", Path.of(x0), "--y0", Path.of(y0));
            DMatrixRMaj am = Args.matrix("--a", a);
            DMatrixRMaj xm = Args.matrix("--x0", Path.of(x0)), ym = Args.matrix("--y0", Path.of(y0));
            if (xm.numRows != am.numRows)
                throw new IllegalArgumentException("--x0 must have " + am.numRows + " rows (the rows of A), got " + xm.numRows);
            if (ym.numRows != am.numCols)
                throw new IllegalArgumentException("--y0 must have " + am.numCols + " rows (the columns of A), got " + ym.numRows);
            if (xm.numCols != ym.numCols)
                throw new IllegalArgumentException("--x0 and --y0 must have the same number of columns d, got "
                        + xm.numCols + " and " + ym.numCols);
            problem = Problem.factorization(am, xm.numCols);
            start = new Factors(xm, ym);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        try (OutputLock lock = OutputLock.acquire(out);
             Interruption interruption = Interruption.watch(null);
             TrajectoryFile file = new TrajectoryFile(out, problem, every, sharpness)) {
            Progress progress = new Progress(err, "gd", k, "steps");
            // The engine keeps only its first and last row (record every Integer.MAX_VALUE steps); the rows the
            // user asked for stream to the file from the observer, so memory does not grow with --max-steps.
            GradientDescent gd = GradientDescent.on(problem).from(start).h(h).maxSteps(k)
                    .recordEvery(Integer.MAX_VALUE).lossTolerance(t).gradTolerance(g)
                    .progress(progress::update)
                    .observeEvery(every, file::record)
                    // A stop is looked for every few thousand steps of a scalar run (microseconds apart), every
                    // step of a matrix run; the steps in between cost the scalar loop nothing.
                    .observeEvery(scalar ? 1 << 12 : 1, step -> {
                        if (!interruption.requested()) return;
                        file.reached(step.k());
                        throw new TrajectoryFile.Stopped();
                    });
            GdResult result;
            try {
                result = gd.run();
            } catch (TrajectoryFile.Stopped stopped) {
                progress.finish();
                file.commit();
                err.printf(Locale.ROOT, "gd: interrupted at step %d of %d; %d rows (steps 0..%d) saved in %s%n",
                        file.lastStep(), k, file.rows(), file.lastRecordedStep(), out);
                o.printf(Locale.ROOT, "outcome INTERRUPTED%nsteps %d%nrows %d%nout %s%n", file.lastStep(), file.rows(), out);
                o.flush();
                err.flush();
                return Main.EXIT_INTERRUPTED;
            }
            progress.finish();
            file.commit();
            o.printf(Locale.ROOT, "outcome %s%nsteps %d%nh %s%nL %s%nhL %s%nloss %s%nimbalance %s%n"
                            + "rows %d%nout %s%n",
                    result.outcome(), result.steps(), Main.number(result.h()),
                    result.hasL() ? Main.number(result.L()) : Columns.NOT_APPLICABLE,
                    result.hasL() ? Main.number(result.hL()) : Columns.NOT_APPLICABLE,
                    Main.number(result.finalLoss()), Main.number(result.finalImbalance()),
                    file.rows(), out);
            o.flush();
            return 0;
        }
    }
}
