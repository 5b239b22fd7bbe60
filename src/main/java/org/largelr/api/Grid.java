package org.largelr.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * An ordered list of values for one axis of a sweep: given values, a linear range or a logarithmic range.
 * Immutable. Checked on construction: at least one value, every value finite.
 *
 * <pre>{@code
 * Grid.linear(0.01, 1.0, 200)      // 0.01, ..., 1.0 (both ends included)
 * Grid.log(1e-3, 1, 7)             // 1e-3, 1e-2.5, ..., 1
 * Grid.of(0.5, 1, 2)
 * Grid.consecutive(0, 20)          // 0, 1, ..., 19 (seeds)
 * }</pre>
 */
public final class Grid {
    private final double[] values;
    private final String description;

    private Grid(double[] values, String description) {
        this.values = values;
        this.description = description;
    }

    /** The given values, in the given order. */
    public static Grid of(double... values) {
        if (values == null || values.length == 0)
            throw new IllegalArgumentException("grid must hold at least one value, got none");
        for (int i = 0; i < values.length; i++)
            if (!Double.isFinite(values[i]))
                throw new IllegalArgumentException("grid value " + i + " must be finite, got " + values[i]);
        return new Grid(values.clone(), "values " + Arrays.toString(values));
    }

    /** {@code count} evenly spaced values from {@code from} to {@code to}, both included ({@code count = 1}: from). */
    public static Grid linear(double from, double to, int count) {
        check("from", from);
        check("to", to);
        checkCount(count);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = count == 1 ? from : i == count - 1 ? to : from + (to - from) * i / (count - 1);
        return new Grid(v, String.format(Locale.ROOT, "linear(%s, %s, %d)", from, to, count));
    }

    /** {@code count} values from {@code from} to {@code to} evenly spaced in log scale; both ends must be > 0. */
    public static Grid log(double from, double to, int count) {
        check("from", from);
        check("to", to);
        if (!(from > 0)) throw new IllegalArgumentException("log grid: from must be > 0, got " + from);
        if (!(to > 0)) throw new IllegalArgumentException("log grid: to must be > 0, got " + to);
        checkCount(count);
        double[] v = new double[count];
        double a = Math.log(from), b = Math.log(to);
        for (int i = 0; i < count; i++)
            v[i] = count == 1 ? from : i == 0 ? from : i == count - 1 ? to : Math.exp(a + (b - a) * i / (count - 1));
        return new Grid(v, String.format(Locale.ROOT, "log(%s, %s, %d)", from, to, count));
    }

    /** {@code count} consecutive whole numbers starting at {@code first}: {@code first, first + 1, ...}. */
    public static Grid consecutive(long first, int count) {
        checkCount(count);
        if (Math.abs(first) > (1L << 52) - count)
            throw new IllegalArgumentException("grid: first must be within +-2^52, got " + first);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = first + i;
        return new Grid(v, String.format(Locale.ROOT, "consecutive(%d, %d)", first, count));
    }

    private static void check(String what, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("grid: " + what + " must be finite, got " + v);
    }

    private static void checkCount(int count) {
        if (count < 1) throw new IllegalArgumentException("grid: count must be >= 1, got " + count);
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** The i-th value. */
    public double get(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    double[] view() {
        return values;
    }

    /** Throws unless every value is finite and > 0; {@code what} names the axis in the message. */
    Grid requirePositive(String what) {
        for (int i = 0; i < values.length; i++)
            if (!(values[i] > 0))
                throw new IllegalArgumentException(what + " must be finite and > 0, got " + values[i]
                        + (values.length > 1 ? " (value " + (i + 1) + " of " + values.length + ")" : ""));
        return this;
    }

    /** The values as whole numbers (seeds); throws unless every value is one. */
    long[] wholeNumbers(String what) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]))
                throw new IllegalArgumentException(what + " must be whole numbers, got " + values[i]);
            out[i] = (long) values[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return description;
    }
}
