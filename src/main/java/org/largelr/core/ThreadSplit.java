package org.largelr.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The split of one matrix step over two threads. Whether a run may split is a parameter of the run
 * ({@code Workspace(target, d, mayUseTwoThreads)}), never a global switch.
 *
 * <p>A step is cut into chunks that write disjoint buffers; the caller and one helper thread (a daemon, one per
 * JVM) take chunks from a shared counter until none is left. The caller never waits for the helper to start: on a
 * busy machine, where the helper may not get a core, the caller simply takes every chunk itself, so a split step
 * costs what an unsplit one does. The caller waits only for a chunk the helper has already taken, and then
 * briefly spins and otherwise parks until the helper hands it back, so it never burns a core the helper needs.
 * Who runs a chunk does not change its bits: the chunks' borders are fixed by the problem, not by the threads.
 *
 * <p>Between steps the helper spins for {@link #SPIN_NANOS} (a hand-off then costs well under a microsecond,
 * against tens for waking a parked thread), then parks, so it costs nothing once a run is over. One run uses it
 * at a time; a run that finds it busy does every chunk itself, with the same result.
 */
final class ThreadSplit {
    static final long SPIN_NANOS = 50_000;
    /** How long the caller spins for a chunk the helper is running before it parks. */
    static final long WAIT_SPIN_NANOS = 5_000;
    static final ThreadSplit INSTANCE = new ThreadSplit();

    private final Thread helper;
    private final AtomicInteger owner = new AtomicInteger();
    /** (epoch << 32) | next chunk to take: a chunk is taken by one compare-and-set, tied to its step's epoch. */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile IntConsumer job;
    private volatile int chunks;
    private volatile boolean helperParked;
    private volatile Thread waiter;
    private volatile Throwable failure;
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
            runChunks(e);
        }
    }

    /** Takes and runs chunks of step {@code e} until none is left; true if this thread ran the last one. */
    private void runChunks(long e) {
        int c;
        while ((c = take(e)) >= 0) {
            try {
                job.accept(c);
            } catch (Throwable t) {
                failure = t;
            }
            if (done.incrementAndGet() == chunks) {
                Thread w = waiter;
                if (w != null) LockSupport.unpark(w);
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
     * Runs {@code job.accept(c)} for every c in [0, count), on the caller and, when it is free and gets a core, the
     * helper. Returns once every chunk is done; a chunk that threw is rethrown here.
     */
    void run(IntConsumer job, int count) {
        if (count <= 1 || !owner.compareAndSet(0, 1)) {
            for (int c = 0; c < count; c++) job.accept(c);
            return;
        }
        try {
            failure = null;
            this.job = job;
            this.chunks = count;
            done.set(0);
            waiter = Thread.currentThread();
            long e = ++epoch;
            claim.set(e << 32);   // publishes the step: job, chunks and done are written before it
            if (helperParked) LockSupport.unpark(helper);
            runChunks(e);
            long spinUntil = System.nanoTime() + WAIT_SPIN_NANOS;
            while (done.get() < count) {
                if (System.nanoTime() - spinUntil < 0) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 200_000);   // the helper unparks us after its last chunk
            }
            waiter = null;
            this.job = null;
            Throwable f = failure;
            if (f != null) throw new IllegalStateException("the kernel thread failed: " + f, f);
        } finally {
            owner.set(0);
        }
    }
}
