package org.largelr.core;

import java.util.Arrays;
import java.util.function.BooleanSupplier;


/**
 * Many scalar runs of {@code 1/2 (mu - x y)^2} side by side, one per array slot ("lane"). {@link #WIDTH} slots step
 * together in chunks of {@link #CHUNK} steps through one loop across lanes that the JIT vectorizes; a lane whose
 * alarm went off in a chunk is replayed from the chunk's start through {@link ScalarGd#advance}, the single run's
 * own loop, stopping at the very step a run on its own would stop. A finished lane's slot is refilled with the next
 * waiting run at once, so the vector loop stays full until the queue runs dry; the last steps of the budget (fewer
 * than a chunk) are taken by the finishing lanes together, in one shorter pass. Each lane's numbers are
 * bit-identical to a single run, whatever slot or company it had.
 */
public final class ScalarLanes {
    /** Steps per chunk: a stopped lane overshoots by at most this many steps, and a replay costs as many. */
    static final int CHUNK = 32;
    /**
     * Slots stepping together: enough for the unrolled vector loop to run full, few enough to stay in L1 (6 arrays
     * of 256 doubles).
     */
    static final int WIDTH = 256;

    private final double mu;
    private final long maxSteps;
    private final StopRule rule;
    // The alarm: a chunk's sum of r^2 + |grad|^2 (+ tolerance terms) reaches the threshold if the chunk may hold an
    // event; the constants carry margins so that the alarm fires a little early rather than ever late.
    private final double threshold, lossTerm, gradTerm;

    /** Lanes of {@code 1/2 (mu - x y)^2} with this budget and stop rule. */
    public ScalarLanes(double mu, long maxSteps, StopRule rule) {
        this.mu = mu;
        this.maxSteps = maxSteps;
        this.rule = rule;
        // r^2 = 2 loss exactly, so loss > bound means r^2 > 2 bound; the tolerances compare r^2 <= 2 lossTol and
        // |grad|^2 <= gradTol^2 (MIN_NORMAL covers subnormal rounding of tiny values).
        double lt = rule.lossTolerance() > 0 ? 2 * rule.lossTolerance() * (1 + 1e-9) + Double.MIN_NORMAL : 0;
        double gt = rule.gradTolerance() > 0
                ? rule.gradTolerance() * rule.gradTolerance() * (1 + 1e-9) + Double.MIN_NORMAL : 0;
        // Capped so that the tolerance terms (tol * threshold / r^2) stay finite; a lower threshold only costs replays.
        double t = Math.min(2 * rule.divergenceBound() * (1 - 1e-12), 1e300 / Math.max(1, Math.max(lt, gt)));
        // Constants that would underflow (a tiny bound with a tolerance) make every chunk replay: slow, still exact.
        boolean usable = (lt == 0 || lt * t >= Double.MIN_NORMAL) && (gt == 0 || gt * t >= Double.MIN_NORMAL);
        this.threshold = usable ? t : 0;   // 0: every chunk alarms
        this.lossTerm = lt * t;
        this.gradTerm = gt * t;
    }

    /**
     * Told of the lanes' work while they run (progress hook): the steps taken, summed over lanes, once per chunk,
     * and each lane the moment it ends, so its result can be saved before the whole batch is done.
     */
    public interface Watch {
        /** Watches nothing. */
        Watch NONE = new Watch() {
            @Override public void stepped(long laneSteps) {}

            @Override public void ended(int lane, Out out) {}
        };

        /** {@code laneSteps} more steps were taken, summed over the lanes. */
        void stepped(long laneSteps);

        /** Lane {@code lane} ended; its values are in {@code out} at that index. */
        void ended(int lane, Out out);
    }

    /** Final state of each lane: outcome ordinal ({@link ScalarGd#RUNNING} if stopped before it ended), step, loss, x, y. */
    public static final class Out {
        /** Outcome ordinal per lane, {@link ScalarGd#RUNNING} for a lane the run was stopped before it ended. */
        public final int[] outcome;
        /** The step each lane ended at. */
        public final long[] steps;
        /** Loss and final iterate per lane. */
        public final double[] loss, x, y;
        private final Watch watch;

        Out(int n, Watch watch) {
            this.watch = watch;
            outcome = new int[n];
            Arrays.fill(outcome, ScalarGd.RUNNING);
            steps = new long[n];
            loss = new double[n];
            x = new double[n];
            y = new double[n];
        }

        void record(int id, int o, ScalarGd g) {
            outcome[id] = o;
            steps[id] = g.endStep;
            loss[id] = g.loss();
            x[id] = g.x;
            y[id] = g.y;
            watch.ended(id, this);
        }
    }

    /** Lanes stepping together: their state, the state at the chunk's start (for replays), the alarm sums. */
    private static final class Group {
        final double[] h, x, y, x0, y0, sum;
        final int[] id;
        final long[] k;   // the step each lane is at (all multiples of CHUNK at a chunk's start)
        int count;

        Group(int width) {
            h = new double[width];
            x = new double[width];
            y = new double[width];
            x0 = new double[width];
            y0 = new double[width];
            sum = new double[width];
            id = new int[width];
            k = new long[width];
        }

        void add(int lane, double hi, double xi, double yi, long ki) {
            h[count] = hi;
            x[count] = xi;
            y[count] = yi;
            id[count] = lane;
            k[count] = ki;
            count++;
        }

        /** Moves the last lane into slot i (slot i's lane has left). */
        void remove(int i) {
            int last = --count;
            h[i] = h[last];
            x[i] = x[last];
            y[i] = y[last];
            x0[i] = x0[last];
            y0[i] = y0[last];
            sum[i] = sum[last];
            id[i] = id[last];
            k[i] = k[last];
        }

        void startChunk() {
            System.arraycopy(x, 0, x0, 0, count);
            System.arraycopy(y, 0, y0, 0, count);
            Arrays.fill(sum, 0, count, 0.0);
        }
    }

    /** Runs lanes [0, n) from {@code (x0[i], y0[i])} with steps {@code h[i]}. */
    public Out run(double[] h, double[] x0, double[] y0, int n) {
        return run(h, x0, y0, n, () -> false);
    }

    /**
     * Runs lanes [0, n) from {@code (x0[i], y0[i])} with steps {@code h[i]}; once {@code stop} says so (asked once per
     * chunk, every few microseconds), returns with the lanes finished by then and the others marked
     * {@link ScalarGd#RUNNING}.
     */
    public Out run(double[] h, double[] x0, double[] y0, int n, BooleanSupplier stop) {
        return run(h, x0, y0, n, stop, Watch.NONE);
    }

    /** As {@link #run(double[], double[], double[], int, BooleanSupplier)}, telling {@code watch} as it goes. */
    public Out run(double[] h, double[] x0, double[] y0, int n, BooleanSupplier stop, Watch watch) {
        Out out = new Out(n, watch);
        int width = Math.max(1, Math.min(n, WIDTH));
        Group running = new Group(width), finishing = new Group(width);
        int rest = (int) (maxSteps % CHUNK);   // the steps a finishing lane has left: every k is a multiple of CHUNK
        int next = 0;
        while (!stop.getAsBoolean()) {
            while (running.count < width && next < n) {
                if (maxSteps < CHUNK) finishing.add(next, h[next], x0[next], y0[next], 0);
                else running.add(next, h[next], x0[next], y0[next], 0);
                next++;
                if (finishing.count == width) finish(finishing, rest, out);
            }
            if (running.count == 0) {
                if (finishing.count > 0) finish(finishing, rest, out);
                break;
            }
            running.startChunk();
            chunk(running, CHUNK);
            watch.stepped((long) running.count * CHUNK);
            for (int i = running.count - 1; i >= 0; i--) {
                long k = running.k[i];
                if (!(running.sum[i] < threshold)) {
                    ScalarGd g = replay(running, i);
                    int o = g.advance(k, k + CHUNK, null);
                    if (o != ScalarGd.RUNNING) {
                        out.record(running.id[i], o, g);
                        running.remove(i);
                        continue;
                    }
                    running.x[i] = g.x;   // the same bits the chunk computed; kept for clarity of the contract
                    running.y[i] = g.y;
                }
                running.k[i] = k += CHUNK;
                if (maxSteps - k < CHUNK) {
                    finishing.add(running.id[i], running.h[i], running.x[i], running.y[i], k);
                    running.remove(i);
                    if (finishing.count == width) finish(finishing, rest, out);
                }
            }
        }
        return out;
    }

    /** The last {@code rest} steps and the final evaluation (at k = maxSteps) of every finishing lane. */
    private void finish(Group g, int rest, Out out) {
        g.startChunk();
        if (rest > 0) chunk(g, rest);
        out.watch.stepped((long) g.count * rest);
        for (int i = 0; i < g.count; i++) {
            boolean alarm = !(g.sum[i] < threshold);
            // After an alarm, replay from the pass's start; else no event came before maxSteps: evaluate there.
            ScalarGd run = alarm ? replay(g, i) : new ScalarGd(mu, g.h[i], maxSteps, rule, g.x[i], g.y[i]);
            out.record(g.id[i], run.advance(alarm ? g.k[i] : maxSteps, maxSteps + 1, null), run);
        }
        g.count = 0;
    }

    private ScalarGd replay(Group g, int i) {
        return new ScalarGd(mu, g.h[i], maxSteps, rule, g.x0[i], g.y0[i]);
    }

    /** Runs the lanes {@code steps} steps; then {@code g.sum[i] >= threshold} (or NaN) where a lane may have had an event. */
    private void chunk(Group g, int steps) {
        if (gradTerm > 0) kernelWithGradTolerance(mu, g.h, g.x, g.y, g.sum, g.count, steps, lossTerm, gradTerm);
        else if (lossTerm > 0) kernelWithLossTolerance(mu, g.h, g.x, g.y, g.sum, g.count, steps, lossTerm);
        else kernel(mu, g.h, g.x, g.y, g.sum, g.count, steps);
    }

    /*
     * The kernels advance lanes [0, count) by `steps` GD steps on 1/2 (mu - x y)^2, each with its own step h[i], with
     * the operations of one scalar run: r = mu - x y, x + h (r y) is x - h gx with gx = -r y to the bit (negation
     * is exact), so each lane is bit-identical to a run on its own. The loops run across lanes, which C2
     * vectorizes: measured on AVX-512, a loop across arrays of lanes is as fast as the same steps held in Vector API
     * registers (the arithmetic, not the loads and stores, bounds it), so the plain loop is kept and needs no
     * incubator module. Each operation in the body costs; the alarm is one sum per lane, its constants folded outside.
     *
     * No lane is stopped here. sum[i] accumulates r^2 + |grad|^2 (+ lossTerm / r^2, + gradTerm / |grad|^2): it
     * reaches the threshold, or is NaN, whenever a step passed the divergence bound, overflowed or met a
     * tolerance. A lane whose sum stays below had no event in these steps; the others are replayed exactly. Small
     * terms can add up past the threshold: that only costs a replay. Three loops, not one with zero terms: a
     * division is the dearest operation here and must not run when no tolerance asks for it.
     */
    static void kernel(double mu, double[] h, double[] x, double[] y, double[] sum, int count, int steps) {
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++) {
                double xi = x[i], yi = y[i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                sum[i] += r * r + (ry * ry + rx * rx);
                x[i] = xi + h[i] * ry;
                y[i] = yi + h[i] * rx;
            }
    }

    static void kernelWithLossTolerance(double mu, double[] h, double[] x, double[] y, double[] sum, int count,
                                        int steps, double lossTerm) {
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++) {
                double xi = x[i], yi = y[i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                double rr = r * r;
                sum[i] += rr + (ry * ry + rx * rx) + lossTerm / rr;
                x[i] = xi + h[i] * ry;
                y[i] = yi + h[i] * rx;
            }
    }

    static void kernelWithGradTolerance(double mu, double[] h, double[] x, double[] y, double[] sum, int count,
                                        int steps, double lossTerm, double gradTerm) {
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++) {
                double xi = x[i], yi = y[i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                double rr = r * r, g2 = ry * ry + rx * rx;
                sum[i] += rr + g2 + lossTerm / rr + gradTerm / g2;
                x[i] = xi + h[i] * ry;
                y[i] = yi + h[i] * rx;
            }
    }
}
