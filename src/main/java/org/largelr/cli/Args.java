package org.largelr.cli;

import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.largelr.matrix.MatrixCsv;
import org.largelr.store.OutputPath;
import org.largelr.store.StoreException;

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

    /** A plain decimal or scientific number ("0.5", "-3", "1e-4"); not "0x1p-2", "1d", "NaN" or "Infinity". */
    static double number(String option, String text) {
        String t = text.strip();
        if (!MatrixCsv.isPlainNumber(t))
            throw new IllegalArgumentException(option + " must be a number like 0.5, -3 or 1e-4, got '" + text + "'");
        return finite(option, org.largelr.store.NumberText.parsePlain(t));
    }

    /** A whole number in [min, max], also written like 1e6. */
    static long count(String option, String text, long min, long max) {
        double v;
        try {
            v = number(option, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a whole number >= " + min + ", got '" + text + "'");
        }
        if (v != Math.rint(v) || v < min || v > max)
            throw new IllegalArgumentException(option + " must be a whole number in " + min + ".." + max + ", got '" + text + "'");
        return (long) v;
    }

    static DMatrixRMaj matrix(String option, Path path) {
        try {
            return MatrixCsv.read(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks an output path before any work: writable, not a directory, and not one of the inputs (given as
     * option, path pairs), compared as real files so "./A.csv" and a link to it count as A.csv.
     */
    static void output(String option, Path out, Object... inputs) {
        checkOutput(option, out, false, inputs);
    }

    /** {@link #output} for a directory of Parquet parts ({@code *.parquet}), which may exist already (resume). */
    static void outputParts(String option, Path out, Object... inputs) {
        checkOutput(option, out, true, inputs);
    }

    private static void checkOutput(String option, Path out, boolean parts, Object... inputs) {
        try {
            if (parts) OutputPath.requireWritableParts(out);
            else OutputPath.requireWritable(out);
        } catch (StoreException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
        for (int i = 0; i < inputs.length; i += 2) {
            Path in = (Path) inputs[i + 1];
            if (OutputPath.sameFile(out, in))
                throw new IllegalArgumentException(option + " " + out + " is the same file as " + inputs[i] + " " + in
                        + ": writing it would destroy the input; choose another output file");
        }
    }
}
