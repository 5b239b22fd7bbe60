package org.largelr.core;

/**
 * Reference operations of GD on {@code 1/2 ||A - X Y^T||_F^2} on row-major arrays (A n x m, X n x d, Y m x d),
 * written to read like the maths. Callers own every buffer; nothing allocates. The {@link Workspace} is checked
 * against {@link #residualPass}; the fixed-order sums here are shared with it.
 */
public final class ReferenceOps {
    private ReferenceOps() {}

    /**
     * One pass over A computes the residual {@code R = A - X Y^T} row by row, and from it the loss and the
     * descent directions {@code dx = R Y} and {@code dy = R^T X} (minus the gradients). R itself is never
     * stored: each row is used for all three while it is hot in cache. This is the reference the
     * {@link Workspace} is checked against; GD runs use the workspace.
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

    /** {@code sum v[k]^2} over the first len entries. */
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

    /** {@code sum v[k]^2} over [from, to), in the fixed order of {@link #dot4(double[], double[], int, int)}. */
    public static double sumSquares4(double[] v, int from, int to) {
        return dot4(v, v, from, to);
    }

    /** {@code sum a[k] b[k]} over [0, len), in the fixed order of {@link #dot4(double[], double[], int, int)}. */
    public static double dot4(double[] a, double[] b, int len) {
        return dot4(a, b, 0, len);
    }

    /**
     * {@code sum a[k] b[k]} over [from, to) with four interleaved partial sums (a single running sum is
     * latency-bound: every add waits for the previous one). The order is fixed, so the result is too.
     */
    public static double dot4(double[] a, double[] b, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = from;
        for (; k + 4 <= to; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < to; k++) s0 += a[k] * b[k];
        return (s0 + s1) + (s2 + s3);
    }
}
