package org.largelr.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a sweep's rows go as they finish, so that a killed or interrupted sweep loses none and a new one resumes.
 * The runner needs only these three calls; {@link CsvStore} is the one implementation today.
 */
interface RowStore extends AutoCloseable {
    /** Stores finished rows (one CSV-formatted line each) durably before returning. */
    void append(List<String> lines);

    /** After a complete sweep: the rows again in grid order, so the stored result does not depend on timing. */
    void rewriteInGridOrder(Results results, int runs);

    @Override
    void close();

    /**
     * A CSV file, locked for this writer: a new one, or one holding rows of this grid (the valid ones go into
     * {@code results}; what was skipped, and why, goes to {@code notices}).
     */
    static RowStore csv(Path file, Plan plan, Results results, java.util.function.Consumer<String> notices) {
        return CsvStore.open(file, plan, results, notices);
    }
}
