package org.largelr.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Readable printing of Tablesaw tables. Tablesaw prints a double with every digit it has
 * ({@code NumberColumnFormatter.floatingPointDefault()}), so the loss of a diverged run fills a line with 85
 * digits; {@link #readable(Table)} sets, once per table, a formatter of {@value #SIGNIFICANT_DIGITS} significant
 * digits: plain between {@code 1e-4} and {@code 1e6}, scientific outside ({@code 4.48728e84}, {@code 9.70944e-21}).
 *
 * <p>Only printing changes: {@code getDouble} still returns every bit, and Tablesaw's CSV writer ignores print
 * formatters unless told otherwise ({@code CsvWriteOptions.usePrintFormatters}), so files keep full precision.
 */
public final class Tables {
    /** Significant digits a readable table prints. */
    public static final int SIGNIFICANT_DIGITS = 6;

    private Tables() {}

    private static final Object LOADING = new Object();
    private static volatile boolean loaded;

    /**
     * Initialises Tablesaw's table and column classes, once per JVM, on the calling thread and under one lock; returns
     * at once after that. Why: Tablesaw's column types initialise each other in a cycle (the constants of
     * {@code ColumnType} are the types, whose shared superclass needs {@code ColumnType}), so two threads that first
     * touch Tablesaw at different classes at the same moment can deadlock inside class initialisation, for good
     * (seen: a notebook cell creating a StringColumn while the background warm-up created a DoubleColumn). So a
     * background thread touches Tablesaw only after this, and whoever starts one calls this first or lets the
     * thread call it while its own first use goes through here too.
     */
    public static void load() {
        if (loaded) return;
        synchronized (LOADING) {
            if (loaded) return;
            Table.create("load").addColumns(DoubleColumn.create("d"), tech.tablesaw.api.StringColumn.create("s"),
                    tech.tablesaw.api.IntColumn.create("i"), tech.tablesaw.api.LongColumn.create("l"));
            loaded = true;
        }
    }

    /**
     * Gives every double and float column of {@code table} the significant-digit print formatter.
     *
     * @param table the table to format; it is changed in place
     * @return the same table, for chaining ({@code return Tables.readable(Table.create(...))})
     */
    public static Table readable(Table table) {
        if (table == null) throw new IllegalArgumentException("table must not be null");
        for (Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn d) d.setPrintFormatter(formatter());
            else if (c instanceof FloatColumn f) f.setPrintFormatter(formatter());
        }
        return table;
    }

    /**
     * A new Tablesaw formatter printing {@value #SIGNIFICANT_DIGITS} significant digits with {@link #format};
     * a missing value (a value that does not apply, see {@code Columns}) prints empty, as Tablesaw's own formatter
     * prints it.
     *
     * @return a formatter for {@code column.setPrintFormatter(...)}
     */
    public static NumberColumnFormatter formatter() {
        return new NumberColumnFormatter(new Significant(SIGNIFICANT_DIGITS), "");
    }

    /**
     * {@code v} rounded to {@code digits} significant digits, trailing zeros dropped: plain notation between
     * {@code 1e-4} and {@code 1e6} (after rounding), scientific outside ({@code 4.487e84}); {@code NaN},
     * {@code Infinity}, {@code -Infinity} as Java spells them.
     *
     * @param v the number
     * @param digits significant digits, 1 to 17
     * @return the text
     */
    public static String format(double v, int digits) {
        if (digits < 1 || digits > 17) throw new IllegalArgumentException("digits must be in 1..17, got " + digits);
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        BigDecimal b = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        double a = Math.abs(b.doubleValue());
        if (a >= 1e-4 && a < 1e6) return b.toPlainString();
        int exponent = b.precision() - b.scale() - 1;
        return b.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }

    /** {@link #format} as a {@link NumberFormat}, the type Tablesaw's formatter takes; whole numbers print whole. */
    private static final class Significant extends NumberFormat {
        private final int digits;

        Significant(int digits) {
            this.digits = digits;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(Tables.format(number, digits));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("a print formatter does not parse");
        }
    }
}
