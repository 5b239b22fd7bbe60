package org.largelr.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a sweep's rows go as they finish, so that a killed or interrupted sweep loses none and a new one resumes.
 * Opening one takes the output's lock and reads back the rows it already holds (each into {@code done} and
 * {@link Kept}); {@link #append} writes each row once; {@link #close} finishes the file and releases the lock.
 */
interface RowStore extends AutoCloseable {
    /** Stores finished rows (values in the plan's column order) before returning. */
    void append(List<double[]> rows);

    /** Rows saved: read back plus appended. */
    long saved();

    /** Finishes the output (a complete CSV is put in grid order if it is not already) and releases the lock. */
    @Override
    void close();

    /** Receives the rows read back from an existing output, and takes back the ones found untrustworthy later. */
    interface Kept {
        void keep(int run, double[] row);

        void drop(int run, double[] row);

        /** Rows taken back by count only (outcome ordinal to rows), from a store that does not read values. */
        void counted(long[] byOutcome);

        /** True when the rows themselves are wanted (for a table), not only counted. */
        boolean wantsRows();
    }

    /**
     * The store for {@code file}: Parquet parts in a directory when its name ends in {@code .parquet}, else a CSV;
     * new, or holding rows of this grid (resumed), with what was skipped and why told to {@code notices}.
     */
    static RowStore open(Path file, Plan plan, RunSet done, Kept kept, Consumer<String> notices) {
        if (ParquetStore.isParquet(file)) return ParquetStore.open(file, plan, done, kept, notices);
        return CsvStore.open(file, plan, done, kept, notices);
    }
}
