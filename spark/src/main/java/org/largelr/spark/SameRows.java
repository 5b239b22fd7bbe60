package org.largelr.spark;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Whether two sweep tables hold the same rows: same column names, same row count, numbers equal to the bit
 * ({@link Double#doubleToLongBits}: NaN equals NaN, 0.0 differs from -0.0) whatever column type a reader chose
 * for them, other values equal as text. For checking a Spark result against a local sweep's CSV.
 */
final class SameRows {
    private SameRows() {}

    /** The first difference, in words, or null when there is none. */
    static String difference(Table expected, Table actual) {
        if (!expected.columnNames().equals(actual.columnNames()))
            return "columns differ: " + expected.columnNames() + " vs " + actual.columnNames();
        if (expected.rowCount() != actual.rowCount())
            return "row counts differ: " + expected.rowCount() + " vs " + actual.rowCount();
        for (String name : expected.columnNames()) {
            Column<?> a = expected.column(name), b = actual.column(name);
            boolean numbers = a instanceof NumericColumn<?> && b instanceof NumericColumn<?>;
            for (int i = 0; i < expected.rowCount(); i++) {
                if (numbers) {
                    double x = ((NumericColumn<?>) a).getDouble(i), y = ((NumericColumn<?>) b).getDouble(i);
                    if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y))
                        return name + " at row " + i + ": " + x + " vs " + y;
                } else if (!a.getString(i).equals(b.getString(i)))
                    return name + " at row " + i + ": '" + a.getString(i) + "' vs '" + b.getString(i) + "'";
            }
        }
        return null;
    }
}
