package org.largelr.sweep;

import org.largelr.api.Columns;

import java.util.List;

import org.largelr.store.NumberText;
import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rows of one sweep by run index, filled from any thread; read back in grid order: what {@code Sweep.run()} returns
 * as a table, so memory grows with the grid. Streaming a sweep to a file ({@code Sweep.runToFile()}) keeps none.
 */
final class Results {
    final List<Column> columns;
    private final double[][] values;   // [column][run]
    private final boolean[] done;

    Results(Plan plan) {
        requireFits(plan.runs(), plan.columns().size());
        this.columns = plan.columns();
        this.values = new double[columns.size()][plan.runs()];
        this.done = new boolean[plan.runs()];
    }

    /**
     * Fails early, with the numbers, when the rows of a grid cannot be held: they are kept here and once more in the
     * returned table (about 2 x 8 bytes per value), and a sweep that ran out of memory halfway would only say so late.
     */
    static void requireFits(long runs, int columns) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        double need = (double) runs * (2.0 * 8 * columns + 2);   // values, the table's copy, two done flags
        if (need > free)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "grid too large for memory: %d runs x %d columns need about %.1f GiB, this JVM has %.1f GiB free"
                            + " (java -Xmx sets the limit); stream it to a file instead (csv(path).runToFile(), or the sweep"
                            + " command), or split the grid into several sweeps", runs, columns,
                    need / (1L << 30), free / (double) (1L << 30)));
    }

    /**
     * Keeps run {@code run}'s row; false when it was kept already. Not locked: a run's row comes from one thread
     * (the store's reader before the sweep starts, or the one worker whose batch holds it), and the rows are read
     * once the workers have ended. A lock taken at every row moved its cache line between the cores each time.
     */
    boolean put(int run, double[] row) {
        if (done[run]) return false;
        for (int c = 0; c < row.length; c++) values[c][run] = row[c];
        done[run] = true;
        return true;
    }

    /** Drops a run read back from a file that turned out not to be trustworthy (listed twice, differently). */
    void forget(int run) {
        done[run] = false;
    }

    /** Rows kept (once the workers have ended). */
    synchronized int count() {
        int n = 0;
        for (boolean d : done) if (d) n++;
        return n;
    }

    /** Parses one CSV line written by {@link CsvLines}; throws IllegalArgumentException when it is not one. */
    static double[] parseLine(List<Column> columns, String line) {
        double[] row = new double[columns.size()];
        int c = 0, at = 0;
        while (true) {
            int comma = line.indexOf(',', at);
            int end = comma < 0 ? line.length() : comma;
            if (c == row.length) throw new IllegalArgumentException("expected " + columns.size() + " values, got more");
            Column col = columns.get(c);
            row[c] = switch (col.kind()) {
                case DOUBLE -> at == end && col.mayBeMissing() ? Column.MISSING : NumberText.parseWritten(line, at, end);
                case INTEGER -> Long.parseLong(line, at, end, 10);
                case CATEGORY -> col.indexOf(line.substring(at, end));
            };
            c++;
            if (comma < 0) break;
            at = comma + 1;
        }
        if (c != row.length) throw new IllegalArgumentException("expected " + columns.size() + " values, got " + c);
        return row;
    }

    synchronized double[] row(int run) {
        double[] r = new double[columns.size()];
        for (int c = 0; c < r.length; c++) r[c] = values[c][run];
        return r;
    }

    /** Room for {@code runs} rows of these columns, indexed from 0: a range of a grid ({@link SweepPlan#runRange}). */
    Results(List<Column> columns, int runs) {
        this.columns = columns;
        this.values = new double[columns.size()][runs];
        this.done = new boolean[runs];
    }

    /** The finished rows in grid order. */
    synchronized Table table(String name) {
        org.largelr.table.Tables.load();   // the same lock as a background load of Tablesaw (see there)
        int n = count();
        int[] runs = new int[n];
        for (int r = 0, i = 0; r < done.length; r++) if (done[r]) runs[i++] = r;
        Table t = Table.create(name);
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            double[] v = values[c];
            switch (col.kind()) {
                case DOUBLE -> {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) out[i] = v[runs[i]];
                    t.addColumns(DoubleColumn.create(col.name(), out));
                }
                case INTEGER -> {
                    if (col.wide()) {
                        long[] out = new long[n];
                        for (int i = 0; i < n; i++) out[i] = (long) v[runs[i]];
                        t.addColumns(LongColumn.create(col.name(), out));
                    } else {
                        int[] out = new int[n];
                        for (int i = 0; i < n; i++) out[i] = (int) v[runs[i]];
                        t.addColumns(IntColumn.create(col.name(), out));
                    }
                }
                case CATEGORY -> {
                    String[] out = new String[n];
                    for (int i = 0; i < n; i++) out[i] = col.labels().get((int) v[runs[i]]);
                    t.addColumns(StringColumn.create(col.name(), out));
                }
            }
        }
        return Tables.readable(t);
    }
}
