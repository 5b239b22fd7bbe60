package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

/** X+^T X+ - Y+^T Y+ = X^T X - Y^T Y + h^2 (Y^T R^T R Y - X^T R R^T X), replayed against the GD engine. */
class MatrixImbalanceIdentityTest {
    // A non-square target, so that a transposition slip (R vs R^T, X vs Y) cannot cancel out.
    private final Problem problem = Problem.factorization(Matrices.gaussian(6, 5).seed(3).build(), 3);
    private final Start start = Start.gaussian(0.5).seed(1).unbalanced(3);
    private final double h = 1.5 * Theory.of(problem, start).classicalLimit();

    @Test
    void replayFollowsGradientDescentStepForStep() {
        GdResult run = GradientDescent.on(problem).from(start).h(h).maxSteps(300).noTolerance().run();
        double[] imbalance = run.column(GdResult.IMBALANCE);
        for (int k : new int[] {1, 7, 60, 300}) {
            MatrixImbalanceIdentity.Report rep = MatrixImbalanceIdentity.replay(problem, start.create(problem), h, k);
            double trace = CommonOps_DDRM.trace(MatrixImbalanceIdentity.imbalance(rep.end()));
            assertEquals(imbalance[k], trace, 1e-12 * Math.max(1, Math.abs(imbalance[k])), "step " + k);
        }
        Factors mine = MatrixImbalanceIdentity.of(run).end(), engine = run.end();
        assertArrayEquals(engine.x().data, mine.x().data, 1e-12);
        assertArrayEquals(engine.y().data, mine.y().data, 1e-12);
    }

    @Test
    void identityHoldsToRoundOffThroughTheLargeStepTransient() {
        GdResult run = GradientDescent.on(problem).from(start).h(h).maxSteps(400).noTolerance().run();
        MatrixImbalanceIdentity.Report rep = MatrixImbalanceIdentity.of(run);
        assertEquals(400, rep.steps());
        assertTrue(rep.maxRelativeError() <= 1e-13, "max relative error " + rep.maxRelativeError());
        // ...and the large step really moved the imbalance: the h^2 term is not negligible here.
        assertTrue(Math.abs(run.finalImbalance()) < 0.5 * Math.abs(run.initialImbalance()), run.toString());
    }

    @Test
    void theSecondOrderTermIsNeededAndItsSizeIsRight() {
        Factors f = start.create(problem);
        DMatrixRMaj a = problem.target();
        DMatrixRMaj next = MatrixImbalanceIdentity.imbalance(MatrixImbalanceIdentity.replay(problem, f, h, 1).end());
        DMatrixRMaj predicted = MatrixImbalanceIdentity.predictedNext(a, f, h);
        DMatrixRMaj firstOrderOnly = MatrixImbalanceIdentity.imbalance(f);
        DMatrixRMaj wrongStep = MatrixImbalanceIdentity.predictedNext(a, f, 1.1 * h);
        double scale = NormOps_DDRM.normF(next);
        assertTrue(distance(next, predicted) <= 1e-13 * scale);
        assertTrue(distance(next, firstOrderOnly) > 1e-3 * scale, "D+ = D would be a trivial identity");
        assertTrue(distance(next, wrongStep) > 1e-4 * scale, "the h^2 coefficient must be h^2");
    }

    @Test
    void scalarCaseReducesToTheDigestsFactor() {
        // n = m = d = 1: D+ = (1 - h^2 r^2) D with r = x y - mu (digest, section A).
        Problem p = Problem.scalar(1, 1);
        Factors f = Factors.scalar(3, 0.1);
        double hs = 0.3, r = 3 * 0.1 - 1, d = 9 - 0.01;
        DMatrixRMaj pred = MatrixImbalanceIdentity.predictedNext(p.target(), f, hs);
        assertEquals((1 - hs * hs * r * r) * d, pred.get(0, 0), 1e-14);
        Factors after = MatrixImbalanceIdentity.replay(p, f, hs, 1).end();
        assertEquals((1 - hs * hs * r * r) * d, after.imbalance(), 1e-13);
    }

    @Test
    void aDivergingRunIsCheckedUpToItsLastFiniteStep() {
        double big = 4 * Theory.of(problem, start).classicalLimit();
        MatrixImbalanceIdentity.Report rep = MatrixImbalanceIdentity.replay(problem, start.create(problem), big, 10_000);
        assertTrue(rep.steps() < 10_000, "the run should overflow");
        assertNull(rep.end());
        assertTrue(rep.maxRelativeError() <= 1e-12, "finite steps still obey the identity: " + rep.maxRelativeError());
    }

    @Test
    void rejectsTheScalarFastPathAndBadSteps() {
        assertThrows(IllegalArgumentException.class,
                () -> MatrixImbalanceIdentity.replay(Problem.scalar(1), Factors.scalar(1, 1), 0.1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixImbalanceIdentity.replay(problem, start.create(problem), -1, 1));
    }

    private static double distance(DMatrixRMaj p, DMatrixRMaj q) {
        DMatrixRMaj d = p.copy();
        CommonOps_DDRM.subtractEquals(d, q);
        return NormOps_DDRM.normF(d);
    }
}
