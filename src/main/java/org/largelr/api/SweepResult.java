package org.largelr.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;


import tech.tablesaw.api.Table;

/** What a sweep produced: its table (one row per finished run, in grid order) and, if kept, the trajectories. */
public final class SweepResult {
    private final Table table;
    private final AtomicReferenceArray<GdResult> trajectories;
    private final int runs;

    private final org.largelr.sweep.Totals totals;   // of a sweep streamed to its file, else null

    SweepResult(Table table, AtomicReferenceArray<GdResult> trajectories, int runs) {
        this.table = table;
        this.trajectories = trajectories;
        this.runs = runs;
        this.totals = null;
    }

    SweepResult(org.largelr.sweep.Totals totals, int runs) {
        this.table = null;
        this.trajectories = null;
        this.runs = runs;
        this.totals = totals;
    }

    /** The rows (columns: {@link org.largelr.api.Columns}); not kept by {@code Sweep.runToFile()}. */
    public Table table() {
        if (table == null)
            throw new IllegalStateException("runToFile() kept no rows in memory: read them from its file");
        return table;
    }

    /** Rows finished (saved in the file, for {@code runToFile()}). */
    public long finished() {
        return table != null ? table.rowCount() : totals.saved();
    }

    /** Finished rows with this outcome. */
    public long count(Outcome outcome) {
        if (table == null) return totals.count(outcome);
        return table.stringColumn(Columns.OUTCOME).isEqualTo(outcome.name()).size();
    }

    /** Number of runs in the grid. */
    public int runs() {
        return runs;
    }

    /** True when every run of the grid finished (false after an interruption). */
    public boolean complete() {
        return finished() == runs;
    }

    /** The trajectory of run {@code run} (needs {@code keepTrajectories}); null if that run did not finish. */
    public GdResult trajectory(int run) {
        if (trajectories == null)
            throw new IllegalStateException("trajectories were not kept: call keepTrajectories(k) before run()");
        if (run < 0 || run >= runs) throw new IllegalArgumentException("run must be in [0, " + runs + "), got " + run);
        return trajectories.get(run);
    }

    /** Every kept trajectory in grid order (needs {@code keepTrajectories}; the finished runs only). */
    public List<GdResult> trajectories() {
        if (trajectories == null)
            throw new IllegalStateException("trajectories were not kept: call keepTrajectories(k) before run()");
        List<GdResult> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) if (trajectories.get(i) != null) out.add(trajectories.get(i));
        return out;
    }

    @Override
    public String toString() {
        return (table != null ? table.name() : "sweep to file") + ": " + finished() + " of " + runs + " runs";
    }
}
