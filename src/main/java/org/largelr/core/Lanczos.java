package org.largelr.core;

import org.largelr.api.FactorizationProblem;
import org.largelr.api.Factors;
import org.largelr.api.Problem;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Top eigenvalue of a problem's Hessian from Hessian-vector products only (Lanczos with full
 * re-orthogonalisation: the Krylov spaces we need are small, and without it ghost copies of the
 * top eigenvalue appear).
 */
public final class Lanczos {
    /** Fixed start-vector seed: sharpness must be a deterministic function of the point. */
    private static final long START_SEED = 0x5EEDL;
    private static final int MAX_ITERATIONS = 120;
    private static final double RELATIVE_TOLERANCE = 1e-13;

    private Lanczos() {}

    /** The largest eigenvalue of the problem's Hessian at {@code at}. */
    public static double largestEigenvalue(Problem problem, Factors at) {
        int n = problem.rows(), m = problem.cols(), d = problem.d();
        int p = problem.dimension();
        int maxK = Math.min(p, MAX_ITERATIONS);
        double[][] q = new double[maxK + 1][];
        double[] alpha = new double[maxK];
        double[] beta = new double[maxK];

        Random random = new Random(START_SEED);
        double[] v = new double[p];
        for (int i = 0; i < p; i++) v[i] = random.nextGaussian();
        scale(v, 1.0 / norm(v));
        q[0] = v;

        double previous = Double.NaN;
        int stableChecks = 0;
        int k = 0;
        while (k < maxK) {
            double[] w = problem.hessianVector(at, Factors.fromVector(q[k], n, m, d)).toVector();
            alpha[k] = dot(w, q[k]);
            // Full re-orthogonalisation, done twice ("twice is enough", Kahan–Parlett).
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j <= k; j++) axpy(-dot(w, q[j]), q[j], w);
            double b = norm(w);
            k++;
            if (k == maxK) break;
            double current = topOfTridiagonal(alpha, beta, k);
            double scaleRef = Math.max(Math.abs(current), 1e-300);
            if (Math.abs(current - previous) <= RELATIVE_TOLERANCE * scaleRef) {
                if (++stableChecks >= 2) return current;
            } else {
                stableChecks = 0;
            }
            previous = current;
            // An invariant subspace was found: its Ritz values are exact eigenvalues.
            if (b <= 1e-12 * Math.max(Math.abs(alpha[k - 1]), 1.0) * Math.sqrt(p)) break;
            beta[k - 1] = b;
            scale(w, 1.0 / b);
            q[k] = w;
        }
        return topOfTridiagonal(alpha, beta, k);
    }

    /** Largest eigenvalue of the k x k symmetric tridiagonal matrix (alpha on the diagonal, beta beside it). */
    static double topOfTridiagonal(double[] alpha, double[] beta, int k) {
        if (k == 1) return alpha[0];
        DMatrixRMaj t = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            t.unsafe_set(i, i, alpha[i]);
            if (i + 1 < k) {
                t.unsafe_set(i, i + 1, beta[i]);
                t.unsafe_set(i + 1, i, beta[i]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, false, true);
        if (!eig.decompose(t)) throw new IllegalStateException("eigen-decomposition of the Lanczos matrix failed");
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
        return top;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) a[i] *= c;
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += c * x[i];
    }
}
