package org.largelr.core;

import org.largelr.api.FactorizationProblem;
import org.largelr.api.Factors;
import org.largelr.api.Problem;

import java.util.Random;

/**
 * Top eigenvalue of a problem's Hessian from Hessian-vector products only (Lanczos with full
 * re-orthogonalisation: the Krylov spaces we need are small, and without it ghost copies of the
 * top eigenvalue appear).
 *
 * <p>Cost and accuracy. At most {@link #MAX_ITERATIONS} products (fewer when the dimension is smaller); it stops
 * early once the top Ritz value repeats to {@link #RELATIVE_TOLERANCE} (relative) on two successive iterations, or
 * when the Krylov space becomes invariant (its Ritz values are then exact eigenvalues). The value returned is a
 * Rayleigh quotient of the Hessian, so it never exceeds the true top eigenvalue; the tests check it against a dense
 * EJML eigen-decomposition to {@code 1e-10} relative (shapes up to 440 unknowns, one of them stopping early).
 * A factorization problem's products cost {@code 4 n m d} flops each ({@link FactorizationHessian}), so L at
 * n = m = 500, d = 10 (47 products on bench/run's gd case) took 80-100 ms warm on one core (2026-12-02, loaded
 * machine), as long as 60-odd one-thread GD steps; {@code GradientDescent} computes it beside the steps of a large run.
 */
public final class Lanczos {
    /** Fixed start-vector seed: sharpness must be a deterministic function of the point. */
    private static final long START_SEED = 0x5EEDL;
    static final int MAX_ITERATIONS = 120;
    static final double RELATIVE_TOLERANCE = 1e-13;

    private Lanczos() {}

    /** A symmetric linear map of R^p, applied into a caller-owned array. */
    public interface Operator {
        /** p. */
        int dimension();

        /** {@code out = H v}; {@code out} is not {@code v}. */
        void apply(double[] v, double[] out);
    }

    /** The top eigenvalue estimate and the number of operator products it took. */
    public record Estimate(double value, int products) {}

    /** The largest eigenvalue of the problem's Hessian at {@code at}. */
    public static double largestEigenvalue(Problem problem, Factors at) {
        return estimate(hessianOf(problem, at)).value();
    }

    /** The problem's Hessian at {@code at} as an operator: the fast one for a factorization problem. */
    public static Operator hessianOf(Problem problem, Factors at) {
        int n = problem.rows(), m = problem.cols(), d = problem.d();
        if (problem instanceof FactorizationProblem fp)
            return new FactorizationHessian(fp.targetView().data, n, m, d, at.x().data, at.y().data);
        int p = problem.dimension();
        return new Operator() {
            @Override public int dimension() { return p; }

            @Override public void apply(double[] v, double[] out) {
                System.arraycopy(problem.hessianVector(at, Factors.fromVector(v, n, m, d)).toVector(), 0, out, 0, p);
            }
        };
    }

    /** Lanczos on {@code op} from the fixed start vector; see the class comment for when it stops. */
    public static Estimate estimate(Operator op) {
        int p = op.dimension();
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
            double[] w = new double[p];
            op.apply(q[k], w);
            alpha[k] = dot(w, q[k]);
            // Full re-orthogonalisation, done twice ("twice is enough", Kahan–Parlett).
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j <= k; j++) axpy(-dot(w, q[j]), q[j], w);
            double b = norm(w);
            k++;
            if (!Double.isFinite(alpha[k - 1]) || !Double.isFinite(b)) return new Estimate(Double.NaN, k);
            if (k == maxK) break;
            double current = topOfTridiagonal(alpha, beta, k);
            double scaleRef = Math.max(Math.abs(current), 1e-300);
            if (Math.abs(current - previous) <= RELATIVE_TOLERANCE * scaleRef) {
                if (++stableChecks >= 2) return new Estimate(current, k);
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
        return new Estimate(topOfTridiagonal(alpha, beta, k), k);
    }

    /**
     * Largest eigenvalue of the k x k symmetric tridiagonal matrix (alpha on the diagonal, beta beside it), by
     * bisection on Sturm counts inside the Gershgorin interval: O(k) per count, to the last bits, where a dense
     * eigen-decomposition at every Lanczos iteration would cost O(k^3).
     */
    static double topOfTridiagonal(double[] alpha, double[] beta, int k) {
        if (k == 1) return alpha[0];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double radius = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i + 1 < k ? Math.abs(beta[i]) : 0);
            lo = Math.min(lo, alpha[i] - radius);
            hi = Math.max(hi, alpha[i] + radius);
        }
        // Invariant: fewer than k eigenvalues lie below lo; all k lie below or at hi.
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) return hi;
            if (countBelow(alpha, beta, k, mid) == k) hi = mid;
            else lo = mid;
        }
    }

    /** How many eigenvalues of the tridiagonal matrix are below x (Sturm sequence of the LDL^T pivots). */
    private static int countBelow(double[] alpha, double[] beta, int k, double x) {
        int count = 0;
        double q = alpha[0] - x;
        for (int i = 0; ; i++) {
            if (q < 0) count++;
            if (i + 1 == k) return count;
            if (q == 0) q = Math.ulp(1.0) * (Math.abs(beta[i]) + Math.abs(x) + Double.MIN_NORMAL);
            q = (alpha[i + 1] - x) - beta[i] * beta[i] / q;
        }
    }

    private static double dot(double[] a, double[] b) {
        return ReferenceOps.dot4(a, b, a.length);   // four partial sums: not latency-bound
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) a[i] *= c;
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.fma(c, x[i], y[i]);
    }
}
