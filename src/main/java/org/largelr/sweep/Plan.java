package org.largelr.sweep;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sweep's grid, flattened: run index to parameters, and how to compute a batch of runs. A run's result depends
 * on its index alone (every random draw is seeded from the grid), never on which thread or batch computed it.
 */
abstract class Plan {
    /** Number of runs in the grid. */
    abstract int runs();

    /**
     * Runs the grid on {@code threads} threads with every row streamed to {@code out} (a CSV, or Parquet parts for a
     * name ending in .parquet; resumed when it holds rows of this grid) and none kept in memory.
     */
    public final Totals stream(int threads, org.largelr.api.SweepProgress progress, java.nio.file.Path out) {
        return Runner.stream(this, threads, progress, out);
    }

    /** The table's columns, in order; the last is always {@code run}. */
    abstract List<Column> columns();

    /** The index of the column named {@code name} in {@link #columns()}, or -1 when there is none. */
    final int columnIndex(String name) {
        List<Column> c = columns();
        for (int i = 0; i < c.size(); i++) if (c.get(i).name().equals(name)) return i;
        return -1;
    }

    /** Canonical text of everything that determines the rows; its hash is the resume fingerprint. */
    abstract String canonical();

    /** One line for people: what the grid is. */
    abstract String describe();

    /** Runs per unit of work handed to a thread. */
    abstract int batchSize();

    /**
     * Computes the runs in [from, to) that {@code done} does not hold (null: none done), handing each finished row
     * (values in {@link #columns()} order) to {@code sink}; returns early, between runs, once {@code stop} is set.
     */
    abstract void compute(int from, int to, RunSet done, RowSink sink, AtomicBoolean stop);

    /**
     * Why {@code row}, read back from a file, cannot be run {@code run} of this grid (its parameters differ from the
     * grid's, or its values contradict each other), or null when it can be. Resuming keeps only rows that pass.
     */
    abstract String mismatch(int run, double[] row);

    /** Says which value of a row read back differs from the one the grid gives, or null when equal (NaN equals NaN). */
    static String differs(String column, double found, double expected) {
        return Double.compare(found, expected) == 0 ? null
                : column + " is " + found + " where the grid has " + expected;
    }

    /** The first non-null of {@code reasons}. */
    static String first(String... reasons) {
        for (String r : reasons) if (r != null) return r;
        return null;
    }

    /**
     * Loads and initializes a class on a daemon thread, beside the runs, so that a class slow to load (a scan of the
     * class path, a tree of dependencies) costs no time on the sweep's path; a failure to load is reported where the
     * class is used.
     */
    static void loadMeanwhile(String className) {
        meanwhile(className.substring(className.lastIndexOf('.') + 1), () -> {
            try {
                Class.forName(className, true, Plan.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // reported where the class is used
            }
        });
    }

    /** Runs {@code load} on a daemon thread; a failure there is reported where the classes are used. */
    static void meanwhile(String what, Runnable load) {
        Thread t = new Thread(() -> {
            try {
                load.run();
            } catch (RuntimeException | LinkageError e) {
                // reported where the class is used
            }
        }, "largelr-load-" + what);
        t.setDaemon(true);
        t.start();
    }

    /** Steps within the budget, all of it when the budget ran out. */
    static String stepsWithin(double steps, double outcome, long budget) {
        if (steps < 0 || steps > budget) return "steps is " + (long) steps + ", outside the budget 0.." + budget;
        if (outcome == org.largelr.api.Outcome.MAX_STEPS.ordinal() && steps != budget)
            return "outcome MAX_STEPS after " + (long) steps + " of " + budget + " steps";
        return null;
    }

    /** Thrown from inside a run when the sweep is stopped, so a long run ends within a step, not at its budget. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("sweep stopped", null, false, false);
        }

        static void check(AtomicBoolean stop) {
            if (stop.get()) throw new Stopped();
        }
    }

    /** Steps taken so far by the plan's runs (lane-steps of scalar lanes), for progress. */
    final java.util.concurrent.atomic.LongAdder stepsTaken = new java.util.concurrent.atomic.LongAdder();

    /** The step budget of one run, or 0 when the plan does not count steps in {@link #stepsTaken}. */
    long stepBudget() {
        return 0;
    }

    interface RowSink {
        void accept(int run, double[] row);
    }
}
