package org.largelr.api;


import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

public class GridTest {

    @Test
    void linearGridIncludesBothEnds() {
        Grid g = Grid.linear(0.1, 1.0, 10);
        assertEquals(10, g.size());
        assertEquals(0.1, g.get(0));
        assertEquals(1.0, g.get(9));
        assertEquals(0.5, g.get(4), 1e-15);
        assertArrayEquals(new double[] {2.5}, Grid.linear(2.5, 7, 1).values());
    }

    @Test
    void logGridIsEvenlySpacedInLogScale() {
        Grid g = Grid.log(1e-3, 1, 4);
        assertEquals(1e-3, g.get(0));
        assertEquals(1e-2, g.get(1), 1e-17);
        assertEquals(1e-1, g.get(2), 1e-16);
        assertEquals(1.0, g.get(3));
    }

    @Test
    void valuesAreCopied() {
        double[] v = {1, 2};
        Grid g = Grid.of(v);
        v[0] = 99;
        assertEquals(1, g.get(0));
        g.values()[1] = 99;
        assertEquals(2, g.get(1));
    }

    @Test
    void badGridsAreRefusedWithTheArgumentAndTheAllowedRange() {
        assertMessage(() -> Grid.of(), "at least one value");
        assertMessage(() -> Grid.of(1, Double.NaN), "grid value 1 must be finite");
        assertMessage(() -> Grid.linear(Double.NaN, 1, 3), "from must be finite");
        assertMessage(() -> Grid.linear(0, Double.POSITIVE_INFINITY, 3), "to must be finite");
        assertMessage(() -> Grid.linear(0, 1, 0), "count must be >= 1, got 0");
        assertMessage(() -> Grid.log(0, 1, 3), "from must be > 0");
        assertMessage(() -> Grid.log(1, -2, 3), "to must be > 0");
        assertMessage(() -> Grid.of(0.1, 0).requirePositive("learning rates h"),
                "learning rates h must be finite and > 0, got 0.0 (value 2 of 2)");
    }

    public static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }
}
