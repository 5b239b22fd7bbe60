package org.largelr.mechanism;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.decomposition.svd.SvdImplicitQrDecompose_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;

import org.largelr.api.Factors;

/**
 * The singular directions {@code (sigma_i, u_i, v_i)} of a target A (EJML's SVD, largest first), and how a point
 * {@code (X, Y)} spreads over them: {@code a_i = ||X^T u_i||}, {@code b_i = ||Y^T v_i||}, the per-direction imbalance
 * {@code a_i^2 - b_i^2}, and the distance of {@code X Y^T} to the best rank-d fit.
 */
public final class SingularDirections {
    private final DMatrixRMaj u, v;   // columns: u_i, v_i, in the order of sigma
    private final double[] sigma;

    private SingularDirections(DMatrixRMaj a) {
        SvdImplicitQrDecompose_DDRM svd = new SvdImplicitQrDecompose_DDRM(false, true, true, false);
        if (!svd.decompose(a.copy())) throw new IllegalStateException("EJML's SVD did not converge on A");
        DMatrixRMaj uu = svd.getU(null, false), w = svd.getW(null), vv = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(uu, false, w, vv, false);
        int k = Math.min(a.numRows, a.numCols);
        sigma = new double[k];
        for (int i = 0; i < k; i++) sigma[i] = w.get(i, i);
        u = CommonOps_DDRM.extract(uu, 0, a.numRows, 0, k);
        v = CommonOps_DDRM.extract(vv, 0, a.numCols, 0, k);
    }

    /** The singular directions of A (copied; A must be finite and non-empty). */
    public static SingularDirections of(DMatrixRMaj a) {
        if (a == null || a.getNumElements() == 0) throw new IllegalArgumentException("A must be a non-empty matrix");
        for (double x : a.data)
            if (!Double.isFinite(x)) throw new IllegalArgumentException("A must be finite");
        return new SingularDirections(a);
    }

    /** How many directions: {@code min(n, m)}. */
    public int count() { return sigma.length; }

    /** {@code sigma_i}, i from 0 (the largest). */
    public double sigma(int i) { return sigma[check(i)]; }

    /** {@code u_i} as an n x 1 column (a copy), i from 0. */
    public DMatrixRMaj u(int i) { return CommonOps_DDRM.extractColumn(u, check(i), null); }

    /** {@code v_i} as an m x 1 column (a copy), i from 0. */
    public DMatrixRMaj v(int i) { return CommonOps_DDRM.extractColumn(v, check(i), null); }

    /** All singular values, largest first (a copy). */
    public double[] sigmas() { return sigma.clone(); }

    /** {@code sum_{i < d} sigma_i u_i v_i^T}: the best rank-d approximation (Eckart-Young). */
    public DMatrixRMaj truncated(int d) {
        if (d < 1 || d > sigma.length) throw new IllegalArgumentException("d must be in [1, " + sigma.length + "], got " + d);
        DMatrixRMaj out = new DMatrixRMaj(u.numRows, v.numRows);
        for (int i = 0; i < d; i++)
            for (int r = 0; r < u.numRows; r++)
                for (int c = 0; c < v.numRows; c++) out.add(r, c, sigma[i] * u.get(r, i) * v.get(c, i));
        return out;
    }

    /** {@code ||X Y^T - sum_{i < d} sigma_i u_i v_i^T||_F}, d the point's number of columns. */
    public double distanceToBestFit(Factors at) {
        requireShape(at);
        DMatrixRMaj diff = at.product();
        CommonOps_DDRM.subtractEquals(diff, truncated(Math.min(at.d(), sigma.length)));
        return NormOps_DDRM.normF(diff);
    }

    /** {@code a_i = ||X^T u_i||} for every direction. */
    public double[] xWeights(Factors at) {
        requireShape(at);
        return weights(at.x(), u);
    }

    /** {@code b_i = ||Y^T v_i||} for every direction. */
    public double[] yWeights(Factors at) {
        requireShape(at);
        return weights(at.y(), v);
    }

    /** {@code a_i^2 - b_i^2}: the imbalance of the point along direction i. */
    public double[] imbalances(Factors at) {
        double[] a = xWeights(at), b = yWeights(at), out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * a[i] - b[i] * b[i];
        return out;
    }

    /** The eigenvalues of {@code X^T X - Y^T Y} (symmetric, d x d), largest first. */
    public static double[] imbalanceSpectrum(Factors at) {
        if (at == null) throw new IllegalArgumentException("point must not be null");
        int d = at.d();
        DMatrixRMaj m = new DMatrixRMaj(d, d), yy = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(at.x(), at.x(), m);
        CommonOps_DDRM.multTransA(at.y(), at.y(), yy);
        CommonOps_DDRM.subtractEquals(m, yy);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(m)) throw new IllegalStateException("EJML's symmetric eigen-decomposition did not converge");
        double[] ev = new double[d];
        for (int i = 0; i < d; i++) ev[i] = eig.getEigenvalue(i).getReal();
        Arrays.sort(ev);
        for (int i = 0; i < d / 2; i++) { double t = ev[i]; ev[i] = ev[d - 1 - i]; ev[d - 1 - i] = t; }
        return ev;
    }

    private static double[] weights(DMatrixRMaj f, DMatrixRMaj basis) {
        double[] out = new double[basis.numCols];
        for (int i = 0; i < basis.numCols; i++) {
            double s = 0;
            for (int c = 0; c < f.numCols; c++) {
                double dot = 0;
                for (int r = 0; r < f.numRows; r++) dot += f.get(r, c) * basis.get(r, i);
                s += dot * dot;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    private void requireShape(Factors at) {
        if (at == null) throw new IllegalArgumentException("point must not be null");
        if (at.x().numRows != u.numRows || at.y().numRows != v.numRows)
            throw new IllegalArgumentException("point is " + at.x().numRows + "x" + at.d() + " / " + at.y().numRows + "x"
                    + at.d() + ", A is " + u.numRows + "x" + v.numRows);
    }

    private int check(int i) {
        if (i < 0 || i >= sigma.length) throw new IllegalArgumentException("i must be in [0, " + sigma.length + "), got " + i);
        return i;
    }
}
