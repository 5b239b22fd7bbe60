package org.largelr.sweep;

import org.largelr.api.Outcome;

/**
 * What a sweep streamed to its file: runs in the grid, rows now saved (read back on resume plus computed), rows
 * computed by this call, runs per outcome among the saved rows, and whether it was interrupted.
 *
 * @param runs        runs in the grid
 * @param saved       rows now in the file
 * @param computed    rows computed by this call
 * @param byOutcome   saved rows per {@link Outcome}, by ordinal
 * @param interrupted whether the sweep was stopped before it was complete
 */
public record Totals(long runs, long saved, long computed, long[] byOutcome, boolean interrupted) {
    /** Saved rows with this outcome. */
    public long count(Outcome o) {
        return byOutcome[o.ordinal()];
    }

    /** True when every run of the grid is saved. */
    public boolean complete() {
        return saved == runs;
    }
}
