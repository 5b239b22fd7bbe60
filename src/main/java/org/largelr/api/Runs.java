package org.largelr.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.largelr.table.Tables;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Named runs and named tables, the way a notebook shows them: runs named by a rule, one summary row per named run,
 * and tables of the same columns stacked under their names. The name column is {@link Columns#NAME}.
 *
 * <pre>{@code
 * var runs = Runs.named(sweep.trajectories(), r -> "h = " + r.h());   // for Charts.loss(runs) and the like
 * Runs.table(runs)                                                    // name, outcome, steps, h, L, hL, loss, ...
 * }</pre>
 */
public final class Runs {
    private Runs() {}

    /**
     * The runs in order, each under the name {@code name} gives it (e.g. {@code "h = 0.50 x 2/L"}).
     *
     * @throws IllegalArgumentException when two runs get the same name (a map would silently keep one)
     */
    public static Map<String, GdResult> named(List<GdResult> runs, Function<GdResult, String> name) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        if (name == null) throw new IllegalArgumentException("name must not be null");
        Map<String, GdResult> out = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) == null) throw new IllegalArgumentException("runs[" + i + "] is null");
            String n = name.apply(runs.get(i));
            if (out.put(n, runs.get(i)) != null)
                throw new IllegalArgumentException("two runs are named '" + n + "': make the names unique");
        }
        return out;
    }

    /**
     * One row per run, in the map's order: column {@link Columns#NAME}, then the columns of
     * {@link GdResult#summary()} (outcome, steps, h, L, hL, loss, imbalance_start, imbalance, seed, values_step,
     * overflow).
     */
    public static Table table(Map<String, GdResult> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        Map<String, Table> rows = new LinkedHashMap<>();
        runs.forEach((n, r) -> rows.put(n, r.summary()));
        return stack("runs", rows);
    }

    /**
     * The tables' rows one after another, each row named by its table's key in column {@link Columns#NAME} (the
     * first column); every table must have the same columns. Readable printing (significant digits).
     */
    public static Table stack(String title, Map<String, Table> parts) {
        if (parts == null || parts.isEmpty()) throw new IllegalArgumentException("parts must hold at least one table");
        List<String> names = new ArrayList<>();
        Table out = null;
        for (Map.Entry<String, Table> e : parts.entrySet()) {
            Table t = e.getValue();
            if (t == null) throw new IllegalArgumentException("the table named '" + e.getKey() + "' is null");
            if (out != null && !out.columnNames().equals(t.columnNames()))
                throw new IllegalArgumentException("the table named '" + e.getKey() + "' has columns " + t.columnNames()
                        + ", the first one " + out.columnNames() + ": only tables of the same columns stack");
            out = out == null ? t.copy() : out.append(t);
            for (int i = 0; i < t.rowCount(); i++) names.add(e.getKey());
        }
        out.insertColumn(0, StringColumn.create(Columns.NAME, names));
        return Tables.readable(out.setName(title == null ? "" : title));
    }
}
