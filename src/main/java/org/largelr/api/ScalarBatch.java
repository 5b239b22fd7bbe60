package org.largelr.api;

import org.largelr.core.ScalarGd;
import org.largelr.core.ScalarLanes;

/**
 * What {@link GradientDescent#runBatch} returns: per run i of the batch, how it ended, at which step, its loss and
 * final iterate, each bit-identical to {@code GradientDescent.on(p).from(Factors.scalar(x0[i], y0[i])).h(h[i]).run()}
 * with the same settings. A batch stopped early holds the runs finished by then ({@link #finished}).
 */
public final class ScalarBatch {
    private final ScalarLanes.Out out;

    ScalarBatch(ScalarLanes.Out out) {
        this.out = out;
    }

    /**
     * Told of a batch's work while it runs ({@link GradientDescent#runBatch(double[], double[], double[],
     * java.util.function.BooleanSupplier, Watch)}): for progress, and to save each run's result as soon as it ends.
     */
    public interface Watch {
        /** {@code steps} more steps were taken, summed over the runs (told every few microseconds). */
        void stepped(long steps);

        /** Run {@code i} has ended: its values in {@code batch} are final ({@code batch.finished(i)} is true). */
        void ended(ScalarBatch batch, int i);
    }

    /** Number of runs in the batch. */
    public int size() { return out.outcome.length; }

    /** Whether run i ended (false only when the batch was stopped before it did). */
    public boolean finished(int i) { return out.outcome[i] != ScalarGd.RUNNING; }

    /** How run i ended (null if it did not: see {@link #finished}). */
    public Outcome outcome(int i) { return finished(i) ? Outcome.values()[out.outcome[i]] : null; }

    /** The step run i ended at. */
    public long steps(int i) { return out.steps[i]; }

    /** The loss at run i's last evaluated iterate. */
    public double loss(int i) { return out.loss[i]; }

    /** x of run i's last iterate. */
    public double x(int i) { return out.x[i]; }

    /** y of run i's last iterate. */
    public double y(int i) { return out.y[i]; }
}
