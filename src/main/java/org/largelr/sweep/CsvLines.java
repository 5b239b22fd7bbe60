package org.largelr.sweep;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.largelr.store.NumberText;

/**
 * Sweep rows as CSV lines, straight into bytes (the text is ASCII): numbers in round-trip form
 * ({@link NumberText#format}), integers without a decimal point, a label as itself, a value that does not apply
 * ({@link Column#MISSING}) as an empty field; what {@link Results#parseLine} reads back.
 *
 * <p>A grid's parameter columns (h, x0, hL, ...) repeat from row to row, so each DOUBLE column keeps the text of
 * the values it met last (a small table by the value's bits); a column whose values rarely repeat (the results)
 * stops looking after a few thousand rows.
 */
final class CsvLines {
    private static final int SLOT_BITS = 10, SLOTS = 1 << SLOT_BITS, PROBE_ROWS = 4096;

    private final List<Column> columns;
    private final Column.Kind[] kinds;
    private final Recent[] recent;       // DOUBLE columns that repeat; null elsewhere
    private final byte[][][] labels;     // CATEGORY columns
    private byte[] bytes = new byte[1 << 16];
    private int length;

    CsvLines(List<Column> columns) {
        this.columns = columns;
        int n = columns.size();
        kinds = new Column.Kind[n];
        recent = new Recent[n];
        labels = new byte[n][][];
        for (int c = 0; c < n; c++) {
            Column col = columns.get(c);
            kinds[c] = col.kind();
            if (kinds[c] == Column.Kind.DOUBLE) recent[c] = new Recent();
            labels[c] = col.labelBytes();
        }
    }

    /** Appends the line of {@code row} (values in column order) and its newline. */
    void add(double[] row) {
        room(32 * row.length + 16);
        for (int c = 0; c < row.length; c++) {
            if (c > 0) bytes[length++] = ',';
            double v = row[c];
            switch (kinds[c]) {
                case DOUBLE -> {
                    if (!columns.get(c).missing(v)) number(c, v);
                }
                case INTEGER -> integer((long) v);
                case CATEGORY -> put(labels[c][(int) v]);
            }
        }
        bytes[length++] = '\n';
    }

    /** The lines added since {@link #clear}: {@code bytes()[0, length())}. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    private void number(int c, double v) {
        Recent r = recent[c];
        if (r == null) {
            ascii(NumberText.format(v));
            return;
        }
        byte[] text = r.text(v);
        if (text == null) {
            String s = NumberText.format(v);
            ascii(s);
            text = s.getBytes(StandardCharsets.ISO_8859_1);
            if (!r.keep(v, text)) recent[c] = null;   // rarely repeats: stop looking
            return;
        }
        put(text);
    }

    private void integer(long v) {
        if (v >= 0 && v < 10) {
            bytes[length++] = (byte) ('0' + v);
            return;
        }
        ascii(Long.toString(v));
    }

    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) bytes[length++] = (byte) s.charAt(i);
    }

    private void put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void room(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
    }

    /** The text of the values a column met last, by bits (one slot per hash); counts how often it was found. */
    private static final class Recent {
        private final long[] bits = new long[SLOTS];
        private final byte[][] text = new byte[SLOTS][];
        private long looked, found;

        byte[] text(double v) {
            looked++;
            long b = Double.doubleToRawLongBits(v);
            int i = slot(b);
            if (text[i] != null && bits[i] == b) {
                found++;
                return text[i];
            }
            return null;
        }

        /** Keeps the text of {@code v}; false once this column has shown that its values seldom repeat. */
        boolean keep(double v, byte[] t) {
            long b = Double.doubleToRawLongBits(v);
            int i = slot(b);
            bits[i] = b;
            text[i] = t;
            return looked < PROBE_ROWS || found * 4 >= looked;
        }

        private static int slot(long b) {
            return (int) ((b * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));   // the top bits of a multiplicative hash
        }
    }
}
