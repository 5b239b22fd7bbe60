package org.largelr.core;

/**
 * A laid out for the {@link Workspace}: its rows and, for the plain kernel only, the rows of {@code A^T}, each
 * zero-padded to a multiple of 8 entries (zero rows of A with zero rows of X give zero residuals, which change no
 * sum). Immutable once made, so one target serves any number of runs and threads; whoever runs many runs on one A
 * (a sweep) builds it once and passes it on.
 */
public final class Target {
    final int n, m, np, mp;
    final double[][] rows;
    /** A^T, made by the first workspace that needs it: the one-pass Vector API kernel never does. */
    private volatile double[][] cols;

    /** From row-major {@code a} of size n x m (copied). */
    public Target(double[] a, int n, int m) {
        if (n < 1 || m < 1) throw new IllegalArgumentException("A must be at least 1x1, got " + n + "x" + m);
        if (a.length < n * m) throw new IllegalArgumentException("a must hold n*m = " + n * m + " entries, got " + a.length);
        this.n = n;
        this.m = m;
        this.np = Workspace.padded(n);
        this.mp = Workspace.padded(m);
        rows = new double[np][mp];
        for (int i = 0; i < n; i++) System.arraycopy(a, i * m, rows[i], 0, m);
    }

    /** The rows of {@code A^T}, padded like {@link #rows}; made once, on first use. */
    double[][] transposed() {
        double[][] c = cols;
        if (c != null) return c;
        synchronized (this) {
            if (cols == null) {
                c = new double[mp][np];
                // Transpose in 8 x 8 tiles so that both sides stay in cache.
                for (int i0 = 0; i0 < n; i0 += Workspace.PAD)
                    for (int j0 = 0; j0 < m; j0 += Workspace.PAD)
                        for (int i = i0; i < Math.min(i0 + Workspace.PAD, n); i++)
                            for (int j = j0; j < Math.min(j0 + Workspace.PAD, m); j++) c[j][i] = rows[i][j];
                cols = c;
            }
            return cols;
        }
    }

    /** n: rows of A. */
    public int rows() { return n; }
    /** m: columns of A. */
    public int cols() { return m; }
}

