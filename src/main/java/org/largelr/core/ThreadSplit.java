package org.largelr.core;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The split of one matrix step over two threads. Whether a run may split is a parameter of the run
 * ({@code Workspace(target, d, mayUseTwoThreads)}), never a global switch.
 *
 * <p>The thread that takes the second half of split steps: one per JVM, a daemon. It spins between steps (a
 * hand-off costs well under a microsecond, against tens for waking a parked thread) and parks after
 * {@link #SPIN_NANOS} without work, so it costs nothing once a run is over. One run uses it at a time; a run
 * that finds it busy does both halves itself, with the same result.
 */
final class ThreadSplit {
    static final long SPIN_NANOS = 200_000;
    static final ThreadSplit INSTANCE = new ThreadSplit();

    private final Thread thread;
    private final ReentrantLock owner = new ReentrantLock();
    private volatile Runnable task;
    private volatile long posted, finished;
    private volatile boolean parked;
    private volatile Throwable failure;

    private ThreadSplit() {
        thread = new Thread(this::loop, "largelr-kernel");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            long id;
            while ((id = posted) == seen) {
                if (System.nanoTime() - spinUntil > 0) {
                    parked = true;
                    if (posted == seen) LockSupport.park(this);
                    parked = false;
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                } else {
                    Thread.onSpinWait();
                }
            }
            seen = id;
            try {
                task.run();
            } catch (Throwable e) {
                failure = e;
            }
            finished = id;
        }
    }

    /** Runs {@code there} on the helper and {@code here} on the caller; false (nothing run) if the helper is busy. */
    boolean runPair(Runnable there, Runnable here) {
        if (!owner.tryLock()) return false;
        try {
            failure = null;
            task = there;
            long id = posted + 1;
            posted = id;
            if (parked) LockSupport.unpark(thread);
            try {
                here.run();
            } finally {
                while (finished != id) Thread.onSpinWait();   // it writes into the caller's buffers
            }
            Throwable f = failure;
            if (f != null) throw new IllegalStateException("the kernel thread failed: " + f, f);
            return true;
        } finally {
            owner.unlock();
        }
    }
}