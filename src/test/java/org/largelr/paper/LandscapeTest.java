package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Outcome;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/** The landscape on the digest's example (mu = 1, start (3, 0.1)) and on a small matrix. */
class LandscapeTest {
    private final Problem mu1 = Problem.scalar(1);
    private final Start digest = Start.scalar(3, 0.1);

    @Test
    void digestExampleRowByRow() {
        Landscape land = Landscape.of(mu1, digest).steps(0.1, 0.2, 0.3, 0.4, 0.5).maxSteps(20_000).run();
        Table t = land.table();
        assertEquals(5, t.rowCount());
        assertEquals(List.of("CONVERGED", "CONVERGED", "CONVERGED", "CONVERGED", "DIVERGED"),
                t.stringColumn(Landscape.OUTCOME).asList());
        // h = 0.2 ends unbalanced at x^2 = 8.63, y^2 = 0.12; h = 0.3 at x^2 + y^2 = 2.71 (digest, section A).
        assertEquals(8.63 - 0.12, t.doubleColumn(Landscape.IMBALANCE).get(1), 0.02);
        assertEquals(2.71, t.doubleColumn(Landscape.SHARPNESS).get(2), 0.01);
        assertEquals(3.27, t.doubleColumn(Landscape.SHARPNESS).get(3), 0.01);
        assertTrue(t.doubleColumn(Landscape.SHARPNESS).isMissing(4));
        assertEquals(2 / 0.3, t.doubleColumn(Landscape.TWO_OVER_H).get(2), 1e-12);
        assertEquals(0.3 * land.theory().L(), t.doubleColumn(Landscape.HL).get(2), 1e-12);
        assertEquals(0.4, land.largestConvergedStep(), 0);
        assertEquals(4, land.count(Outcome.CONVERGED));
    }

    @Test
    void verdictsHoldInsideAndAboveTheLimit() {
        Landscape land = Landscape.of(mu1, digest).steps(0.1, 0.3, 0.4, 1.05, 1.5).maxSteps(5000).run();
        List<Verdict> v = land.verdicts();
        assertEquals(5, v.size());      // 3 converged runs (0.1 is classical) + 2 above 1/mu
        assertTrue(Verdict.conclude(v).startsWith("VERDICT: PASS"));
        // the flattest-minimum floor 2 mu is checked on each converged run
        assertTrue(v.get(1).checks().stream().anyMatch(c -> c.claim().contains("2 sigma_1")));
    }

    @Test
    void startingOnAMinimumAboveTheLimitFailsTheNoConvergenceCheck() {
        // (1, 1) is a global minimum of sharpness 2 > 2/h: a measure-zero start that GD never leaves. The derived
        // claim excludes such starts; the check must notice it rather than pass it silently.
        Landscape land = Landscape.of(mu1, Start.scalar(1, 1)).steps(1.2).run();
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(land.verdicts()));
        assertTrue(e.getMessage().contains("no convergence to a global minimum above 1/sigma_1"), e.getMessage());
    }

    @Test
    void spanIsLogSpacedBetweenTheThresholds() {
        Problem p = Problem.factorization(Matrices.gaussian(4, 4).seed(2).build(), 4);
        Start s = Start.gaussian(0.3).seed(1).unbalanced(2);
        Theory th = Theory.of(p, s);
        Landscape land = Landscape.of(p, s).span(0.1, 1.2, 5).maxSteps(3000).run();
        Table t = land.table();
        assertEquals(5, t.rowCount());
        assertEquals(0.1 * th.classicalLimit(), t.doubleColumn(Landscape.H).get(0), 1e-15);
        assertEquals(1.2 * th.noStableMinimumAbove(), t.doubleColumn(Landscape.H).get(4), 1e-12);
        double ratio = t.doubleColumn(Landscape.H).get(1) / t.doubleColumn(Landscape.H).get(0);
        assertEquals(ratio, t.doubleColumn(Landscape.H).get(4) / t.doubleColumn(Landscape.H).get(3), 1e-9);
        assertEquals(1.2, t.doubleColumn(Landscape.H_SIGMA1).get(4), 1e-12);
        assertEquals(0.1, t.doubleColumn(Landscape.H_OVER_CLASSICAL).get(0), 1e-12);
        // small steps keep the imbalance: |D_end| / |D_0| close to 1 at h = 0.1 x 2/L
        assertTrue(t.doubleColumn(Landscape.IMBALANCE_RATIO).get(0) > 0.9);
        BufferedImage img = land.panel();
        // three 560 x 440 charts side by side, drawn smaller if that is wider than a notebook (Charts.grid)
        int cell = Math.min(560, org.largelr.api.Charts.GRID_WIDTH / 3);
        assertEquals(3 * cell, img.getWidth());
        assertEquals(Math.round(440.0 * cell / 560), img.getHeight());
        Table o = land.outcomes();
        assertEquals(5, o.intColumn("CONVERGED").sum() + o.intColumn("MAX_STEPS").sum() + o.intColumn("DIVERGED").sum());
    }

    @Test
    void rejectsEmptyOrInvertedRanges() {
        assertThrows(IllegalArgumentException.class, () -> Landscape.of(mu1, digest).run());
        assertThrows(IllegalArgumentException.class, () -> Landscape.of(mu1, digest).span(10, 0.1, 5));
        assertThrows(IllegalArgumentException.class, () -> Landscape.of(mu1, digest).steps(-0.1));
    }
}
