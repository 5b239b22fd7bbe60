package org.largelr.core;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;


/**
 * Many scalar runs of {@code 1/2 (mu - x y)^2} side by side, one per slot ("lane"). {@link #WIDTH} slots step
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
     * Slots stepping together: the wider, the less the vector loop's scalar head and tail cost per lane-step; the four
     * blocks a chunk touches (x, y, h, alarm: 32 KiB) stay in L1. Measured on AVX-512: 1024 slots run 1.15x faster
     * than 256 (3.46 against 3.01 x 10^9 lane-steps per CPU-second in the bare kernel).
     */
    static final int WIDTH = 1024;
    // A group's state is one array of blocks of WIDTH slots, so that every block has the same alignment: with one
    // array per field, most 64-byte vector loads and stores of the kernel straddled two cache lines (the JIT aligns
    // only one array), and the same loop ran 1.75x slower (1.88 against 3.29 x 10^9 lane-steps per CPU-second). The
    // offsets are constants, so the JIT sees the blocks apart.
    private static final int X = 0, Y = WIDTH, H = 2 * WIDTH, SUM = 3 * WIDTH, X0 = 4 * WIDTH, Y0 = 5 * WIDTH,
            BLOCKS = 6;

    private final double mu;
    private final long maxSteps;
    private final StopRule rule;
    // The alarm: a chunk's sum of r^2 + |grad|^2 (+ tolerance terms) reaches the threshold if the chunk may hold an
    // event; the constants carry margins so that the alarm fires a little early rather than ever late.
    private final double threshold, lossTerm, gradTerm;
    // Whether |grad|^2 alone reaches the threshold whenever r^2 does (see kernel): then the alarm sums no r^2.
    private final boolean gradientCoversLoss;
    // Whether the chunks without a tolerance run in Registers (the Vector API kernel) rather than the array loops.
    private final boolean vector;

    /**
     * Lanes of {@code 1/2 (mu - x y)^2} with this budget and stop rule; with the Vector API kernel where the JVM has
     * the module ({@link VectorApi}).
     */
    public ScalarLanes(double mu, long maxSteps, StopRule rule) {
        this(mu, maxSteps, rule, VectorApi.available());
    }

    /** As above, with the Vector API kernel or without it ({@code vector} needs {@link VectorApi#available()}). */
    ScalarLanes(double mu, long maxSteps, StopRule rule, boolean vector) {
        if (vector && !VectorApi.available())
            throw new IllegalStateException("vector = true needs a JVM started with --add-modules jdk.incubator.vector");
        this.vector = vector;
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
        // r^2 >= t needs x^2 + y^2 >= 1 (below it, |x y| < 1/2 and r^2 <= (|mu| + 1/2)^2 (1 + 5 eps) < (|mu| + 1)^2),
        // and there |grad|^2 = r^2 (x^2 + y^2) >= r^2, to a few ulps, which the threshold's 1e-12 margin covers.
        this.gradientCoversLoss = threshold > (Math.abs(mu) + 1) * (Math.abs(mu) + 1);
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
        final double[] v = new double[BLOCKS * WIDTH];   // blocks X, Y, H, SUM, X0, Y0, slot i at block + i
        final int[] id = new int[WIDTH];
        // A lane is at step clock - born[i] (a multiple of CHUNK at a chunk's start): one clock moves for all lanes,
        // so a chunk's pass over the lanes only reads, and skips at once a lane with nothing to do.
        final long[] born = new long[WIDTH];
        long clock;
        long oldest = Long.MAX_VALUE;   // at most the smallest born of the lanes here
        int count;

        void add(int lane, double hi, double xi, double yi, long ki) {
            v[H + count] = hi;
            v[X + count] = xi;
            v[Y + count] = yi;
            id[count] = lane;
            born[count] = clock - ki;
            oldest = Math.min(oldest, born[count]);
            count++;
        }

        /** Moves the last lane into slot i (slot i's lane has left). */
        void remove(int i) {
            int last = --count;
            for (int b = 0; b < BLOCKS * WIDTH; b += WIDTH) v[b + i] = v[b + last];
            id[i] = id[last];
            born[i] = born[last];
        }

        void startChunk() {
            System.arraycopy(v, X, v, X0, count);
            System.arraycopy(v, Y, v, Y0, count);
            Arrays.fill(v, SUM, SUM + count, 0.0);
        }

        double h(int i) { return v[H + i]; }
        double x(int i) { return v[X + i]; }
        double y(int i) { return v[Y + i]; }
        boolean alarmed(int i, double threshold) { return !(v[SUM + i] < threshold); }
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
        Group running = new Group(), finishing = new Group();
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
            chunk(running, CHUNK);   // the replays below redo some of these steps; progress counts each once
            watch.stepped((long) running.count * CHUNK);
            running.clock += CHUNK;
            long due = running.clock - (maxSteps - CHUNK);   // born before this: fewer than CHUNK steps left
            // Lanes come in cohorts: most chunks no lane is due, and the pass only reads the alarm sums.
            boolean anyDue = running.oldest < due;
            if (anyDue) running.oldest = Long.MAX_VALUE;   // recomputed below over the lanes that stay
            for (int i = running.count - 1; i >= 0; i--) {
                boolean alarm = running.alarmed(i, threshold);
                if (!alarm && !anyDue) continue;   // nearly every lane, nearly every chunk
                if (!alarm && running.born[i] >= due) {
                    running.oldest = Math.min(running.oldest, running.born[i]);
                    continue;
                }
                long k = running.clock - running.born[i] - CHUNK;   // the step this chunk started at
                if (alarm) {
                    ScalarGd g = replay(running, i);
                    int o = g.advance(k, k + CHUNK, null);
                    if (o != ScalarGd.RUNNING) {
                        out.record(running.id[i], o, g);
                        running.remove(i);
                        continue;
                    }
                    running.v[X + i] = g.x;   // the same bits the chunk computed; kept for clarity of the contract
                    running.v[Y + i] = g.y;
                }
                if (running.born[i] < due) {
                    finishing.add(running.id[i], running.h(i), running.x(i), running.y(i), k + CHUNK);
                    running.remove(i);
                    if (finishing.count == width) finish(finishing, rest, out);
                } else running.oldest = Math.min(running.oldest, running.born[i]);
            }
        }
        return out;
    }

    /** The last {@code rest} steps and the final evaluation (at k = maxSteps) of every finishing lane. */
    private void finish(Group g, int rest, Out out) {
        long k = maxSteps - rest;   // where every finishing lane is
        g.startChunk();
        if (rest > 0) chunk(g, rest);
        out.watch.stepped((long) g.count * rest);
        for (int i = 0; i < g.count; i++) {
            boolean alarm = g.alarmed(i, threshold);
            // After an alarm, replay from the pass's start; else no event came before maxSteps: evaluate there.
            ScalarGd run = alarm ? replay(g, i) : new ScalarGd(mu, g.h(i), maxSteps, rule, g.x(i), g.y(i));
            out.record(g.id[i], run.advance(alarm ? k : maxSteps, maxSteps + 1, null), run);
        }
        g.count = 0;
    }

    private ScalarGd replay(Group g, int i) {
        return new ScalarGd(mu, g.h(i), maxSteps, rule, g.v[X0 + i], g.v[Y0 + i]);
    }

    /** Runs the lanes {@code steps} steps; then the alarm sum is {@code >= threshold} (or NaN) where a lane may have had an event. */
    private void chunk(Group g, int steps) {
        if (gradTerm > 0) kernelWithGradTolerance(mu, g.v, g.count, steps, lossTerm, gradTerm);
        else if (lossTerm > 0) kernelWithLossTolerance(mu, g.v, g.count, steps, lossTerm);
        else {
            // The register kernel takes whole runs of Registers.LANES lanes, the array kernel the rest.
            int from = vector ? Registers.kernel(mu, g.v, g.count, steps, !gradientCoversLoss) : 0;
            if (gradientCoversLoss) kernel(mu, g.v, from, g.count, steps);
            else kernelWithLossBound(mu, g.v, from, g.count, steps);
        }
    }

    /*
     * The kernels advance lanes [0, count) of a group's blocks by `steps` GD steps on 1/2 (mu - x y)^2, each with its
     * own step h, with the operations of one scalar run: r = mu - x y, x + h (r y) is x - h gx with gx = -r y to the
     * bit (negation is exact), so each lane is bit-identical to a run on its own. The step loop is outside, the loop
     * across lanes inside, one step per lane and iteration: that is the loop C2's superword pass vectorizes (with two
     * steps per iteration, holding x and y in registers between them, JDK 17 left it scalar, 2.4x slower). Each
     * operation in the body costs; the alarm's constants are folded outside.
     *
     * No lane is stopped here. The SUM block accumulates r^2 + |grad|^2 (+ lossTerm / r^2, + gradTerm / |grad|^2),
     * by fma where there is no division: each fma of a square onto a sum >= 0 is at least that square rounded, so the
     * sum reaches the threshold, or is NaN, whenever a step passed the divergence bound, overflowed or met a
     * tolerance. A lane whose sum stays below had no event in these steps; the others are replayed exactly. Small
     * terms can add up past the threshold: that only costs a replay. Four loops, not one with zero terms: a
     * division is the dearest operation here and must not run when no tolerance asks for it (Math.min, the other
     * way to see a small r^2, is not vectorized by JDK 17 and ran 10x slower), and where |grad|^2 covers r^2 (any
     * ordinary bound) the alarm leaves r^2 out: 10 operations per lane-step instead of 11, 1.15x faster.
     *
     * These loops load and store the state at every step: C2 vectorizes one step per iteration only. Where the JVM
     * has the Vector API, Registers holds it in registers across the chunk instead, for the kernels without a
     * tolerance: a register kernel with the loss tolerance's alarm left the default sweep as it was (0.0627 against
     * 0.0624 s wall per sweep), the division costing more than the loads.
     */
    static void kernel(double mu, double[] v, int from, int count, int steps) {
        for (int s = 0; s < steps; s++)
            for (int i = from; i < count; i++) {
                double xi = v[X + i], yi = v[Y + i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                v[SUM + i] = Math.fma(rx, rx, Math.fma(ry, ry, v[SUM + i]));
                v[X + i] = xi + v[H + i] * ry;
                v[Y + i] = yi + v[H + i] * rx;
            }
    }

    static void kernelWithLossBound(double mu, double[] v, int from, int count, int steps) {
        for (int s = 0; s < steps; s++)
            for (int i = from; i < count; i++) {
                double xi = v[X + i], yi = v[Y + i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                v[SUM + i] = Math.fma(rx, rx, Math.fma(ry, ry, Math.fma(r, r, v[SUM + i])));
                v[X + i] = xi + v[H + i] * ry;
                v[Y + i] = yi + v[H + i] * rx;
            }
    }

    static void kernelWithLossTolerance(double mu, double[] v, int count, int steps, double lossTerm) {
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++) {
                double xi = v[X + i], yi = v[Y + i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                double rr = r * r;
                v[SUM + i] += rr + (ry * ry + rx * rx) + lossTerm / rr;
                v[X + i] = xi + v[H + i] * ry;
                v[Y + i] = yi + v[H + i] * rx;
            }
    }

    static void kernelWithGradTolerance(double mu, double[] v, int count, int steps, double lossTerm,
                                        double gradTerm) {
        for (int s = 0; s < steps; s++)
            for (int i = 0; i < count; i++) {
                double xi = v[X + i], yi = v[Y + i];
                double r = mu - xi * yi;
                double ry = r * yi, rx = r * xi;
                double rr = r * r, g2 = ry * ry + rx * rx;
                v[SUM + i] += rr + g2 + lossTerm / rr + gradTerm / g2;
                v[X + i] = xi + v[H + i] * ry;
                v[Y + i] = yi + v[H + i] * rx;
            }
    }

    /**
     * The two kernels without a tolerance on the Vector API (loaded only where {@link VectorApi#available()}): x, y, h
     * and the alarm sum of {@link #LANES} lanes stay in registers for all the steps of the chunk, loaded once and
     * stored once. Four vectors at a time, because a step waits for the one before it: four chains in flight ran
     * 1.55x faster than the array kernel on AVX-512 (3.5 against 2.25 x 10^9 lane-steps per CPU-second, bare
     * kernel; 3.0 against 2.2 through runBatch), two no faster (2.34). The operations are the array kernel's, lane
     * for lane, so the bits are too. Before C2 has compiled it, the API is far slower than plain loops: a fresh
     * JVM's first full sweep takes about 1.4x as long.
     */
    private static final class Registers {
        static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        static final int L = S.length(), LANES = 4 * L;

        /**
         * Advances the lanes [0, to) by {@code steps} steps, {@code to} the largest multiple of LANES <= count,
         * summing r^2 too if {@code withLoss}; returns {@code to}.
         */
        static int kernel(double mu, double[] v, int count, int steps, boolean withLoss) {
            DoubleVector m = DoubleVector.broadcast(S, mu);
            int to = count - count % LANES;
            for (int i = 0; i < to; i += LANES) {
                int a = i, b = i + L, c = i + 2 * L, d = i + 3 * L;
                DoubleVector x0 = load(v, X + a), x1 = load(v, X + b), x2 = load(v, X + c), x3 = load(v, X + d);
                DoubleVector y0 = load(v, Y + a), y1 = load(v, Y + b), y2 = load(v, Y + c), y3 = load(v, Y + d);
                DoubleVector h0 = load(v, H + a), h1 = load(v, H + b), h2 = load(v, H + c), h3 = load(v, H + d);
                DoubleVector s0 = load(v, SUM + a), s1 = load(v, SUM + b), s2 = load(v, SUM + c),
                        s3 = load(v, SUM + d);
                if (withLoss)
                    for (int s = 0; s < steps; s++) {
                        DoubleVector r0 = m.sub(x0.mul(y0)), r1 = m.sub(x1.mul(y1)), r2 = m.sub(x2.mul(y2)),
                                r3 = m.sub(x3.mul(y3));
                        DoubleVector ry0 = r0.mul(y0), ry1 = r1.mul(y1), ry2 = r2.mul(y2), ry3 = r3.mul(y3);
                        DoubleVector rx0 = r0.mul(x0), rx1 = r1.mul(x1), rx2 = r2.mul(x2), rx3 = r3.mul(x3);
                        s0 = rx0.fma(rx0, ry0.fma(ry0, r0.fma(r0, s0)));
                        s1 = rx1.fma(rx1, ry1.fma(ry1, r1.fma(r1, s1)));
                        s2 = rx2.fma(rx2, ry2.fma(ry2, r2.fma(r2, s2)));
                        s3 = rx3.fma(rx3, ry3.fma(ry3, r3.fma(r3, s3)));
                        x0 = x0.add(h0.mul(ry0)); x1 = x1.add(h1.mul(ry1));
                        x2 = x2.add(h2.mul(ry2)); x3 = x3.add(h3.mul(ry3));
                        y0 = y0.add(h0.mul(rx0)); y1 = y1.add(h1.mul(rx1));
                        y2 = y2.add(h2.mul(rx2)); y3 = y3.add(h3.mul(rx3));
                    }
                else
                    for (int s = 0; s < steps; s++) {
                        DoubleVector r0 = m.sub(x0.mul(y0)), r1 = m.sub(x1.mul(y1)), r2 = m.sub(x2.mul(y2)),
                                r3 = m.sub(x3.mul(y3));
                        DoubleVector ry0 = r0.mul(y0), ry1 = r1.mul(y1), ry2 = r2.mul(y2), ry3 = r3.mul(y3);
                        DoubleVector rx0 = r0.mul(x0), rx1 = r1.mul(x1), rx2 = r2.mul(x2), rx3 = r3.mul(x3);
                        s0 = rx0.fma(rx0, ry0.fma(ry0, s0));
                        s1 = rx1.fma(rx1, ry1.fma(ry1, s1));
                        s2 = rx2.fma(rx2, ry2.fma(ry2, s2));
                        s3 = rx3.fma(rx3, ry3.fma(ry3, s3));
                        x0 = x0.add(h0.mul(ry0)); x1 = x1.add(h1.mul(ry1));
                        x2 = x2.add(h2.mul(ry2)); x3 = x3.add(h3.mul(ry3));
                        y0 = y0.add(h0.mul(rx0)); y1 = y1.add(h1.mul(rx1));
                        y2 = y2.add(h2.mul(rx2)); y3 = y3.add(h3.mul(rx3));
                    }
                x0.intoArray(v, X + a); x1.intoArray(v, X + b); x2.intoArray(v, X + c); x3.intoArray(v, X + d);
                y0.intoArray(v, Y + a); y1.intoArray(v, Y + b); y2.intoArray(v, Y + c); y3.intoArray(v, Y + d);
                s0.intoArray(v, SUM + a); s1.intoArray(v, SUM + b); s2.intoArray(v, SUM + c);
                s3.intoArray(v, SUM + d);
            }
            return to;
        }

        private static DoubleVector load(double[] v, int at) {
            return DoubleVector.fromArray(S, v, at);
        }
    }
}
