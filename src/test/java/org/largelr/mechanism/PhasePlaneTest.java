package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.largelr.api.Columns;
import org.largelr.api.Factors;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

class PhasePlaneTest {
    @Test
    void pathIsTheUpdateRuleStepByStep() {
        PhasePlane.Path p = PhasePlane.of(1, 3, 0.1).path(0.35);
        double x = 3, y = 0.1, h = 0.35;
        assertEquals(p.run().steps() + 1, p.x().length);
        for (int k = 0; k < p.x().length; k++) {
            assertEquals(x, p.x()[k], 0, "x at step " + k);
            assertEquals(y, p.y()[k], 0, "y at step " + k);
            double r = 1 - x * y, nx = x + h * (r * y);
            y = y + h * (r * x);
            x = nx;
        }
    }

    @Test
    void tableAndFigure() {
        PhasePlane plane = PhasePlane.of(1, 3, 0.1).steps(0.05, 0.3).run();
        Table t = plane.table();
        Factors flow = Theory.gradientFlowLimit(1, 3, 0.1);
        double[] end = plane.paths().get(0).end();
        assertEquals(Math.hypot(end[0] - flow.x().data[0], end[1] - flow.y().data[0]),
                t.doubleColumn(PhasePlane.DISTANCE_TO_FLOW).get(0), 1e-15);
        assertTrue(t.doubleColumn(PhasePlane.DISTANCE_TO_FLOW).get(0) < 0.01, "a small step stops beside the flow's limit");
        assertTrue(t.doubleColumn(PhasePlane.S).get(1) <= 2 / 0.3, "the large step's limit is inside its circle");
        XYChart c = plane.figure(-1, 3.5, -1.5, 3);
        for (String name : List.of("minima x y = mu", "balanced line x = y", "start", "gradient-flow limit"))
            assertTrue(c.getSeriesMap().containsKey(name), name + " in " + c.getSeriesMap().keySet());
        assertThrows(IllegalArgumentException.class, () -> plane.figure(1, 0, 0, 1));
    }

    @Test
    void smallStepChecksHoldAndTheFirstOrderConstantMatters() {
        List<Verdict> v = PhasePlane.smallStepVerdicts(1, 2.5, 0.2, 0.1, 3);
        assertEquals(4, v.size());
        assertDoesNotThrow(() -> Verdict.conclude(v));
        // Near 2/L the first-order law does not hold yet: the same checks must fail there.
        assertThrows(AssertionError.class, () -> Verdict.conclude(PhasePlane.smallStepVerdicts(1, 3, 0.1, 0.9, 2)));
        assertThrows(IllegalArgumentException.class, () -> PhasePlane.smallStepVerdicts(1, 2.5, 0.2, 1.5, 3));
    }

    @Test
    void largeStepChecksHoldAndFailOnAPointOutsideTheCircle() {
        Table t = PhasePlane.largeSteps(1, new double[][] {{3, 0.1}}, 10);
        assertEquals(10, t.rowCount());
        List<Verdict> ok = PhasePlane.largeStepVerdicts(t, 1);
        assertFalse(ok.isEmpty());
        assertDoesNotThrow(() -> Verdict.conclude(ok));
        int row = t.stringColumn(Columns.OUTCOME).isEqualTo("CONVERGED").get(0);
        Table moved = t.copy();
        moved.doubleColumn(Columns.X).set(row, 10.0);      // x y != mu, x^2 + y^2 > 2/h
        assertThrows(AssertionError.class, () -> Verdict.conclude(PhasePlane.largeStepVerdicts(moved, 1)));
    }
}
