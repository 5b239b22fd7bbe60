package org.largelr.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM while a command works: a shutdown hook marks the request (and interrupts the working thread
 * when asked to), then holds the JVM open until the command has saved its rows and printed what it saved, so the
 * process ends within a second with everything finished on disk. The JVM then exits with 128 + the signal (130 for
 * SIGINT, 143 for SIGTERM).
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for the command to save; saving is a flush and a rename, far below this. */
    private static final long SAVE_SECONDS = 20;
    private final CountDownLatch saved = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(Thread toInterrupt) {
        hook = new Thread(() -> {
            requested = true;
            if (toInterrupt != null) toInterrupt.interrupt();
            try {
                saved.await(SAVE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "largelr-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Watches for Ctrl-C / SIGTERM; {@code toInterrupt} (or null) is interrupted when one comes. */
    static Interruption watch(Thread toInterrupt) {
        return new Interruption(toInterrupt);
    }

    /** True once Ctrl-C or SIGTERM arrived. */
    boolean requested() {
        return requested;
    }

    /** The command has saved and reported: the JVM may exit. */
    @Override
    public void close() {
        saved.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and has just been released
        }
    }
}
