package org.largelr.sweep;

import static org.junit.jupiter.api.Assertions.*;
import static org.largelr.api.GridTest.assertMessage;
import static org.largelr.sweep.ScalarSweepTest.assertTablesEqual;

import org.junit.jupiter.api.Test;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.SweepResult;

import tech.tablesaw.api.Table;

/** A range of a grid, run on its own, gives the very rows the whole grid gives for those indices. */
class RunRangeTest {
    /** 14 x 23 x 2 = 644 runs: more than two batches of scalar lanes, so ranges cut through batches. */
    static Sweep scalar() {
        return Sweep.scalar(1.0).h(Grid.linear(0.05, 1.3, 14)).x0(Grid.linear(0.1, 4, 23)).y0(Grid.of(0.5, 0.1))
                .maxSteps(500).progress(SweepProgress.none());
    }

    /** Pieces of the grid at uneven cuts, put back together. */
    static Table inPieces(Sweep s, int... cuts) {
        Table all = null;
        for (int i = 0; i + 1 < cuts.length; i++) {
            SweepResult piece = s.runRange(cuts[i], cuts[i + 1]);
            assertTrue(piece.complete());
            assertEquals(cuts[i + 1] - cuts[i], piece.table().rowCount());
            if (piece.table().rowCount() > 0)
                assertEquals(cuts[i], piece.table().intColumn("run").getInt(0), "the run column holds the grid index");
            all = all == null ? piece.table().copy() : all.append(piece.table());
        }
        return all;
    }

    @Test
    void scalarRangesGiveTheRowsOfTheWholeGrid() {
        Sweep s = scalar();
        assertEquals(644, s.runs());
        assertTablesEqual(s.run().table(), inPieces(s, 0, 1, 100, 100, 257, 512, 513, 644));
    }

    @Test
    void matrixRangesGiveTheRowsOfTheWholeGrid() {
        Sweep s = MatrixSweepTest.sweep();
        assertTablesEqual(s.run().table(), inPieces(s, 0, 5, 17, 18, s.runs()));
    }

    @Test
    void aRangeOutsideTheGridIsRefused() {
        assertMessage(() -> scalar().runRange(-1, 3), "0 <= from <= to <= runs = 644");
        assertMessage(() -> scalar().runRange(5, 4), "from = 5, to = 4");
        assertMessage(() -> scalar().runRange(0, 645), "to = 645");
    }

    @Test
    void theFingerprintFollowsTheGridNotTheRunSettingsThatKeepTheRows() {
        assertEquals(scalar().fingerprint(), scalar().threads(1).fingerprint(), "threads do not change the rows");
        assertNotEquals(scalar().fingerprint(), scalar().maxSteps(501).fingerprint());
        assertNotEquals(scalar().fingerprint(), scalar().y0(Grid.of(0.5, 0.2)).fingerprint());
        assertTrue(scalar().describe().contains("644 runs"), scalar().describe());
    }
}
