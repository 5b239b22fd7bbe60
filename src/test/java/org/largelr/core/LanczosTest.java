package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.largelr.api.Factors;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;

/**
 * L by Lanczos: the fast Hessian operator equals the problem's own Hessian-vector product; the estimate agrees with
 * a dense EJML eigen-decomposition to 1e-10 relative, never exceeds it, and takes at most MAX_ITERATIONS products.
 */
class LanczosTest {

    static double denseTop(DMatrixRMaj h) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(h.numRows, false, true);
        assertTrue(eig.decompose(h.copy()));
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < h.numRows; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
        return top;
    }

    /** Points near the start, mid-way and far out, on shapes from tiny to 440 unknowns. */
    static final int[][] SHAPES = {{1, 1, 1}, {3, 2, 1}, {6, 5, 2}, {9, 13, 3}, {20, 15, 5}, {60, 50, 4}};

    @Test
    void operatorIsTheProblemsHessianVectorProduct() {
        Random rnd = new Random(3);
        for (int[] s : SHAPES) {
            int n = s[0], m = s[1], d = s[2];
            Problem p = Problem.factorization(Matrices.gaussian(n, m).seed(s[0] * 31L + s[1]).build(), d);
            Factors at = Start.gaussian(0.7).seed(4).create(p);
            Lanczos.Operator op = Lanczos.hessianOf(p, at);
            assertEquals(p.dimension(), op.dimension());
            double[] v = new double[op.dimension()], out = new double[v.length];
            for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
            op.apply(v, out);
            double[] expected = p.hessianVector(at, Factors.fromVector(v, n, m, d)).toVector();
            double scale = 0;
            for (double e : expected) scale = Math.max(scale, Math.abs(e));
            assertArrayEquals(expected, out, 1e-12 * (1 + scale), "H v, shape " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void estimateAgreesWithTheDenseEigenDecomposition() {
        boolean stoppedEarly = false;
        for (int[] s : SHAPES)
            for (double startScale : new double[] {0.05, 1, 3}) {
                int n = s[0], m = s[1], d = s[2];
                Problem p = Problem.factorization(Matrices.gaussian(n, m).scale(1 / Math.sqrt(n)).seed(7).build(), d);
                Factors at = Start.gaussian(startScale).seed(2).create(p);
                double dense = denseTop(p.denseHessian(at));
                Lanczos.Estimate e = Lanczos.estimate(Lanczos.hessianOf(p, at));
                String where = java.util.Arrays.toString(s) + " start scale " + startScale;
                assertEquals(dense, e.value(), 1e-10 * Math.max(1, Math.abs(dense)), where);
                assertTrue(e.value() <= dense + 1e-12 * Math.max(1, Math.abs(dense)), "a Rayleigh quotient, " + where);
                assertTrue(e.products() <= Math.min(p.dimension(), Lanczos.MAX_ITERATIONS), "products " + e.products());
                if (e.products() < Math.min(p.dimension(), Lanczos.MAX_ITERATIONS)) stoppedEarly = true;
                assertEquals(e.value(), p.sharpness(at), 0.0, "sharpness is this estimate, " + where);
            }
        assertTrue(stoppedEarly, "the stop rule ended at least one run before the bound");
    }

    @Test
    void tridiagonalTopByBisectionMatchesADenseSolve() {
        Random rnd = new Random(9);
        for (int k = 1; k <= 40; k += 3) {
            double[] alpha = new double[k], beta = new double[k];
            for (int i = 0; i < k; i++) {
                alpha[i] = 10 * rnd.nextGaussian();
                beta[i] = i % 7 == 3 ? 0 : rnd.nextGaussian();   // some zero couplings: a split matrix
            }
            DMatrixRMaj t = new DMatrixRMaj(k, k);
            for (int i = 0; i < k; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < k) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            double dense = denseTop(t);
            assertEquals(dense, Lanczos.topOfTridiagonal(alpha, beta, k), 1e-13 * Math.max(1, Math.abs(dense)), "k = " + k);
        }
    }
}
