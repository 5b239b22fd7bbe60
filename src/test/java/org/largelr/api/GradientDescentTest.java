package org.largelr.api;


import static org.junit.jupiter.api.Assertions.*;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class GradientDescentTest {

    @Test
    void oneStepMatchesAHandComputation() {
        // A = [[2, 0], [0, 1]], X = [[1], [0]], Y = [[1], [1]]: R = A - X Y^T = [[1, -1], [0, 1]],
        // R Y = [[0], [1]], R^T X = [[1], [-1]]; with h = 0.5: X1 = [[1], [0.5]], Y1 = [[1.5], [0.5]].
        Problem p = Problem.factorization(Matrices.of(new double[][] {{2, 0}, {0, 1}}), 1);
        Factors x0 = new Factors(Matrices.of(new double[][] {{1}, {0}}), Matrices.of(new double[][] {{1}, {1}}));
        GdResult r = GradientDescent.on(p).from(x0).h(0.5).maxSteps(1).run();
        Factors end = r.end();
        assertArrayEquals(new double[] {1, 0.5}, end.x().data, 1e-15);
        assertArrayEquals(new double[] {1.5, 0.5}, end.y().data, 1e-15);
        Table t = r.trajectory();
        assertEquals(2, t.rowCount());
        assertEquals(1.5, t.doubleColumn("loss").get(0), 1e-15);            // 1/2 (1 + 1 + 0 + 1)
        assertEquals(Math.sqrt(3), t.doubleColumn("grad_norm").get(0), 1e-15); // |(0,1,1,-1)|
        assertEquals(1 - 2, t.doubleColumn("imbalance").get(0), 1e-15);
        // step 1 by hand: X1 Y1^T = [[1.5, .5], [.75, .25]], R1 = [[.5, -.5], [-.75, .75]]
        assertEquals(0.5 * (0.25 + 0.25 + 0.5625 + 0.5625), t.doubleColumn("loss").get(1), 1e-15);
        assertEquals(1.25 - 2.5, t.doubleColumn("imbalance").get(1), 1e-15);
    }

    @Test
    void imbalanceChangePerStepScalesLikeHSquared() {
        // Gradient flow conserves ||X||^2 - ||Y||^2; one GD step changes it by O(h^2).
        Problem p = Problem.factorization(Matrices.gaussian(6, 5).seed(3).build(), 2);
        Start s = Start.gaussian(0.7).seed(5);
        double[] change = new double[3];
        double[] hs = {1e-3, 5e-4, 2.5e-4};
        for (int i = 0; i < hs.length; i++) {
            GdResult r = GradientDescent.on(p).from(s).h(hs[i]).maxSteps(1).computeL(false).run();
            double[] imb = r.column("imbalance");
            change[i] = Math.abs(imb[1] - imb[0]);
        }
        assertEquals(4.0, change[0] / change[1], 0.01);
        assertEquals(4.0, change[1] / change[2], 0.01);
    }

    @Test
    void lComputedBesideTheStepsIsTheSameBitsAsAlone() {
        // 64 x 64, d = 32 is above the size from which L runs on its own thread (when two threads are allowed).
        Problem p = Problem.factorization(Matrices.gaussian(64, 64).seed(4).build(), 32);
        GradientDescent gd = GradientDescent.on(p).from(Start.gaussian(0.3).seed(6)).h(0.05).maxSteps(20);
        GdResult beside = gd.threads(2).run(), alone = gd.threads(1).run();
        assertEquals(p.sharpness(beside.start()), beside.L(), 0.0);
        assertEquals(alone.L(), beside.L(), 0.0);
        assertArrayEquals(alone.column("loss"), beside.column("loss"), 0.0);
        assertFalse(gd.threads(2).computeL(false).run().hasL());
    }

    @Test
    void scalarPathEqualsMatrixPath() {
        GdResult fast = GradientDescent.on(Problem.scalar(1.3)).from(Start.scalar(2.5, 0.2)).h(0.25)
                .maxSteps(300).noTolerance().run();
        GdResult general = GradientDescent.on(Problem.scalar(1.3, 1)).from(Start.scalar(2.5, 0.2)).h(0.25)
                .maxSteps(300).noTolerance().run();
        assertEquals(fast.outcome(), general.outcome());
        assertEquals(fast.L(), general.L(), 1e-12);
        for (String c : new String[] {"loss", "x_norm2", "y_norm2", "imbalance", "balance_gap", "grad_norm"})
            assertArrayEquals(general.column(c), fast.column(c), 1e-12 * 10, c);
    }

    @Test
    void sameSeedGivesIdenticalTables() {
        Problem p = Problem.factorization(Matrices.gaussian(8, 8).seed(1).build(), 3);
        Table a = GradientDescent.on(p).from(Start.gaussian(0.3).seed(9).unbalanced(4)).h(0.05)
                .maxSteps(200).run().trajectory();
        Table b = GradientDescent.on(p).from(Start.gaussian(0.3).seed(9).unbalanced(4)).h(0.05)
                .maxSteps(200).run().trajectory();
        assertEquals(a.rowCount(), b.rowCount());
        for (String c : a.columnNames())
            for (int i = 0; i < a.rowCount(); i++) assertEquals(a.column(c).get(i), b.column(c).get(i), c + " row " + i);
    }

    @Test
    void divergedRunKeepsItsFiniteHistory() {
        GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(3, 0.1)).h(0.5)
                .maxSteps(1000).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertTrue(r.steps() < 1000);
        Table t = r.trajectory();
        assertTrue(t.rowCount() >= 2);
        for (String c : t.columnNames())
            if (!c.equals("step"))
                for (double v : t.doubleColumn(c).asDoubleArray()) assertTrue(Double.isFinite(v), c);
        // every step is recorded up to the blow-up: the ending step if still finite, else the one before it
        long lastRecorded = (long) r.column("step")[r.recordedRows() - 1];
        assertTrue(lastRecorded == r.steps() || lastRecorded == r.steps() - 1, "last recorded " + lastRecorded);
        assertEquals(lastRecorded + 1, r.recordedRows());
    }

    @Test
    void matrixRunStopsAsDivergedWhenLossPassesTheBound() {
        Problem p = Problem.factorization(Matrices.gaussian(5, 5).seed(2).build(), 2);
        GdResult r = GradientDescent.on(p).from(Start.gaussian(1).seed(1)).h(5).maxSteps(500)
                .divergenceBound(1e6).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        double[] loss = r.column("loss");
        assertTrue(loss[loss.length - 1] > 1e6);
        for (double v : loss) assertTrue(Double.isFinite(v));
    }

    @Test
    void toleranceEndsTheRunAsConverged() {
        Problem p = Problem.factorization(Matrices.withSingularValues(2, 1).size(4, 4).seed(1).build(), 2);
        GdResult r = GradientDescent.on(p).from(Start.gaussian(0.5).seed(3)).h(0.1).maxSteps(100_000)
                .lossTolerance(1e-12).run();
        assertEquals(Outcome.CONVERGED, r.outcome());
        assertTrue(r.finalLoss() <= 1e-12);
        assertTrue(r.steps() < 100_000);
        assertEquals(r.steps(), (long) r.column("step")[r.recordedRows() - 1]);
        GdResult capped = GradientDescent.on(p).from(Start.gaussian(0.5).seed(3)).h(0.1).maxSteps(5).run();
        assertEquals(Outcome.MAX_STEPS, capped.outcome());
        assertEquals(5, capped.steps());
    }

    @Test
    void recordEveryKeepsFirstMultiplesAndLast() {
        GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(1.5, 0.5)).h(0.1)
                .maxSteps(25).recordEvery(10).run();
        assertArrayEquals(new double[] {0, 10, 20, 25}, r.column("step"));
    }

    @Test
    void recordedSharpnessMatchesTheProblem() {
        Problem p = Problem.factorization(Matrices.gaussian(4, 4).seed(2).build(), 2);
        GdResult r = GradientDescent.on(p).from(Start.gaussian(0.5).seed(1)).h(0.05).maxSteps(10)
                .recordSharpness(true).run();
        assertEquals(r.L(), r.column("sharpness")[0], 1e-12 * r.L());
        assertTrue(r.trajectory().columnNames().contains("sharpness"));
        assertFalse(GradientDescent.on(p).from(Start.gaussian(0.5)).h(0.05).maxSteps(3).run()
                .trajectory().columnNames().contains("sharpness"));
    }

    @Test
    void kernelBalanceGapAgreesWithEjml() {
        Factors f = Start.gaussian(1).seed(8).create(Problem.factorization(Matrices.gaussian(7, 6).build(), 3));
        double kernel = org.largelr.core.ReferenceOps.balanceGap(f.x().data, 7, f.y().data, 6, 3);
        assertEquals(f.balanceGap(), kernel, 1e-12 * f.balanceGap());
    }

    @Test
    void summaryHasTheDocumentedColumns() {
        GdResult r = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(2, 0.5)).h(0.3).maxSteps(50).noTolerance().run();
        Table s = r.summary();
        assertEquals(1, s.rowCount());
        assertEquals(java.util.List.of("outcome", "steps", "h", "L", "hL", "loss", "imbalance_start", "imbalance", "seed",
                "values_step", "overflow"), s.columnNames());
        assertEquals(50, s.longColumn("values_step").get(0));
        assertEquals("none", s.stringColumn("overflow").get(0));
        assertEquals(0.3 * r.L(), s.doubleColumn("hL").get(0), 1e-15);
        assertTrue(r.toString().contains("MAX_STEPS"));
    }

    @Test
    void badSettingsNameTheArgument() {
        GradientDescent gd = GradientDescent.on(Problem.scalar(1)).from(Start.scalar(1, 1));
        assertMessage(() -> gd.h(0).run(), "learning rate h");
        assertMessage(() -> gd.h(-1).run(), "learning rate h");
        assertMessage(() -> gd.h(Double.POSITIVE_INFINITY).run(), "learning rate h");
        assertMessage(() -> gd.h(0.1).maxSteps(-1).run(), "maxSteps");
        assertMessage(() -> gd.h(0.1).maxSteps(1).recordEvery(0).run(), "recordEvery");
        assertMessage(() -> gd.h(0.1).recordEvery(1).lossTolerance(Double.NaN).run(), "lossTolerance");
        assertMessage(() -> GradientDescent.on(Problem.scalar(1)).h(0.1).run(), "start must be set");
        assertMessage(() -> GradientDescent.on(Problem.scalar(1)).from(Start.scalar(1, 1)).run(), "learning rate h must be set");
        DMatrixRMaj a = Matrices.gaussian(3, 3).build();
        assertMessage(() -> GradientDescent.on(Problem.factorization(a, 2)).from(Factors.scalar(1, 1)), "X must be 3x2");
        assertMessage(() -> GradientDescent.on(Problem.scalar(1)).from(Start.scalar(1, 1)).h(0.1)
                .maxSteps(1).run().column("nope"), "unknown column");
    }

    @Test
    void aRunSittingOnAGlobalMinimumReadsConverged() {
        // The quickstart's large step: before the default stop rule it read MAX_STEPS at loss 4e-32.
        Problem p = Problem.factorization(Matrices.withSingularValues(1.0, 0.5).size(4, 4).seed(1).build(), 2);
        Start s = Start.gaussian(0.5).seed(2).unbalanced(3);
        double l = p.sharpness(s.create(p));
        GdResult r = GradientDescent.on(p).from(s).h(3 / l).maxSteps(1500).run();
        assertEquals(Outcome.CONVERGED, r.outcome(), r.toString());
        assertTrue(r.finalLoss() <= 1e-18, r.toString());
        assertTrue(r.steps() < 1500);
        GdResult budget = GradientDescent.on(p).from(s).h(3 / l).maxSteps(1500).noTolerance().run();
        assertEquals(Outcome.MAX_STEPS, budget.outcome());
        assertEquals(1500, budget.steps());
    }

    @Test
    void theObserverSeesEveryIterateAndAPlainLoopGivesTheSameRun() {
        double mu = 1, h = 0.3;
        java.util.List<double[]> iterates = new java.util.ArrayList<>();
        GdResult r = GradientDescent.on(Problem.scalar(mu)).from(Start.scalar(3, 0.1)).h(h).maxSteps(200)
                .observe(step -> iterates.add(new double[] {step.factors().x().get(0, 0), step.factors().y().get(0, 0),
                        step.loss(), step.residual().get(0, 0)})).run();
        assertEquals(r.steps() + 1, iterates.size());
        double x = 3, y = 0.1;
        for (int k = 0; k < iterates.size(); k++) {
            double[] it = iterates.get(k);
            assertEquals(x, it[0], 0.0, "x at step " + k);
            assertEquals(y, it[1], 0.0, "y at step " + k);
            assertEquals(mu - x * y, it[3], 1e-15, "residual at step " + k);
            double rk = mu - x * y;                  // the update rule, written out
            double nx = x + h * (rk * y), ny = y + h * (rk * x);   // both from the old iterate
            x = nx;
            y = ny;
        }
        assertEquals(r.end().x().get(0, 0), iterates.get(iterates.size() - 1)[0], 0.0);
    }

    static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
