package org.largelr.sweep;

import org.largelr.api.SweepProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import tech.tablesaw.api.Table;

/**
 * Runs a plan on a pool of threads: batches in grid order, rows into {@link Results} and the CSV as they finish,
 * progress from the calling thread. An interrupt of the calling thread stops the sweep between runs and returns
 * the rows finished so far (the CSV keeps them too); the interrupt flag is set again on return.
 */
final class Runner {
    private static final long POLL_MILLIS = 100;

    private Runner() {}

    static Table run(Plan plan, Results results, int threads, SweepProgress progress, Path csv, String name) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        long start = System.nanoTime();
        RowStore store = csv == null ? null : RowStore.csv(csv, plan, results);
        boolean[] done = results.doneCopy();
        int runs = plan.runs(), batch = Math.max(1, plan.batchSize());
        int before = results.count();
        int todo = runs - before;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < runs; from += batch) {
            int to = Math.min(runs, from + batch);
            for (int r = from; r < to; r++)
                if (!done[r]) {
                    batches.add(new int[] {from, to});
                    break;
                }
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        List<Column> columns = plan.columns();
        int workers = Math.max(1, Math.min(threads, batches.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "largelr-sweep");
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++)
                futures.add(pool.submit(() -> {
                    
                    try {
                        int b;
                        while (!stop.get() && (b = next.getAndIncrement()) < batches.size()) {
                            int[] range = batches.get(b);
                            List<double[]> rows = new ArrayList<>();
                            plan.compute(range[0], range[1], done, (run, row) -> {
                                if (results.put(run, row)) rows.add(row);
                            }, stop);
                            if (store != null) store.append(CsvStore.lines(columns, rows));
                            finished.addAndGet(rows.size());
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                }));
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(POLL_MILLIS, TimeUnit.MILLISECONDS)) break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                    break;
                }
                progress.update(finished.get(), todo, seconds(start));
            }
        } finally {
            // Also on ThreadDeath (a notebook's stop): let the workers finish the run they are in, keep their rows.
            stop.set(true);
            awaitQuietly(pool);
            if (store != null) store.close();
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error err) throw err;
            throw new IllegalStateException("sweep failed: " + f, f);
        }
        boolean complete = results.count() == runs;
        progress.update(finished.get(), todo, seconds(start));
        progress.finish(finished.get(), todo, seconds(start), interrupted);
        if (store != null && complete && finished.get() > 0) store.rewriteInGridOrder(results, runs);
        String title = complete ? name : name + " (interrupted: " + results.count() + " of " + runs + " runs)";
        Table table = results.table(title);
        if (interrupted) Thread.currentThread().interrupt();
        return table;
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean again = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) break;
            } catch (InterruptedException e) {
                again = true;
            }
        }
        if (again) Thread.currentThread().interrupt();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
