package org.largelr.gd;

/**
 * The plain, allocation-free core of GD on {@code 1/2 ||A - X Y^T||_F^2}, on row-major arrays:
 * A is n x m, X is n x d, Y is m x d. Callers own every buffer.
 */
public final class FactorizationKernels {
    private FactorizationKernels() {}

    /**
     * One pass over A computes the residual {@code R = A - X Y^T} row by row, and from it the loss and the
     * descent directions {@code dx = R Y} and {@code dy = R^T X} (minus the gradients). R itself is never
     * stored: each row is used for all three while it is hot in cache.
     *
     * @param rowBuffer scratch of length m
     * @return the loss {@code 1/2 ||R||_F^2}
     */
    public static double residualPass(double[] a, int n, int m, int d, double[] x, double[] y,
                                      double[] dx, double[] dy, double[] rowBuffer) {
        java.util.Arrays.fill(dy, 0, m * d, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int xi = i * d, ai = i * m;
            for (int j = 0; j < m; j++) {
                int yj = j * d;
                double s = 0;
                for (int k = 0; k < d; k++) s += x[xi + k] * y[yj + k];
                double r = a[ai + j] - s;
                rowBuffer[j] = r;
                loss += r * r;
            }
            for (int k = 0; k < d; k++) dx[xi + k] = 0;
            for (int j = 0; j < m; j++) {
                double r = rowBuffer[j];
                int yj = j * d;
                for (int k = 0; k < d; k++) {
                    dx[xi + k] += r * y[yj + k];
                    dy[yj + k] += r * x[xi + k];
                }
            }
        }
        return 0.5 * loss;
    }

    /** {@code v += h * dv} over the first len entries. */
    public static void step(double[] v, double[] dv, double h, int len) {
        for (int k = 0; k < len; k++) v[k] += h * dv[k];
    }

    public static double sumSquares(double[] v, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) s += v[k] * v[k];
        return s;
    }

    /** {@code ||X^T X - Y^T Y||_F} without allocating: one d x d entry at a time. */
    public static double balanceGap(double[] x, int n, double[] y, int m, int d) {
        double total = 0;
        for (int p = 0; p < d; p++)
            for (int q = p; q < d; q++) {
                double g = 0;
                for (int i = 0; i < n; i++) g += x[i * d + p] * x[i * d + q];
                for (int j = 0; j < m; j++) g -= y[j * d + p] * y[j * d + q];
                total += (p == q ? 1 : 2) * g * g;
            }
        return Math.sqrt(total);
    }
}
