package org.largelr.matrix;

import org.ejml.data.DMatrixRMaj;

/** Argument checks done once at the API boundary, with messages that name the argument and the allowed range. */
public final class MatrixChecks {
    private MatrixChecks() {}

    /** Rejects null, empty and non-finite matrices. */
    public static DMatrixRMaj requireFinite(String name, DMatrixRMaj m) {
        if (m == null) throw new IllegalArgumentException(name + " must not be null");
        if (m.numRows < 1 || m.numCols < 1)
            throw new IllegalArgumentException(name + " must have at least one row and one column, got "
                    + m.numRows + "x" + m.numCols);
        for (int i = 0; i < m.numRows; i++)
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                if (!Double.isFinite(v))
                    throw new IllegalArgumentException(name + " must have finite entries, but entry (" + i + ","
                            + j + ") is " + v);
            }
        return m;
    }

    /** Throws unless {@code m} is rows x cols, naming it. */
    public static void requireShape(String name, DMatrixRMaj m, int rows, int cols) {
        requireFinite(name, m);
        if (m.numRows != rows || m.numCols != cols)
            throw new IllegalArgumentException(name + " must be " + rows + "x" + cols + ", got "
                    + m.numRows + "x" + m.numCols);
    }

    /** Throws unless {@code value >= 1}, naming it; returns it. */
    public static int requirePositive(String name, int value) {
        if (value < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        return value;
    }

    /** Throws unless {@code value} is finite, naming it; returns it. */
    public static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " must be finite, got " + value);
        return value;
    }

    /** Throws unless {@code value} is finite and > 0, naming it; returns it. */
    public static double requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value))
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        return value;
    }

    /** Throws unless {@code value} is finite and >= 0, naming it; returns it. */
    public static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isNaN(value))
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        return value;
    }
}
