package org.largelr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ejml.data.DMatrixRMaj;
import org.largelr.gd.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.matrix.MatrixCsv;
import org.largelr.api.Factors;
import org.largelr.api.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gd}: one run, trajectory to CSV, summary to stdout. */
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
    @Option(names = {"--h", "--lr"}, paramLabel = "H", required = true, description = "learning rate h > 0 (--lr: alias)") double lr;
    @Option(names = "--steps", paramLabel = "K", required = true, description = "number of GD steps (>= 0)") long steps;
    @Option(names = "--record-every", paramLabel = "k", defaultValue = "1", description = "record every k steps (default 1)")
    int recordEvery;
    @Option(names = "--tol", paramLabel = "t", defaultValue = "0", description = "stop when loss <= t (default 0: off)")
    double tol;
    @Option(names = "--grad-tol", paramLabel = "g", defaultValue = "0", description = "stop when ||grad|| <= g (default 0: off)")
    double gradTol;
    @Option(names = "--sharpness", description = "also record the sharpness (top Hessian eigenvalue) at recorded steps")
    boolean sharpness;
    @Option(names = "--out", paramLabel = "traj.csv", required = true, description = "output CSV") Path out;

    @Override
    public Integer call() throws IOException {
        Args.positive("--h", lr);
        Args.atLeast("--steps", steps, 0);
        Args.atLeast("--record-every", recordEvery, 1);
        Args.nonNegative("--tol", tol);
        Args.nonNegative("--grad-tol", gradTol);
        Problem problem;
        Factors start;
        if (scalar) {
            if (mu == null) throw new IllegalArgumentException("--mu is required with --scalar");
            Args.finite("--mu", mu);
            if (a != null) throw new IllegalArgumentException("--a cannot be combined with --scalar (use --mu)");
            problem = Problem.scalar(mu);
            start = Factors.scalar(Args.number("--x0", x0), Args.number("--y0", y0));
        } else {
            if (a == null) throw new IllegalArgumentException("--a is required (or use --scalar --mu M)");
            if (mu != null) throw new IllegalArgumentException("--mu goes with --scalar only");
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
        Progress progress = new Progress(err, "gd", steps);
        GdResult result = GradientDescent.on(problem).from(start).learningRate(lr).maxSteps(steps)
                .recordEvery(recordEvery).lossTolerance(tol).gradTolerance(gradTol).recordSharpness(sharpness)
                .progress(progress::update).run();
        progress.finish();
        Csv.write(result.trajectory(), out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "outcome %s%nsteps %d%nh %.17g%nL %.17g%nhL %.17g%nfinal_loss %.17g%nfinal_imbalance %.17g%n"
                        + "rows %d%nout %s%n",
                result.outcome(), result.steps(), result.learningRate(), result.L(), result.hL(), result.finalLoss(),
                result.finalImbalance(), result.recordedRows(), out);
        o.flush();
        return 0;
    }
}
