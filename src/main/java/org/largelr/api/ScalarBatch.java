package org.largelr.api;

import org.largelr.core.ScaledMetrics;

/**
 * What {@link GradientDescent#runBatch} returns: per run i of the batch, how it ended, at which step, its loss and
 * final iterate, each bit-identical to {@code GradientDescent.on(p).from(Factors.scalar(x0[i], y0[i])).h(h[i]).run()}
 * with the same settings. A batch stopped early holds the runs finished by then ({@link #finished}).
 */
public final class ScalarBatch {
    private static final Outcome[] KINDS = Outcome.values();
    private final int[] outcome;   // Outcome's ordinal; negative where the batch was stopped before the run ended
    private final long[] steps;
    private final double[] loss, x, y;

    ScalarBatch(int[] outcome, long[] steps, double[] loss, double[] x, double[] y) {
        this.outcome = outcome;
        this.steps = steps;
        this.loss = loss;
        this.x = x;
        this.y = y;
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
    public int size() { return outcome.length; }

    /** Whether run i ended (false only when the batch was stopped before it did). */
    public boolean finished(int i) { return outcome[i] >= 0; }

    /** How run i ended (null if it did not: see {@link #finished}). */
    public Outcome outcome(int i) { return outcome[i] < 0 ? null : KINDS[outcome[i]]; }

    /** The step run i ended at. */
    public long steps(int i) { return steps[i]; }

    /** The loss at run i's last evaluated iterate. */
    public double loss(int i) { return loss[i]; }

    /** x of run i's last iterate. */
    public double x(int i) { return x[i]; }

    /** y of run i's last iterate. */
    public double y(int i) { return y[i]; }

    /** {@code x^2 - y^2} at run i's last iterate (finite), as its single run reports it: never NaN (see {@link Columns}). */
    public double imbalance(int i) {
        double d = x[i] * x[i] - y[i] * y[i];
        return Double.isNaN(d) ? ScaledMetrics.imbalance(d, new double[] {x[i]}, new double[] {y[i]}) : d;
    }

    /** {@code |x^2 - y^2|} at run i's last iterate (finite), as its single run reports it (the balance gap for d = 1). */
    public double balanceGap(int i) {
        double g = Math.abs(x[i] * x[i] - y[i] * y[i]);
        return Double.isFinite(g) ? g : ScaledMetrics.balanceGap(g, new double[] {x[i]}, new double[] {y[i]}, 1);
    }
}
