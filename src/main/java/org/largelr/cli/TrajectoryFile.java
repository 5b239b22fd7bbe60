package org.largelr.cli;

import java.nio.file.Path;

import org.largelr.api.Columns;
import org.largelr.api.Step;
import org.largelr.api.Problem;
import org.largelr.store.AtomicFile;
import org.largelr.store.NumberText;

/**
 * The trajectory CSV of {@code gd}, written as the run goes: a row every k steps and at the last step, with the
 * columns and the rule of the engine's own trajectory table (rows with a non-finite value are not kept), numbers in
 * their shortest round-trip form ({@link NumberText}). The rows go to {@code <out>.tmp}; {@link #commit()} renames it over the output.
 *
 * <p>The engine keeps its trajectory in memory; streaming it needs this observer. Once the engine's recorder can
 * write to a sink, this class should hand it one instead of applying the recording rule a second time.
 */
final class TrajectoryFile implements AutoCloseable {
    /** Thrown from the observer to end a run early (Ctrl-C): the rows so far are kept. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("interrupted", null, false, false);
        }
    }

    private final AtomicFile file;
    private final Problem problem;
    private final int every;
    private final boolean sharpness;
    private final StringBuilder line = new StringBuilder(200);
    private long rows, lastStep = -1, lastRecorded = -1;

    TrajectoryFile(Path out, Problem problem, int every, boolean sharpness) {
        this.problem = problem;
        this.every = every;
        this.sharpness = sharpness;
        this.file = AtomicFile.replace(out);
        file.line(String.join(",", Columns.STEP, Columns.LOSS, Columns.X_NORM2, Columns.Y_NORM2, Columns.IMBALANCE,
                Columns.BALANCE_GAP, Columns.GRAD_NORM) + (sharpness ? "," + Columns.SHARPNESS : ""));
    }

    void record(Step s) {
        long k = s.k();
        lastStep = k;
        if (k % every != 0 && !s.last()) return;
        double loss = s.loss(), g = s.gradNorm(), xn = s.xNorm2(), yn = s.yNorm2(), gap = s.balanceGap();
        if (!(Double.isFinite(loss) && Double.isFinite(g) && Double.isFinite(xn) && Double.isFinite(yn)
                && Double.isFinite(gap))) return;
        line.setLength(0);
        line.append(k);
        cell(loss);
        cell(xn);
        cell(yn);
        cell(xn - yn);
        cell(gap);
        cell(g);
        if (sharpness) cell(problem.sharpness(s.factors()));
        file.line(line.toString());
        rows++;
        lastRecorded = k;
    }

    private void cell(double v) {
        NumberText.append(line.append(','), v);
    }

    long rows() { return rows; }

    /** The run got to step k (seen by an observer that records nothing). */
    void reached(long k) {
        lastStep = Math.max(lastStep, k);
    }

    /** The last step the run evaluated (-1 before the first). */
    long lastStep() { return lastStep; }

    long lastRecordedStep() { return lastRecorded; }

    void commit() {
        file.commit();
    }

    @Override
    public void close() {
        file.close();
    }
}
