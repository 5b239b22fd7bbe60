package org.largelr.paper;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.largelr.api.Factors;

/**
 * Closed forms at the minima of {@code 1/2 ||A - X Y^T||_F^2} (all derived here, see docs/paper.md section 2):
 *
 * <ul>
 *   <li>At an exact fit ({@code X Y^T = A}) the Hessian is {@code J^T J} with {@code J(U,V) = U Y^T + X V^T}; its
 *       non-zero eigenvalues are those of {@code M -> X X^T M + M Y Y^T}, i.e. {@code lambda_i(X X^T) +
 *       lambda_j(Y Y^T)}. So the sharpness is {@link #spectralSum ||X||_2^2 + ||Y||_2^2}.</li>
 *   <li>Since {@code sigma_1(A) <= ||X||_2 ||Y||_2}, that is at least {@code 2 sigma_1(A)}, with equality at the
 *       balanced minimum {@code X = U Sigma^{1/2}, Y = V Sigma^{1/2}} ({@link #balancedMinimum}).</li>
 *   <li>{@link #gramTop lambda_max(X^T X + Y^T Y)} is at most {@code ||X||_2^2 + ||Y||_2^2}, hence at most the
 *       sharpness, hence at most {@code 2/h} at a limit of GD with step h.</li>
 * </ul>
 */
public final class MatrixMinima {
    private MatrixMinima() {}

    /** {@code lambda_max(X^T X + Y^T Y)}, the largest eigenvalue of the d x d sum of Gram matrices. */
    public static double gramTop(Factors f) {
        requireFactors(f);
        int d = f.d();
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(f.x(), g);
        DMatrixRMaj gy = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(f.y(), gy);
        CommonOps_DDRM.addEquals(g, gy);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(g)) throw new IllegalStateException("eigen-decomposition of X^T X + Y^T Y failed");
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
        return top;
    }

    /** {@code ||X||_2^2 + ||Y||_2^2} (spectral norms): the sharpness at an exact-fit minimum. */
    public static double spectralSum(Factors f) {
        requireFactors(f);
        return square(topSingularValue(f.x())) + square(topSingularValue(f.y()));
    }

    /** {@code sigma_1(M)}. */
    public static double topSingularValue(DMatrixRMaj m) {
        double top = 0;
        for (double s : SingularOps_DDRM.singularValues(m)) top = Math.max(top, s);
        return top;
    }

    /** Number of singular values above {@code 1e-10 sigma_1 max(n, m)}: "d >= rank A" means an exact fit exists. */
    public static int numericalRank(DMatrixRMaj a) {
        if (a == null) throw new IllegalArgumentException("A must not be null");
        double[] sv = SingularOps_DDRM.singularValues(a);
        double top = Arrays.stream(sv).max().orElse(0);
        double cut = 1e-10 * top * Math.max(a.numRows, a.numCols);
        int r = 0;
        for (double s : sv) if (s > cut) r++;
        return r;
    }

    /**
     * The balanced global minimum for inner dimension d: {@code X = U_d Sigma_d^{1/2}}, {@code Y = V_d
     * Sigma_d^{1/2}} from the top d singular triplets of A (Eckart–Young). Its sharpness is {@code 2 sigma_1} when
     * d >= rank A: the flattest global minimum.
     */
    public static Factors balancedMinimum(DMatrixRMaj a, int d) {
        if (a == null) throw new IllegalArgumentException("A must not be null");
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        int n = a.numRows, m = a.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, m, true, true, true);
        if (!svd.decompose(a.copy())) throw new IllegalStateException("SVD of A failed");
        DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        int k = Math.min(n, m);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(s[j], s[i]));
        DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(m, d);
        for (int c = 0; c < Math.min(d, k); c++) {
            int j = order[c];
            double root = Math.sqrt(s[j]);
            for (int i = 0; i < n; i++) x.unsafe_set(i, c, u.unsafe_get(i, j) * root);
            for (int i = 0; i < m; i++) y.unsafe_set(i, c, v.unsafe_get(i, j) * root);
        }
        return new Factors(x, y);
    }

    private static double square(double v) {
        return v * v;
    }

    private static void requireFactors(Factors f) {
        if (f == null) throw new IllegalArgumentException("factors must not be null (a diverged run has no limit)");
    }
}
