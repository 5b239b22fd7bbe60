package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import tech.tablesaw.api.Table;

/** Same seed, same numbers at one thread and two: a whole recorded run large enough to split its steps. */
class SplitDeterminismTest {

    @Test
    void oneAndTwoThreadsGiveTheSameTrajectoryBitForBit() {
        Problem p = Problem.factorization(Matrices.gaussian(150, 140).scale(0.1).seed(3).build(), 13);   // n m d >= 2^18
        GradientDescent gd = GradientDescent.on(p).from(Start.gaussian(0.3).seed(8)).h(0.05).maxSteps(300)
                .recordEvery(1).noTolerance();
        GdResult one = gd.threads(1).run(), two = gd.threads(2).run();
        Table a = one.trajectory(), b = two.trajectory();
        assertEquals(301, a.rowCount());   // beyond several probe periods: split and unsplit steps both taken
        assertEquals(a.columnNames(), b.columnNames());
        for (String c : a.columnNames())
            for (int r = 0; r < a.rowCount(); r++)
                assertEquals(a.column(c).get(r), b.column(c).get(r), c + " at row " + r);
        assertArrayEquals(one.end().x().data, two.end().x().data, 0.0);
        assertArrayEquals(one.end().y().data, two.end().y().data, 0.0);
        assertEquals(Double.doubleToLongBits(one.L()), Double.doubleToLongBits(two.L()));
    }
}
