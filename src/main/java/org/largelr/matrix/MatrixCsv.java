package org.largelr.matrix;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.largelr.store.NumberText;

/** Matrix CSV: numbers separated by commas, one matrix row per line, no header. */
public final class MatrixCsv {
    private MatrixCsv() {}

    /**
     * True for a plain decimal or scientific number ("0.5", "-3", "1e-4"); false for what Java's parser also takes
     * but no CSV means as a number: "1d", "0.5f", "0x1p-2", "NaN", "Infinity".
     */
    public static boolean isPlainNumber(String s) {
        return NumberText.isPlain(s);
    }

    /** Reads a matrix CSV (numbers separated by commas, one row per line, no header). */
    public static DMatrixRMaj read(Path path) {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        if (java.nio.file.Files.isDirectory(path))
            throw new IllegalArgumentException("cannot read matrix CSV " + path + ": is a directory");
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("cannot read matrix CSV " + path + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read matrix CSV " + path + ": " + org.largelr.store.StoreException.reason(e), e);
        }
        return parse(path.toString(), text);
    }

    /** Parses CSV text; {@code source} names the input in error messages. */
    public static DMatrixRMaj parse(String source, List<String> lines) {
        return parse(source, String.join("\n", lines));
    }

    /**
     * Parses CSV text in one pass, cell by cell in place (no split, no regular expression, no array per row: a
     * 500 x 500 matrix is 250,000 cells, read straight into the matrix's row-major array); a byte-order mark before
     * the first number is skipped; blank lines are ignored.
     */
    static DMatrixRMaj parse(String source, String text) {
        int length = text.length(), at = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNo = 0, rows = 0, width = -1, count = 0;
        double[] data = new double[16 + length / 16];
        char[] scratch = new char[32];
        while (at <= length) {
            int end = text.indexOf('\n', at);
            if (end < 0) end = length;
            lineNo++;
            int from = at, to = end;
            at = end + 1;
            while (from < to && Character.isWhitespace(text.charAt(from))) from++;
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
            if (from == to) continue;
            int n = 0;
            for (int cell = from; ; ) {
                int comma = cell;
                while (comma < to && text.charAt(comma) != ',') comma++;
                int a = cell, b = comma;
                while (a < b && Character.isWhitespace(text.charAt(a))) a++;
                while (b > a && Character.isWhitespace(text.charAt(b - 1))) b--;
                if (b - a > scratch.length) scratch = new char[b - a];
                if (count == data.length) data = Arrays.copyOf(data, 2 * count);
                data[count++] = cell(source, lineNo, ++n, text, a, b, scratch);
                if (comma == to) break;
                cell = comma + 1;
            }
            if (width >= 0 && n != width)
                throw new IllegalArgumentException(source + " line " + lineNo + ": has " + n
                        + " values but the first row has " + width + " (ragged matrix)");
            width = n;
            rows++;
        }
        if (rows == 0) throw new IllegalArgumentException(source + ": empty matrix CSV (no numbers)");
        return DMatrixRMaj.wrap(rows, width, count == data.length ? data : Arrays.copyOf(data, count));
    }

    /** One cell {@code text[from, to)}: checked once, parsed through {@code scratch} (no string or array per cell). */
    private static double cell(String source, int lineNo, int column, String text, int from, int to, char[] scratch) {
        if (!NumberText.isPlain(text, from, to)) {
            String cell = text.substring(from, to);
            if (cell.matches("[+-]?(NaN|Infinity)")) throw new IllegalArgumentException(where(source, lineNo, column) + ": must be finite, got " + cell);
            throw new IllegalArgumentException(where(source, lineNo, column) + ": not a number: '" + cell + "'");
        }
        text.getChars(from, to, scratch, 0);
        double v = NumberText.parseChecked(scratch, to - from);
        if (!Double.isFinite(v))
            throw new IllegalArgumentException(where(source, lineNo, column) + ": must be finite, got " + text.substring(from, to));
        return v;
    }

    /** Built only for an error: one string per cell cost more than parsing the cell. */
    private static String where(String source, int lineNo, int column) {
        return source + " line " + lineNo + " column " + column;
    }

    /** Writes with round-trip precision (shortest repr that parses back to the same double). */
    public static void write(DMatrixRMaj m, Path path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                if (j > 0) sb.append(',');
                NumberText.append(sb, m.unsafe_get(i, j));
            }
            sb.append('\n');
        }
        try {
            Files.writeString(path, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write matrix CSV " + path, e);
        }
    }
}
