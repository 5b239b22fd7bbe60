package org.largelr.core;

/**
 * The imbalance and the balance gap of factors far out, where {@code ||X||^2} and {@code ||Y||^2} overflow and their
 * difference would read {@code inf - inf = NaN}: the same formulas on the factors divided by their largest entry,
 * scaled back. Exactly 0 for balanced factors, +-Infinity only where the value itself is beyond double range.
 */
public final class ScaledMetrics {
    private ScaledMetrics() {}

    /**
     * {@code imbalance} ({@code ||X||^2 - ||Y||^2} as computed), or where that is NaN the same from the factors
     * (row-major, finite entries) scaled into range.
     */
    public static double imbalance(double imbalance, double[] x, double[] y) {
        if (!Double.isNaN(imbalance)) return imbalance;
        double s = maxAbs(x, y);
        if (s == 0) return 0;
        double scaled = sumSquares(x, s) - sumSquares(y, s);
        return scaled == 0 ? 0 : scaled * s * s;
    }

    /**
     * {@code gap} ({@code ||X^T X - Y^T Y||_F} as computed), or where that is not finite the same from the factors
     * (row-major n x d and m x d, finite entries) scaled into range.
     */
    public static double balanceGap(double gap, double[] x, double[] y, int d) {
        if (Double.isFinite(gap)) return gap;
        double s = maxAbs(x, y);
        if (s == 0) return 0;
        double total = 0;
        for (int p = 0; p < d; p++)
            for (int q = p; q < d; q++) {
                double g = gram(x, p, q, d, s) - gram(y, p, q, d, s);
                total += (p == q ? 1 : 2) * g * g;
            }
        return Math.sqrt(total) * s * s;
    }

    private static double gram(double[] f, int p, int q, int d, double s) {
        double sum = 0;
        for (int i = 0; i < f.length; i += d) sum += (f[i + p] / s) * (f[i + q] / s);
        return sum;
    }

    private static double sumSquares(double[] f, double s) {
        double sum = 0;
        for (double v : f) {
            double t = v / s;
            sum += t * t;
        }
        return sum;
    }

    private static double maxAbs(double[] x, double[] y) {
        double s = 0;
        for (double v : x) s = Math.max(s, Math.abs(v));
        for (double v : y) s = Math.max(s, Math.abs(v));
        return s;
    }

    /** True when every entry is finite. */
    public static boolean finite(double[] v) {
        for (double e : v) if (!Double.isFinite(e)) return false;
        return true;
    }
}
