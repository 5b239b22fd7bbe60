package org.largelr.api;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.largelr.core.ScaledMetrics;
import org.largelr.matrix.MatrixChecks;

/**
 * A point {@code (X, Y)} of the factorization, X of size n x d and Y of size m x d.
 * The matrices are the caller's; methods here never modify them.
 */
public record Factors(DMatrixRMaj x, DMatrixRMaj y) {
    /** Checks that X and Y are finite and share their number of columns d. */
    public Factors {
        MatrixChecks.requireFinite("X", x);
        MatrixChecks.requireFinite("Y", y);
        if (x.numCols != y.numCols)
            throw new IllegalArgumentException("X and Y must have the same number of columns d, got X "
                    + x.numRows + "x" + x.numCols + " and Y " + y.numRows + "x" + y.numCols);
    }

    /** Scalar point {@code (x, y)} as 1x1 matrices. */
    public static Factors scalar(double x, double y) {
        return new Factors(new DMatrixRMaj(1, 1, true, x), new DMatrixRMaj(1, 1, true, y));
    }

    /** d: the number of columns of X and Y. */
    public int d() {
        return x.numCols;
    }

    /** {@code ||X||_F^2}. */
    public double xNorm2() {
        return sumSquares(x);
    }

    /** {@code ||Y||_F^2}. */
    public double yNorm2() {
        return sumSquares(y);
    }

    /** {@code ||X||_F^2 - ||Y||_F^2}, conserved by gradient flow. */
    public double imbalance() {
        // Where both norms overflow (inf - inf), the same difference on the factors scaled into range.
        double d = xNorm2() - yNorm2();
        return Double.isNaN(d) ? ScaledMetrics.imbalance(d, entries(x), entries(y)) : d;
    }

    private static double[] entries(DMatrixRMaj m) {
        return java.util.Arrays.copyOf(m.data, m.getNumElements());
    }

    /** {@code ||X^T X - Y^T Y||_F}: zero exactly when the factors are balanced. */
    public double balanceGap() {
        DMatrixRMaj xtx = new DMatrixRMaj(d(), d());
        DMatrixRMaj yty = new DMatrixRMaj(d(), d());
        CommonOps_DDRM.multInner(x, xtx);
        CommonOps_DDRM.multInner(y, yty);
        CommonOps_DDRM.subtractEquals(xtx, yty);
        // Far out the Gram matrices overflow (inf - inf, which normF would read as 0): the same on the factors
        // scaled into range.
        if (MatrixFeatures_DDRM.hasUncountable(xtx)) return ScaledMetrics.balanceGap(Double.NaN, entries(x), entries(y), d());
        return NormOps_DDRM.normF(xtx);
    }

    /** {@code X Y^T}. */
    public DMatrixRMaj product() {
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, y.numRows);
        CommonOps_DDRM.multTransB(x, y, out);
        return out;
    }

    /** A deep copy. */
    public Factors copy() {
        return new Factors(x.copy(), y.copy());
    }

    /** Flattened {@code (vec X, vec Y)} in row-major order; the layout Hessian matrices use. */
    public double[] toVector() {
        double[] v = new double[x.data.length + y.data.length];
        System.arraycopy(x.data, 0, v, 0, x.getNumElements());
        System.arraycopy(y.data, 0, v, x.getNumElements(), y.getNumElements());
        return v;
    }

    /** Inverse of {@link #toVector()} for the given shapes. */
    public static Factors fromVector(double[] v, int n, int m, int d) {
        if (v.length != (n + m) * d)
            throw new IllegalArgumentException("vector length must be (n+m)*d = " + (n + m) * d + ", got " + v.length);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        DMatrixRMaj y = new DMatrixRMaj(m, d);
        System.arraycopy(v, 0, x.data, 0, n * d);
        System.arraycopy(v, n * d, y.data, 0, m * d);
        return new Factors(x, y);
    }

    static double sumSquares(DMatrixRMaj m) {
        double s = 0;
        int len = m.getNumElements();
        for (int k = 0; k < len; k++) s += m.data[k] * m.data[k];
        return s;
    }
}
