package org.largelr.matrix;

import org.largelr.api.Matrices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

/** Matrix CSV: numbers separated by commas, one matrix row per line, no header. */
public final class MatrixCsv {
    private MatrixCsv() {}

    /** Reads a matrix CSV (numbers separated by commas, one row per line, no header). */
    public static DMatrixRMaj read(Path path) {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read matrix CSV " + path + ": " + e.getMessage(), e);
        }
        return parse(path.toString(), lines);
    }

    /** Parses CSV text; {@code source} names the input in error messages. */
    public static DMatrixRMaj parse(String source, List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",", -1);
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                String cell = cells[j].strip();
                try {
                    row[j] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + lineNo + " column " + (j + 1)
                            + ": not a number: '" + cell + "'");
                }
                if (!Double.isFinite(row[j]))
                    throw new IllegalArgumentException(source + " line " + lineNo + " column " + (j + 1)
                            + ": must be finite, got " + cell);
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length)
                throw new IllegalArgumentException(source + " line " + lineNo + ": has " + row.length
                        + " values but the first row has " + rows.get(0).length + " (ragged matrix)");
            rows.add(row);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(source + ": empty matrix CSV (no numbers)");
        return Matrices.of(rows.toArray(new double[0][]));
    }

    /** Writes with round-trip precision (shortest repr that parses back to the same double). */
    public static void write(DMatrixRMaj m, Path path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                if (j > 0) sb.append(',');
                sb.append(m.unsafe_get(i, j));
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
