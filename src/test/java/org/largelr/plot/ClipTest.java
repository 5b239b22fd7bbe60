package org.largelr.plot;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClipTest {
    /** Steady values 0..4 make the band [-1, 5]; the diverged line 1, 2, 100 leaves it at y = 5, x = 1 + 3/98. */
    @Test
    void aDivergedLineEndsWhereItCrossesTheBand() {
        List<Clip.Drawn> d = Clip.clip(List.of(
                new Clip.Line("steady", new double[] {0, 1, 2, 3}, new double[] {4, 2, 0, Double.NaN}, -1),
                new Clip.Line("blows up", new double[] {0, 1, 2}, new double[] {1, 2, 100}, 2)), false, false);
        assertEquals("steady (1 non-finite value left out)", d.get(0).name());
        assertArrayEquals(new double[] {0, 1, 2}, d.get(0).x());
        assertEquals("blows up (diverged at step 2)", d.get(1).name());
        assertArrayEquals(new double[] {0, 1, 1 + 3.0 / 98}, d.get(1).x(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 5}, d.get(1).y(), 1e-15);
    }

    /** On a log axis the band is one decade wider each way, and values at or below 0 are not drawn (not counted). */
    @Test
    void onALogAxisTheBandIsADecadeWider() {
        List<Clip.Drawn> d = Clip.clip(List.of(
                new Clip.Line("steady", new double[] {0, 1, 2}, new double[] {1, 1e-3, 0}, -1),
                new Clip.Line("up", new double[] {0, 1}, new double[] {1, 1e6}, 1),
                new Clip.Line("down", new double[] {0, 1}, new double[] {1, 1e-10}, 1)), false, true);
        assertEquals("steady", d.get(0).name());
        assertArrayEquals(new double[] {1, 1e-3}, d.get(0).y());
        assertEquals(10, d.get(1).y()[1], 1e-12);
        assertEquals(1.0 / 6, d.get(1).x()[1], 1e-12, "1 decade of the 6 climbed");
        assertEquals(1e-4, d.get(2).y()[1], 1e-16);
    }

    /** With only diverged runs, the band is that of their starts. */
    @Test
    void onlyDivergedRunsKeepTheirStartsInView() {
        List<Clip.Drawn> d = Clip.clip(List.of(new Clip.Line("a", new double[] {0, 1, 2}, new double[] {2, 2.2, 1e90}, 2)),
                false, false);
        assertArrayEquals(new double[] {2, 2.2, 2.5}, d.get(0).y(), 1e-12);
    }
}
