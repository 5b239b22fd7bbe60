package org.largelr.store;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * The text form of numbers in every file we write or read: doubles written in their shortest round-trip form
 * (jackson-core's Schubfach writer; Java 17's {@code Double.toString} sometimes gives more digits than needed) and
 * read back bit for bit (jackson-core's copy of FastDoubleParser), after a strict check of the form: a plain decimal
 * or scientific number only, never Java's "1d", "0.5f" or "0x1p-2".
 */
public final class NumberText {
    private NumberText() {}

    /** The shortest decimal that reads back as exactly {@code v}, in Java's layout ("0.1", "1.0E-5", "-0.0", "NaN"). */
    public static String format(double v) {
        return NumberOutput.toString(v, true);
    }

    /** Appends {@link #format(double)} of {@code v}. */
    public static StringBuilder append(StringBuilder sb, double v) {
        return sb.append(NumberOutput.toString(v, true));
    }

    /**
     * True when {@code s[from, to)} is a plain number: optional sign, digits with an optional point (or a point
     * and digits), an optional exponent {@code e|E[+-]digits}. Hand-written: a regular expression per cell costs
     * more than parsing the number.
     */
    public static boolean isPlain(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int intDigits = 0, fracDigits = 0;
        while (i < to && isDigit(s.charAt(i))) { i++; intDigits++; }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < to && isDigit(s.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == to;
    }

    /** {@link #isPlain(CharSequence, int, int)} of the whole string. */
    public static boolean isPlain(CharSequence s) {
        return isPlain(s, 0, s.length());
    }

    /**
     * The double of a plain number {@code s[from, to)} (see {@link #isPlain}), correctly rounded.
     *
     * @throws NumberFormatException when it is not a plain number
     */
    public static double parsePlain(CharSequence s, int from, int to) {
        if (!isPlain(s, from, to)) throw new NumberFormatException("not a plain number: '" + s.subSequence(from, to) + "'");
        return parse(s, from, to);
    }

    /** {@link #parsePlain(CharSequence, int, int)} of the whole string. */
    public static double parsePlain(CharSequence s) {
        return parsePlain(s, 0, s.length());
    }

    /**
     * The double of a cell this project wrote: a plain number, or {@code NaN}, {@code Infinity}, {@code -Infinity}.
     *
     * @throws NumberFormatException otherwise
     */
    public static double parseWritten(CharSequence s, int from, int to) {
        int n = to - from;
        if (n == 3 && regionIs(s, from, "NaN")) return Double.NaN;
        if (n == 8 && regionIs(s, from, "Infinity")) return Double.POSITIVE_INFINITY;
        if (n == 9 && s.charAt(from) == '-' && regionIs(s, from + 1, "Infinity")) return Double.NEGATIVE_INFINITY;
        return parsePlain(s, from, to);
    }

    private static double parse(CharSequence s, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = 0; i < chars.length; i++) chars[i] = s.charAt(from + i);
        return parseChecked(chars, chars.length);
    }

    /**
     * The double of {@code chars[0, length)}, which the caller has found plain ({@link #isPlain}): for a reader
     * that reuses one buffer for its cells (no second check, no array per cell).
     */
    public static double parseChecked(char[] chars, int length) {
        return NumberInput.parseDouble(chars, 0, length, true);
    }

    private static boolean regionIs(CharSequence s, int from, String word) {
        for (int i = 0; i < word.length(); i++) if (s.charAt(from + i) != word.charAt(i)) return false;
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
