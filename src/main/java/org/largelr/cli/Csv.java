package org.largelr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.NumericColumn;

/**
 * Table to CSV with full double precision (Tablesaw's writer formats numbers for display, which loses digits
 * a trajectory comparison needs).
 */
public final class Csv {
    private Csv() {}

    /** Writes the table as CSV with full double precision. */
    public static void write(Table t, Path out) {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(String.join(",", t.columnNames()));
            w.write('\n');
            for (int i = 0; i < t.rowCount(); i++) {
                w.write(row(t, i));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Row i as CSV, numbers in their shortest round-trip form, a missing value as an empty field. */
    public static String row(Table t, int i) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < t.columnCount(); c++) {
            if (c > 0) sb.append(',');
            Column<?> col = t.column(c);
            if (col.isMissing(i)) continue;   // a value that does not apply: an empty field (see Columns)
            if (col instanceof tech.tablesaw.api.LongColumn lc) sb.append(lc.getLong(i));
            else if (col instanceof tech.tablesaw.api.IntColumn ic) sb.append(ic.getInt(i));
            else if (col instanceof NumericColumn<?> nc) org.largelr.store.NumberText.append(sb, nc.getDouble(i));
            else sb.append(quote(col.getString(i)));
        }
        return sb.toString();
    }
}
