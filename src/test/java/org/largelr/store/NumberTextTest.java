package org.largelr.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Every double written reads back bit for bit, in no more digits than Java's own form; only plain numbers parse. */
class NumberTextTest {
    static List<Double> edges() {
        List<Double> v = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE,
                -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 1.0, -1.0, 0.1, 0.2, 0.3, 1e23, 1e22, 9007199254740993.0,
                9007199254740992.0, 2.82879384806159E17, 1.0E-5, 1e-3, 1e7, 1e-7, 123456789012345680.0, 4.9e-324, 5e-324,
                Math.PI, Math.E, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        for (int e = -1074; e <= 1023; e += 7) v.add(Math.scalb(1.0, e));   // powers of two, subnormal to huge
        for (int e = -323; e <= 308; e++) v.add(Double.parseDouble("1e" + e));   // powers of ten
        return v;
    }

    static void assertRoundTrip(double v) {
        String s = NumberText.format(v);
        double back = NumberText.parseWritten(s, 0, s.length());
        assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), s + " reads back as " + back + ", not " + v);
        assertTrue(s.length() <= Double.toString(v).length(), s + " is longer than Java's " + Double.toString(v));
        assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Double.parseDouble(s)), "Java reads " + s + " alike");
    }

    @Test
    void edgeValuesRoundTripBitForBit() {
        for (double v : edges()) assertRoundTrip(v);
        assertEquals("4.9E-324", NumberText.format(Math.scalb(1.0, -1074)));   // 2^-1074, the smallest double
        assertEquals("-0.0", NumberText.format(-0.0));
    }

    @Test
    void randomDoublesRoundTripBitForBitAndSomeAreShorterThanJava17s() {
        SplittableRandom r = new SplittableRandom(20261202L);
        int shorter = 0, n = 50_000;
        for (int i = 0; i < n; i++) {
            // Half uniformly random bit patterns (every exponent, subnormals included), half values like a sweep's.
            double v = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble() * Math.pow(10, r.nextInt(-20, 20));
            if (Double.isNaN(v)) continue;
            assertRoundTrip(v);
            if (NumberText.format(v).length() < Double.toString(v).length()) shorter++;
        }
        // 2.82879384806159E17: Java 17 writes 2.82879384806159008E17; the shortest form has 15 digits.
        assertEquals("2.82879384806159E17", NumberText.format(2.82879384806159E17));
        assertTrue(shorter > 0, "Java 17's Double.toString is not always shortest; Schubfach is");
    }

    @Test
    void onlyPlainNumbersParse() {
        for (String ok : List.of("1", "-3", "+0.5", ".5", "5.", "1e-4", "1E+4", "0", "-0.0", "123456789012345678901234567890"))
            assertTrue(NumberText.isPlain(ok), ok);
        for (String bad : List.of("1d", "0.5f", "0x1p-2", "", ".", "e5", "1e", "1e+", "+", "-", "NaN", "Infinity", " 1",
                "1 ", "1,0", "--1", "1.2.3", "0x10", "1_000", "\uFEFF1"))
            assertFalse(NumberText.isPlain(bad), bad);
        assertThrows(NumberFormatException.class, () -> NumberText.parsePlain("0x1p-2"));
        assertThrows(NumberFormatException.class, () -> NumberText.parseWritten("1d", 0, 2));
        assertEquals(0.25, NumberText.parsePlain("2.5e-1"));
        assertEquals(Double.NEGATIVE_INFINITY, NumberText.parseWritten("-Infinity", 0, 9));
        assertEquals(0.5, NumberText.parsePlain("x,0.5,y", 2, 5));
    }
}
