package org.largelr.cli;

import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.largelr.matrix.MatrixCsv;

/** Command-line checks whose messages name the option, not the Java parameter behind it. */
final class Args {
    private Args() {}

    static double positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(option + " must be finite and > 0, got " + v);
        return v;
    }

    static double nonNegative(String option, double v) {
        if (!(v >= 0) || !Double.isFinite(v))
            throw new IllegalArgumentException(option + " must be finite and >= 0, got " + v);
        return v;
    }

    static double finite(String option, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(option + " must be finite, got " + v);
        return v;
    }

    static long atLeast(String option, long v, long min) {
        if (v < min) throw new IllegalArgumentException(option + " must be >= " + min + ", got " + v);
        return v;
    }

    static double number(String option, String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + text + "'");
        }
        return finite(option, v);
    }

    static DMatrixRMaj matrix(String option, Path path) {
        try {
            return MatrixCsv.read(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
