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

    /** The table's columns, in order; the last is always {@code run}. */
    abstract List<Column> columns();

    /** Canonical text of everything that determines the rows; its hash is the resume fingerprint. */
    abstract String canonical();

    /** One line for people: what the grid is. */
    abstract String describe();

    /** Runs per unit of work handed to a thread. */
    abstract int batchSize();

    /**
     * Computes the runs in [from, to) that {@code done} does not mark, handing each finished row (values in
     * {@link #columns()} order) to {@code sink}; returns early, between runs, once {@code stop} is set.
     */
    abstract void compute(int from, int to, boolean[] done, RowSink sink, AtomicBoolean stop);

    interface RowSink {
        void accept(int run, double[] row);
    }
}
