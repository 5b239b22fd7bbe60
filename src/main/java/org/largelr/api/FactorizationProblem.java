package org.largelr.api;

import org.largelr.core.Lanczos;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.largelr.matrix.MatrixChecks;

/** {@code 1/2 ||A - X Y^T||_F^2} for any n, m, d. */
public final class FactorizationProblem implements Problem {
    private final DMatrixRMaj a;
    private final int d;
    private volatile double minimumLoss = -1;

    FactorizationProblem(DMatrixRMaj a, int d) {
        MatrixChecks.requireFinite("A", a);
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        this.a = a.copy();
        this.d = d;
    }

    @Override public int rows() { return a.numRows; }
    @Override public int cols() { return a.numCols; }
    @Override public int d() { return d; }
    @Override public DMatrixRMaj target() { return a.copy(); }

    /** A without copying, for engines that promise not to write to it. */
    public DMatrixRMaj targetView() {
        return a;
    }

    /** {@code R = A - X Y^T}. */
    public DMatrixRMaj residual(Factors at) {
        requireShape(at);
        DMatrixRMaj r = a.copy();
        CommonOps_DDRM.multAddTransB(-1.0, at.x(), at.y(), r);
        return r;
    }

    @Override
    public double loss(Factors at) {
        return 0.5 * Factors.sumSquares(residual(at));
    }

    @Override
    public double minimumLoss() {
        if (minimumLoss < 0) {
            double[] sv = SingularOps_DDRM.singularValues(a);
            java.util.Arrays.sort(sv);   // ascending: the tail below the top d is what X Y^T cannot reach
            double tail = 0;
            for (int i = 0; i < sv.length - d; i++) tail += sv[i] * sv[i];
            minimumLoss = 0.5 * tail;
        }
        return minimumLoss;
    }

    @Override
    public Factors gradient(Factors at) {
        DMatrixRMaj r = residual(at);
        DMatrixRMaj gx = new DMatrixRMaj(rows(), d);
        DMatrixRMaj gy = new DMatrixRMaj(cols(), d);
        CommonOps_DDRM.mult(-1.0, r, at.y(), gx);          // -R Y
        CommonOps_DDRM.multTransA(-1.0, r, at.x(), gy);    // -R^T X
        return new Factors(gx, gy);
    }

    /**
     * {@code H[U,V] = ((U Y^T + X V^T) Y - R V, (U Y^T + X V^T)^T X - R^T U)}: differentiate
     * {@code -R Y} and {@code -R^T X} along (U, V), using {@code dR = -(U Y^T + X V^T)}.
     */
    @Override
    public Factors hessianVector(Factors at, Factors dir) {
        requireShape(at);
        requireShape(dir);
        DMatrixRMaj r = residual(at);
        DMatrixRMaj s = new DMatrixRMaj(rows(), cols());
        CommonOps_DDRM.multTransB(dir.x(), at.y(), s);
        CommonOps_DDRM.multAddTransB(at.x(), dir.y(), s);
        DMatrixRMaj hu = new DMatrixRMaj(rows(), d);
        DMatrixRMaj hv = new DMatrixRMaj(cols(), d);
        CommonOps_DDRM.mult(s, at.y(), hu);
        CommonOps_DDRM.multAdd(-1.0, r, dir.y(), hu);
        CommonOps_DDRM.multTransA(s, at.x(), hv);
        CommonOps_DDRM.multAddTransA(-1.0, r, dir.x(), hv);
        return new Factors(hu, hv);
    }

    @Override
    public double sharpness(Factors at) {
        requireShape(at);
        return Lanczos.largestEigenvalue(this, at);
    }

    @Override
    public String toString() {
        return "FactorizationProblem[n=" + rows() + ", m=" + cols() + ", d=" + d + "]";
    }
}
