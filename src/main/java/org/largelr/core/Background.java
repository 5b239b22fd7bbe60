package org.largelr.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A bounded piece of work started on its own daemon thread and collected later: for the independent parts of one
 * run (L beside the steps). A daemon, so work no one collects never holds the JVM.
 */
public final class Background<T> {
    private final FutureTask<T> task;

    private Background(String name, Supplier<T> work) {
        task = new FutureTask<>(work::get);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code work} now on a thread called {@code name}. */
    public static <T> Background<T> start(String name, Supplier<T> work) {
        return new Background<>(name, work);
    }

    /**
     * The work's result, waited for to the end (the work is bounded; an interrupt meanwhile is kept for the caller
     * to see). What the work threw is thrown here.
     */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
