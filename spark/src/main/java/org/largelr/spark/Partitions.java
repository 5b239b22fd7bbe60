package org.largelr.spark;

import java.io.Serializable;

/**
 * The grid's run indices 0..runs-1 cut into {@code count} contiguous ranges of sizes differing by at most one;
 * partition k holds {@code [from(k), to(k))}, so the parts in order are the rows in grid order.
 */
record Partitions(int runs, int count) implements Serializable {
    /** Default cap on runs per partition: its rows (about 30 doubles each) stay well inside a task's memory. */
    static final int MAX_RUNS = 250_000;

    Partitions {
        if (runs < 1) throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        if (count < 1 || count > runs)
            throw new IllegalArgumentException("--partitions must be in [1, " + runs + "] (the number of runs), got " + count);
    }

    /** A few partitions per core, so a slow partition does not hold the others up, and none too big. */
    static Partitions byDefault(int runs, int cores) {
        long p = Math.max(4L * Math.max(1, cores), (runs + (long) MAX_RUNS - 1) / MAX_RUNS);
        return new Partitions(runs, (int) Math.min(runs, p));
    }

    int from(int k) {
        return (int) ((long) k * runs / count);
    }

    int to(int k) {
        return from(k + 1);
    }

    /** The file of partition k. */
    static String fileName(int k) {
        return String.format(java.util.Locale.ROOT, "part-%05d.parquet", k);
    }
}
