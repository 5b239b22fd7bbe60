package org.largelr.core;

/**
 * The Hessian of {@code 1/2 ||A - X Y^T||_F^2} at one point, as an operator for {@link Lanczos}. With
 * {@code R = A - X Y^T} and a direction (U, V):
 * {@code H[U,V] = (U (Y^T Y) + X (V^T Y) - R V,  Y (U^T X) + V (X^T X) - R^T U)},
 * which is {@code ((U Y^T + X V^T) Y - R V, (U Y^T + X V^T)^T X - R^T U)} with the n x m product
 * {@code U Y^T + X V^T} never formed. R and R^T are computed once per point (the only n x m work per product is
 * {@code R V} and {@code R^T U}, 4 n m d flops, as axpys along rows the JIT vectorizes); the d x d Grams too.
 * Vectors are laid out as {@code Factors.toVector()}: X row-major (n x d), then Y row-major (m x d).
 */
public final class FactorizationHessian implements Lanczos.Operator {
    private final int n, m, d;
    private final double[] x, y;
    /** R by rows (n x m) and by columns (m x n). */
    private final double[][] r, rt;
    private final double[][] xtx, yty, c1, c2;
    /** U, V transposed (d x n, d x m), and the products R V, R^T U transposed. */
    private final double[][] ut, vt, rv, rtu;

    /** At the point X (n x d), Y (m x d), row-major, for row-major A (n x m). None of the arrays is kept. */
    public FactorizationHessian(double[] a, int n, int m, int d, double[] x, double[] y) {
        this.n = n;
        this.m = m;
        this.d = d;
        this.x = x.clone();
        this.y = y.clone();
        r = new double[n][m];
        rt = new double[m][n];
        for (int i = 0; i < n; i++) {
            double[] ri = r[i];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s = Math.fma(x[i * d + k], y[j * d + k], s);
                ri[j] = a[i * m + j] - s;
            }
        }
        for (int i0 = 0; i0 < n; i0 += 8)   // transposed in 8 x 8 tiles so both sides stay in cache
            for (int j0 = 0; j0 < m; j0 += 8)
                for (int i = i0; i < Math.min(i0 + 8, n); i++)
                    for (int j = j0; j < Math.min(j0 + 8, m); j++) rt[j][i] = r[i][j];
        xtx = gram(this.x, n, d);
        yty = gram(this.y, m, d);
        c1 = new double[d][d];
        c2 = new double[d][d];
        ut = new double[d][n];
        vt = new double[d][m];
        rv = new double[d][n];
        rtu = new double[d][m];
    }

    private static double[][] gram(double[] f, int rows, int d) {
        double[][] g = new double[d][d];
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < d; k++)
                for (int l = 0; l < d; l++) g[k][l] = Math.fma(f[i * d + k], f[i * d + l], g[k][l]);
        return g;
    }

    @Override
    public int dimension() {
        return (n + m) * d;
    }

    @Override
    public void apply(double[] v, double[] out) {
        int off = n * d;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) ut[k][i] = v[i * d + k];
        for (int j = 0; j < m; j++)
            for (int k = 0; k < d; k++) vt[k][j] = v[off + j * d + k];
        // R V = sum_j (row j of R^T) V[j, :];  R^T U = sum_i (row i of R) U[i, :]
        for (int k = 0; k < d; k++) {
            java.util.Arrays.fill(rv[k], 0.0);
            java.util.Arrays.fill(rtu[k], 0.0);
        }
        rowsTimes(rt, vt, rv, m, d, n);
        rowsTimes(r, ut, rtu, n, d, m);
        // c1 = V^T Y, c2 = U^T X (d x d)
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++) {
                double s1 = 0, s2 = 0;
                for (int j = 0; j < m; j++) s1 = Math.fma(vt[k][j], y[j * d + l], s1);
                for (int i = 0; i < n; i++) s2 = Math.fma(ut[k][i], x[i * d + l], s2);
                c1[k][l] = s1;
                c2[k][l] = s2;
            }
        for (int i = 0; i < n; i++)
            for (int l = 0; l < d; l++) {
                double s = -rv[l][i];
                for (int k = 0; k < d; k++) s = Math.fma(ut[k][i], yty[k][l], Math.fma(x[i * d + k], c1[k][l], s));
                out[i * d + l] = s;
            }
        for (int j = 0; j < m; j++)
            for (int l = 0; l < d; l++) {
                double s = -rtu[l][j];
                for (int k = 0; k < d; k++) s = Math.fma(y[j * d + k], c2[k][l], Math.fma(vt[k][j], xtx[k][l], s));
                out[off + j * d + l] = s;
            }
    }

    /**
     * {@code out[k] += sum_j coef[k][j] rows[j]} over j in [0, count), j ascending for every entry (one fma each):
     * two rows and two k a loop, so each loaded row entry serves two outputs and each output entry two rows; the
     * same operations in the same order as one axpy per (j, k), so the same bits.
     */
    private static void rowsTimes(double[][] rows, double[][] coef, double[][] out, int count, int d, int len) {
        int j = 0;
        for (; j + 2 <= count; j += 2) {
            double[] a0 = rows[j], a1 = rows[j + 1];
            int k = 0;
            for (; k + 2 <= d; k += 2) {
                double c00 = coef[k][j], c01 = coef[k][j + 1], c10 = coef[k + 1][j], c11 = coef[k + 1][j + 1];
                double[] o0 = out[k], o1 = out[k + 1];
                for (int i = 0; i < len; i++) {
                    double v0 = a0[i], v1 = a1[i];
                    o0[i] = Math.fma(c01, v1, Math.fma(c00, v0, o0[i]));
                    o1[i] = Math.fma(c11, v1, Math.fma(c10, v0, o1[i]));
                }
            }
            if (k < d) {
                double c00 = coef[k][j], c01 = coef[k][j + 1];
                double[] o0 = out[k];
                for (int i = 0; i < len; i++) o0[i] = Math.fma(c01, a1[i], Math.fma(c00, a0[i], o0[i]));
            }
        }
        if (j < count)
            for (int k = 0; k < d; k++) {
                double c = coef[k][j];
                double[] a = rows[j], o = out[k];
                for (int i = 0; i < len; i++) o[i] = Math.fma(c, a[i], o[i]);
            }
    }
}
