package org.largelr.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The split of one matrix step over two threads. Whether a run may split is a parameter of the run
 * ({@code Workspace(target, d, mayUseTwoThreads)}), never a global switch.
 *
 * <p>A step is cut into chunks; the caller and one helper thread (a daemon, one per JVM) take chunks from a shared
 * counter. Each chunk has two copies of its output buffers, one per thread ({@link #CALLER}, {@link #HELPER}), and
 * the first thread to finish a chunk wins it. The caller never waits for the helper: once no chunk is left to take,
 * it also runs every chunk the helper has taken but not finished, into its own copy, dropping it as soon as the
 * helper's copy is done. So a helper that gets no core, or loses it half-way, costs the caller nothing but the work
 * it would have done alone: a split step is never slower than an unsplit one by more than the bookkeeping. Both
 * copies are computed by the same operations, so which one wins does not change a bit.
 *
 * <p>Between steps the helper spins for {@link #SPIN_NANOS} (a hand-off then costs well under a microsecond,
 * against tens for waking a parked thread), then parks, so it costs nothing once a run is over. One run uses it
 * at a time; a run that finds it busy does every chunk itself, with the same result.
 */
final class ThreadSplit {
    static final long SPIN_NANOS = 50_000;
    static final int CALLER = 0, HELPER = 1;
    static final int MAX_CHUNKS = 64;
    static final ThreadSplit INSTANCE = new ThreadSplit();

    /** A step cut into chunks: chunk c into copy {@code copy} of its buffers; it may stop early once {@link #won} says so. */
    interface Job {
        void run(int chunk, int copy);
    }

    private final Thread helper;
    private final AtomicLong owner = new AtomicLong();
    /** (epoch << 32) | next chunk to take. */
    private final AtomicLong claim = new AtomicLong();
    /** Per chunk: (epoch << 2) | (1 + winning copy) once finished in that epoch. */
    private final AtomicLongArray finished = new AtomicLongArray(MAX_CHUNKS);
    private volatile Job job;
    /** The caller of the run that holds the helper, while it does. */
    private volatile Thread ownerThread;
    private volatile int chunks;
    private volatile boolean helperParked;
    private volatile Throwable failure;
    private volatile long failedEpoch;
    private long epoch;

    private ThreadSplit() {
        helper = new Thread(this::loop, "largelr-kernel");
        helper.setDaemon(true);
        helper.start();
    }

    private void loop() {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            long e;
            while ((e = claim.get() >>> 32) == seen) {
                if (System.nanoTime() - spinUntil > 0) {
                    helperParked = true;
                    if (claim.get() >>> 32 == seen) LockSupport.park(this);
                    helperParked = false;
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                } else {
                    Thread.onSpinWait();
                }
            }
            seen = e;
            int c;
            while ((c = take(e)) >= 0) {
                try {
                    job.run(c, HELPER);
                    finish(e, c, HELPER);
                } catch (Throwable t) {
                    failedEpoch = e;
                    failure = t;
                }
            }
        }
    }

    /** The next chunk of step {@code e}, or -1 when every chunk is taken or the step is over. */
    private int take(long e) {
        while (true) {
            long s = claim.get();
            if (s >>> 32 != e) return -1;
            int c = (int) s;
            if (c >= chunks) return -1;
            if (claim.compareAndSet(s, s + 1)) return c;
        }
    }

    /**
     * Marks chunk c of step e finished in {@code copy} unless the other copy got there first, or a later step has
     * already marked it: a helper still running a chunk of an ended step (the caller did it and went on) stops once
     * the new step finishes that chunk, and its late mark must not replace the new step's winner.
     */
    private void finish(long e, int c, int copy) {
        while (true) {
            long v = finished.get(c);
            if (v >>> 2 >= e) return;
            if (finished.compareAndSet(c, v, e << 2 | (1 + copy))) return;
        }
    }

    /**
     * True once chunk c of the current step is finished (by either thread): a chunk still running may stop. Only for
     * the run that holds the helper: another run at the same time (a notebook's background warm-up beside the cell
     * the user started) does its chunks alone and must never stop on this run's marks.
     */
    boolean won(int c) {
        Thread t = Thread.currentThread();
        if (t != helper && t != ownerThread) return false;
        return finished.get(c) >>> 2 == claim.get() >>> 32;
    }

    /**
     * Runs every chunk in [0, count) on the caller and, when it is free and gets a core, the helper; on return
     * {@code winners[c]} is the copy ({@link #CALLER} or {@link #HELPER}) that holds chunk c's results.
     */
    void run(Job job, int count, int[] winners) {
        if (count > MAX_CHUNKS || winners.length < count) throw new IllegalArgumentException("count must be in [1, " + MAX_CHUNKS + "] and fit winners, got " + count);
        if (count == 1 || !owner.compareAndSet(0, 1)) {
            for (int c = 0; c < count; c++) {
                job.run(c, CALLER);
                winners[c] = CALLER;
            }
            return;
        }
        try {
            ownerThread = Thread.currentThread();
            this.job = job;
            this.chunks = count;
            long e = ++epoch;
            claim.set(e << 32);   // publishes the step: job and chunks are written before it
            if (helperParked) LockSupport.unpark(helper);
            int c;
            while ((c = take(e)) >= 0) {
                job.run(c, CALLER);
                finish(e, c, CALLER);
            }
            // Whatever the helper took and has not finished, the caller does too: it never waits for a core.
            for (c = 0; c < count; c++)
                if (!won(c)) {
                    job.run(c, CALLER);
                    finish(e, c, CALLER);
                }
            for (c = 0; c < count; c++) winners[c] = (int) (finished.get(c) & 3) - 1;
            Throwable f = failure;
            if (f != null && failedEpoch == e) {
                failure = null;
                throw new IllegalStateException("the kernel thread failed: " + f, f);
            }
        } finally {
            this.job = null;
            ownerThread = null;
            owner.set(0);
        }
    }

    /**
     * Whether one run's next step splits. A split pays only when both threads get a core at the same time; on a
     * busy machine their turns fall apart, the caller does both chunks and the helper's CPU time is lost (SplitPairs,
     * 2026-12-02, n = 500, d = 10, load 11-19: a workspace that may split ran at 0.79-0.86x the
     * speed of one that may not, with 15-20% more CPU per step). So it is measured, not assumed: the last
     * {@link #STEPS} steps of every period alternate split and unsplit, and the next period splits only if the split
     * ones were clearly faster ({@link #MARGIN}), each side's slowest step left out (one preemption must not decide).
     * When the verdict repeats, the period doubles up to {@link #MAX_PERIOD}, so probing the losing way costs little;
     * when it changes, it starts again at {@link #MIN_PERIOD}. The probe closes the period and a run splits until its
     * first verdict: a probe that opened every run cost short runs on an idle machine half their split steps
     * (bench/run, n = 2000, 10-step runs: 35 -> 25 steps/s).
     */
    static final class Probe {
        static final int STEPS = 12, MIN_PERIOD = 64, MAX_PERIOD = 1024;
        /** A split must take at most this share of an unsplit step's time; weak evidence means unsplit. */
        static final double MARGIN = 0.95;
        private final long[] nanos = new long[STEPS];
        private int period = MIN_PERIOD, step;
        private boolean preferSplit = true;

        /** The step's place in the probe that closes the period; negative before the probe. */
        private int probeStep() {
            return step - (period - STEPS);
        }

        /** Whether the next step splits. */
        boolean split() {
            int p = probeStep();
            return p >= 0 ? (p & 1) == 0 : preferSplit;
        }

        /** The time of the step {@link #split()} was asked for. */
        void record(long stepNanos) {
            int p = probeStep();
            if (p >= 0) nanos[p] = stepNanos;
            if (p == STEPS - 1) {
                decide();
                step = 0;
            } else {
                step++;
            }
        }

        boolean prefersSplit() {
            return preferSplit;
        }

        int period() {
            return period;
        }

        private void decide() {
            boolean verdict = trimmedSum(0) <= MARGIN * trimmedSum(1);
            period = verdict == preferSplit ? Math.min(2 * period, MAX_PERIOD) : MIN_PERIOD;
            preferSplit = verdict;
        }

        /** The sum of the probe steps at even (split) or odd (unsplit) positions without their largest. */
        private long trimmedSum(int first) {
            long sum = 0, max = 0;
            for (int i = first; i < STEPS; i += 2) {
                sum += nanos[i];
                max = Math.max(max, nanos[i]);
            }
            return sum - max;
        }
    }
}
