package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

/** The trace against independent computations: a dense eigen-decomposition and a brute-force search for k*. */
class SharpnessTraceTest {
    private static double denseTop(Problem p, Factors at) {
        DMatrixRMaj h = p.denseHessian(at);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(h.numRows, false, true);
        assertTrue(eig.decompose(h));
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < h.numRows; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
        return top;
    }

    /** The definition of k*, searched the slow way. */
    private static long bruteKStar(double[] loss, double[] sharp, double bound) {
        outer:
        for (int k = 0; k < loss.length; k++) {
            for (int j = k; j < loss.length; j++) {
                if (!(sharp[j] < bound)) continue outer;
                if (j + 1 < loss.length && !(loss[j + 1] < loss[j])) continue outer;
            }
            return k;
        }
        return -1;
    }

    @Test
    void recordsTheEngineStepsWithTheirSharpness() {
        Problem p = Problem.scalar(1, 3);
        Start s = Start.withNorms(4, 0.5).seed(2);
        for (double m : new double[] {0.5, 1.3, 1.8}) {
            double h = m * Theory.of(p, s).classicalLimit();
            SharpnessTrace trace = SharpnessTrace.of(p);
            List<Factors> at = new ArrayList<>();
            GdResult r = GradientDescent.on(p).from(s).h(h).maxSteps(5000).observe(trace).observe(st -> at.add(st.factors())).run();
            assertTrue(r.converged(), "m = " + m);
            assertArrayEquals(r.column("loss"), trace.losses(), 0, "same steps, same losses");
            assertEquals(r.steps() + 1, trace.size());
            double[] sharp = trace.sharpness();
            for (int k = 0; k < sharp.length; k += 7)
                assertEquals(denseTop(p, at.get(k)), sharp[k], 1e-8 * Math.max(1, Math.abs(sharp[k])), "step " + k);
            double[] loss = trace.losses();
            int ups = 0;
            for (int k = 1; k < loss.length; k++) if (loss[k] > loss[k - 1]) ups++;
            assertEquals(ups, trace.lossIncreases());
            double edge = 2 / h;
            assertEquals(bruteKStar(loss, sharp, edge), trace.stableFrom(edge), "k* at m = " + m);
            if (m > 1) assertTrue(trace.stableFrom(edge) > 0, "beyond 2/L the start is too sharp: k* > 0");
        }
    }

    @Test
    void noSecondPhaseBelowTheLimitsSharpnessOrAfterDivergence() {
        Problem p = Problem.scalar(1);
        SharpnessTrace ok = SharpnessTrace.of(p);
        GradientDescent.on(p).from(Start.scalar(3, 0.1)).h(0.3).maxSteps(1000).observe(ok).run();
        assertEquals(-1, ok.stableFrom(0.5 * ok.lastSharpness()), "a bound below the limit's sharpness has no k*");
        assertTrue(ok.stableFrom(2 / 0.3) > 0);
        SharpnessTrace diverged = SharpnessTrace.of(p);
        GdResult r = GradientDescent.on(p).from(Start.scalar(3, 0.1)).h(0.5).maxSteps(1000).observe(diverged).run();
        assertTrue(r.diverged());
        assertEquals(-1, diverged.stableFrom(2 / 0.5));
        assertThrows(IllegalArgumentException.class, () -> ok.stableFrom(0));
        assertThrows(IllegalStateException.class, () -> SharpnessTrace.of(p).lastSharpness());
    }
}
