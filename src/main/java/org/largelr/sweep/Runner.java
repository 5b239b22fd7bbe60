package org.largelr.sweep;

import org.largelr.api.Columns;
import org.largelr.api.Outcome;
import org.largelr.api.SweepProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import tech.tablesaw.api.Table;

/**
 * Runs a plan on a pool of threads: batches handed out in grid order, rows to the store as they finish (put back
 * in grid order on the way, so an uninterrupted sweep writes its file once, in order), into {@link Results} when a
 * table is wanted, progress from the calling thread. A row that has waited a second for the rest of its batch goes
 * to the store without it, so a batch of long runs saves its early finishers (and a stop has few rows left to
 * write). Progress counts steps, not only finished runs, so a sweep of long runs shows its movement at once. An
 * interrupt of the calling thread stops the sweep within a step and keeps the rows finished so far; the interrupt
 * flag is set again on return.
 */
final class Runner {
    private static final long POLL_MILLIS = 100;

    private Runner() {}

    /** Runs the grid and returns its rows in grid order (streamed to {@code out} as well, when given). */
    static Table run(Plan plan, Results results, int threads, SweepProgress progress, Path out, String name) {
        Totals t = execute(plan, results, threads, progress, out);
        String title = t.complete() || results.count() == plan.runs() ? name
                : name + " (interrupted: " + results.count() + " of " + plan.runs() + " runs)";
        Table table = results.table(title);
        if (t.interrupted()) Thread.currentThread().interrupt();
        return table;
    }

    /** Runs the grid with its rows going to {@code out} only: memory does not grow with the grid. */
    static Totals stream(Plan plan, int threads, SweepProgress progress, Path out) {
        if (out == null) throw new IllegalArgumentException("a sweep streamed to a file needs the file: call csv(path) or parquet(path)");
        Totals t = execute(plan, null, threads, progress, out);
        if (t.interrupted()) Thread.currentThread().interrupt();
        return t;
    }

    private static Totals execute(Plan plan, Results results, int threads, SweepProgress progress, Path out) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        long start = System.nanoTime();
        int runs = plan.runs(), batch = Math.max(1, plan.batchSize());
        RunSet done = new RunSet(runs);
        Tally tally = new Tally(plan);
        RowStore.Kept kept = new RowStore.Kept() {
            @Override
            public void keep(int run, double[] row) {
                if (results != null) results.put(run, row);
                tally.add(row, 1);
            }

            @Override
            public void drop(int run, double[] row) {
                if (results != null) results.forget(run);
                tally.add(row, -1);
            }

            @Override
            public void counted(long[] byOutcome) {
                tally.add(byOutcome);
            }

            @Override
            public boolean wantsRows() {
                return results != null;
            }
        };
        RowStore store = out == null ? null : RowStore.open(out, plan, done, kept, progress::notice);
        int todo = (int) (runs - done.count());
        // Batches are numbered, not listed: a list of them would cost an object per run of a grid of single-run
        // batches, before any work.
        int batches = (int) (((long) runs + batch - 1) / batch);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        Sequencer sequencer = store == null ? null : new Sequencer(store);
        int workers = Math.max(1, Math.min(threads, Math.min(batches, Math.max(1, todo))));
        List<Waiting> waiting = new ArrayList<>();
        for (int w = 0; w < workers; w++) waiting.add(new Waiting());
        Work work = new Work(plan, todo, workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "largelr-sweep");
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Waiting rows = waiting.get(w);
                Work.Counts counts = work.counts(w);
                futures.add(pool.submit(() -> {
                    try {
                        int b;
                        // Per row only what this worker owns: a counter or lock shared by the workers moves its
                        // cache line between the cores at every row (it took a third of a scalar sweep's CPU).
                        Plan.RowSink sink = (run, row) -> {
                            if (results != null) results.put(run, row);
                            counts.finished(row);
                            if (sequencer != null) rows.add(row);
                        };
                        while (!stop.get() && (b = next.getAndIncrement()) < batches) {
                            int from = (int) ((long) b * batch), to = (int) Math.min(runs, (long) from + batch);
                            boolean stopped = false;
                            if (!done.containsAll(from, to)) {
                                try {
                                    plan.compute(from, to, done.containsNone(from, to) ? null : done, sink, stop);
                                } catch (Plan.Stopped e) {
                                    stopped = true;   // stopped inside a run: that run is not finished and not kept
                                }
                            }
                            List<double[]> rest = rows.take();
                            if (sequencer != null) sequencer.finished(b, rest);
                            if (stopped) break;
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                }));
            }
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(POLL_MILLIS, TimeUnit.MILLISECONDS)) break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                    break;
                }
                if (sequencer != null) {
                    try {
                        for (Waiting rows : waiting) sequencer.early(rows.takeOlderThan(Sequencer.HOLD_NANOS));
                        sequencer.releaseOld();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                }
                work.report(progress, seconds(start));
            }
        } finally {
            // Also on ThreadDeath (a notebook's stop): let the workers finish the run they are in, keep their rows.
            stop.set(true);
            awaitQuietly(pool);
            if (store != null) {
                try {
                    // Rows of a batch whose worker failed, or was stopped by ThreadDeath, before handing them over.
                    for (Waiting rows : waiting) sequencer.early(rows.take());
                    sequencer.releaseAll();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    try {
                        store.close();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error err) throw err;
            throw new IllegalStateException("sweep failed: " + f, f);
        }
        long finished = work.runsFinished();
        work.report(progress, seconds(start));
        progress.finish(finished, todo, seconds(start), interrupted);
        long saved = store != null ? store.saved() : results.count();
        return new Totals(runs, saved, finished, work.addOutcomes(tally.counts()), interrupted);
    }

    /**
     * Puts finished batches back in grid order before they reach the store. A batch waits for the ones before it
     * at most {@link #HOLD_NANOS} (or while fewer than {@link #HOLD_ROWS} rows wait): a finished row is on its way
     * to disk within about a second even behind one long run, out of grid order then (the store notices and
     * orders the file when it is complete).
     */
    private static final class Sequencer {
        static final long HOLD_NANOS = 1_000_000_000L;
        static final int HOLD_ROWS = 1 << 16;
        private final RowStore store;
        private final TreeMap<Integer, Held> held = new TreeMap<>();
        private final java.util.TreeSet<Integer> released = new java.util.TreeSet<>();   // written ahead of next
        private int next;
        private long heldRows;

        private record Held(List<double[]> rows, long since) {}

        Sequencer(RowStore store) {
            this.store = store;
        }

        synchronized void finished(int batch, List<double[]> rows) {
            if (batch != next) {
                held.put(batch, new Held(rows, System.nanoTime()));
                heldRows += rows.size();
                if (heldRows > HOLD_ROWS) releaseAll();
                return;
            }
            write(rows);
            next++;
            while (true) {
                if (released.remove(next)) next++;
                else if (!held.isEmpty() && held.firstKey() == next) {
                    Held h = held.pollFirstEntry().getValue();
                    heldRows -= h.rows().size();
                    write(h.rows());
                    next++;
                } else break;
            }
        }

        /** Writes rows of a batch still running (it hands the rest over when it ends). */
        synchronized void early(List<double[]> rows) {
            write(rows);
        }

        /** Writes what has waited too long, in batch order (the batches before it are not written yet). */
        synchronized void releaseOld() {
            long now = System.nanoTime();
            for (Held h : held.values())
                if (now - h.since() > HOLD_NANOS) {
                    releaseAll();
                    return;
                }
        }

        synchronized void releaseAll() {
            for (Map.Entry<Integer, Held> e : held.entrySet()) {
                write(e.getValue().rows());
                released.add(e.getKey());
            }
            held.clear();
            heldRows = 0;
        }

        /** Appends rows in run order (lanes hand them over in the order they ended). */
        private void write(List<double[]> rows) {
            if (rows.isEmpty()) return;
            int run = rows.get(0).length - 1;
            rows.sort(java.util.Comparator.comparingDouble(r -> r[run]));
            store.append(rows);
        }
    }

    /** The finished rows of one worker's batch not yet handed to the store, and since when the oldest waits. */
    private static final class Waiting {
        private List<double[]> rows = new ArrayList<>();
        private long oldest;

        synchronized void add(double[] row) {
            if (rows.isEmpty()) oldest = System.nanoTime();
            rows.add(row);
        }

        synchronized List<double[]> take() {
            List<double[]> r = rows;
            rows = new ArrayList<>();
            return r;
        }

        synchronized List<double[]> takeOlderThan(long nanos) {
            return !rows.isEmpty() && System.nanoTime() - oldest > nanos ? take() : List.of();
        }
    }

    /**
     * How far the sweep got: steps taken by this call's runs (lane-steps for scalar lanes), of the step budget they
     * may still use (each unfinished run its whole budget, each finished one the steps it took), and runs finished,
     * with the rows per outcome. Each worker counts its own rows; the progress reader sums the workers' counts.
     */
    private static final class Work {
        private final Plan plan;
        private final long budget;
        private final int stepsColumn, outcomeColumn;
        private final long stepsAtStart;
        private final Counts[] counts;
        private final long todo;

        Work(Plan plan, long todo, int workers) {
            this.plan = plan;
            this.budget = plan.stepBudget();
            this.stepsColumn = plan.columnIndex(Columns.STEPS);
            this.outcomeColumn = plan.columnIndex(Columns.OUTCOME);
            this.stepsAtStart = plan.stepsTaken.sum();
            this.todo = todo;
            this.counts = new Counts[workers];
            for (int w = 0; w < workers; w++) counts[w] = new Counts();
        }

        Counts counts(int worker) {
            return counts[worker];
        }

        /**
         * One worker's rows: written by that worker only (a release store, no read-modify-write of a shared line),
         * read by the progress thread. Padded so two workers' counts never share a cache line.
         */
        final class Counts {
            private static final int PAD = 16, FINISHED = PAD, UNUSED = PAD + 1, OUTCOMES = PAD + 2;
            private final AtomicLongArray v = new AtomicLongArray(OUTCOMES + Outcome.values().length + PAD);
            private long finished, unused;
            private final long[] byOutcome = new long[Outcome.values().length];

            void finished(double[] row) {
                v.lazySet(FINISHED, ++finished);
                if (stepsColumn >= 0) v.lazySet(UNUSED, unused += Math.max(0, budget - (long) row[stepsColumn]));
                if (outcomeColumn >= 0) {
                    int o = (int) row[outcomeColumn];
                    v.lazySet(OUTCOMES + o, ++byOutcome[o]);
                }
            }
        }

        private long sum(int index) {
            long s = 0;
            for (Counts c : counts) s += c.v.get(index);
            return s;
        }

        long runsFinished() {
            return sum(Counts.FINISHED);
        }

        /** {@code byOutcome} plus the rows per outcome the workers computed. */
        long[] addOutcomes(long[] byOutcome) {
            for (int o = 0; o < byOutcome.length; o++) byOutcome[o] += sum(Counts.OUTCOMES + o);
            return byOutcome;
        }

        void report(SweepProgress progress, double seconds) {
            long runsDone = runsFinished();
            if (budget <= 0 || stepsColumn < 0) {
                progress.update(runsDone, todo, seconds);
                return;
            }
            long stepsDone = plan.stepsTaken.sum() - stepsAtStart;
            // In doubles: runs x budget may pass Long.MAX_VALUE (2e9 runs of 1e12 steps).
            double possible = (double) todo * budget - sum(Counts.UNUSED);
            long total = (long) Math.min(Long.MAX_VALUE, Math.max(stepsDone, possible));
            progress.steps(stepsDone, total, runsDone, todo, seconds);
        }
    }

    /** Rows read back from the store per outcome (the workers count their own: {@link Work}). */
    private static final class Tally {
        private final int column;
        private final AtomicLongArray counts = new AtomicLongArray(Outcome.values().length);

        Tally(Plan plan) {
            column = plan.columnIndex(Columns.OUTCOME);
        }

        void add(double[] row, int sign) {
            if (column >= 0) counts.addAndGet((int) row[column], sign);
        }

        void add(long[] byOutcome) {
            for (int i = 0; i < byOutcome.length; i++) counts.addAndGet(i, byOutcome[i]);
        }

        long[] counts() {
            long[] c = new long[counts.length()];
            for (int i = 0; i < c.length; i++) c[i] = counts.get(i);
            return c;
        }
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
