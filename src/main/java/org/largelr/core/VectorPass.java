package org.largelr.core;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel of a {@link Workspace} step: ONE pass over the rows of A, two at a time, instead of the
 * plain kernel's two (A, then its copy A^T). Per pair of rows and per block of columns [j0, j1): the residual
 * {@code r = a - sum_k x_k y_k} (fused multiply-adds from a, k ascending), the loss in lane accumulators,
 * {@code dy[j] += x_ik r[j]} (row i first), and this block's share of {@code dx_ik = r . y_k} in lane
 * accumulators reduced in one fixed order. The shares of dx and of the loss are then added block by block in
 * order ({@link #finish}). Blocks have one width for the problem (never for the thread count) and each belongs
 * to one chunk, so the bits are the same with one thread or two; they differ from the plain kernel's by rounding.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is in the boot layer: {@link Workspace} checks that
 * before it first touches this class, so a JVM started without {@code --add-modules jdk.incubator.vector} never
 * links it and runs the plain kernel.
 */
final class VectorPass implements Workspace.FusedPass {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final Target t;
    private final int d, width, blocks;
    /** Chunk p owns blocks [blockCut[p], blockCut[p+1]). */
    private final int[] blockCut;
    /** Per copy: each block's share of dx^T (d x np) and its loss lanes; the scratch of one pair of rows. */
    private final double[][][][] dxShare;
    private final double[][][] lossLanes;
    private final double[][] r0, r1, negX, lanes;

    /** {@code width}: columns per block, a multiple of 8; {@code blockCut}: chunk borders in blocks. */
    VectorPass(Target t, int d, int width, int[] blockCut, int copies) {
        this.t = t;
        this.d = d;
        this.width = width;
        this.blocks = (t.mp + width - 1) / width;
        this.blockCut = blockCut;
        dxShare = new double[copies][blocks][d][t.np];
        lossLanes = new double[copies][blocks][L];
        r0 = new double[copies][t.mp];
        r1 = new double[copies][t.mp];
        negX = new double[copies][2 * d];
        lanes = new double[copies][L];
    }

    /** Whether whole vectors tile the padded rows (and so every block, a multiple of 8 columns wide). */
    static boolean fits() {
        return Workspace.PAD % L == 0;
    }

    @Override
    public void block(int b, int copy, double[][] xt, double[][] yt, double[][] dyt) {
        int j0 = b * width, j1 = Math.min(j0 + width, t.mp);
        double[][] share = dxShare[copy][b];
        double[] q0 = r0[copy], q1 = r1[copy], nx = negX[copy], ln = lanes[copy];
        for (int k = 0; k < d; k++) Arrays.fill(dyt[k], j0, j1, 0.0);
        double[] loss = lossLanes[copy][b];
        Arrays.fill(loss, 0.0);
        for (int i = 0; i < t.np; i += 2) {
            for (int k = 0; k < d; k++) {
                nx[2 * k] = -xt[k][i];
                nx[2 * k + 1] = -xt[k][i + 1];
            }
            residual2(t.rows[i], t.rows[i + 1], yt, nx, q0, q1, loss, d, j0, j1);
            int k = 0;
            for (; k + 4 <= d; k += 4) update4(q0, q1, xt, yt, dyt, share, ln, i, k, j0, j1);
            for (; k + 2 <= d; k += 2) update2(q0, q1, xt, yt, dyt, share, ln, i, k, j0, j1);
            for (; k < d; k++) update1(q0, q1, xt, yt, dyt, share, ln, i, k, j0, j1);
        }
    }

    @Override
    public double finish(int[] copyOfChunk, double[][] dxt) {
        double loss = 0;
        for (int k = 0; k < d; k++) Arrays.fill(dxt[k], 0.0);
        for (int p = 0; p + 1 < blockCut.length; p++)
            for (int b = blockCut[p]; b < blockCut[p + 1]; b++) {
                double[][] share = dxShare[copyOfChunk[p]][b];
                for (int k = 0; k < d; k++) {
                    double[] o = dxt[k], s = share[k];
                    for (int i = 0; i < t.np; i++) o[i] += s[i];
                }
                loss += sumLanes(lossLanes[copyOfChunk[p]][b]);
            }
        return loss;
    }

    /** {@code r_t[j] = a_t[j] - sum_k x_tk y_k[j]} for rows t = 0, 1 over [j0, j1); loss += r^2 per lane. */
    private static void residual2(double[] a0, double[] a1, double[][] yt, double[] nx, double[] r0, double[] r1,
                                  double[] lossLanes, int d, int j0, int j1) {
        DoubleVector loss = DoubleVector.fromArray(S, lossLanes, 0);
        int j = j0;
        for (; j + 4 * L <= j1; j += 4 * L) {
            DoubleVector s0a = DoubleVector.fromArray(S, a0, j), s0b = DoubleVector.fromArray(S, a0, j + L);
            DoubleVector s0c = DoubleVector.fromArray(S, a0, j + 2 * L), s0d = DoubleVector.fromArray(S, a0, j + 3 * L);
            DoubleVector s1a = DoubleVector.fromArray(S, a1, j), s1b = DoubleVector.fromArray(S, a1, j + L);
            DoubleVector s1c = DoubleVector.fromArray(S, a1, j + 2 * L), s1d = DoubleVector.fromArray(S, a1, j + 3 * L);
            for (int k = 0; k < d; k++) {
                double[] y = yt[k];
                DoubleVector ya = DoubleVector.fromArray(S, y, j), yb = DoubleVector.fromArray(S, y, j + L);
                DoubleVector yc = DoubleVector.fromArray(S, y, j + 2 * L), yd = DoubleVector.fromArray(S, y, j + 3 * L);
                DoubleVector c0 = DoubleVector.broadcast(S, nx[2 * k]), c1 = DoubleVector.broadcast(S, nx[2 * k + 1]);
                s0a = ya.fma(c0, s0a); s0b = yb.fma(c0, s0b); s0c = yc.fma(c0, s0c); s0d = yd.fma(c0, s0d);
                s1a = ya.fma(c1, s1a); s1b = yb.fma(c1, s1b); s1c = yc.fma(c1, s1c); s1d = yd.fma(c1, s1d);
            }
            s0a.intoArray(r0, j); s0b.intoArray(r0, j + L); s0c.intoArray(r0, j + 2 * L); s0d.intoArray(r0, j + 3 * L);
            s1a.intoArray(r1, j); s1b.intoArray(r1, j + L); s1c.intoArray(r1, j + 2 * L); s1d.intoArray(r1, j + 3 * L);
            loss = s0a.fma(s0a, loss); loss = s1a.fma(s1a, loss);
            loss = s0b.fma(s0b, loss); loss = s1b.fma(s1b, loss);
            loss = s0c.fma(s0c, loss); loss = s1c.fma(s1c, loss);
            loss = s0d.fma(s0d, loss); loss = s1d.fma(s1d, loss);
        }
        for (; j < j1; j += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, a0, j), s1 = DoubleVector.fromArray(S, a1, j);
            for (int k = 0; k < d; k++) {
                DoubleVector y = DoubleVector.fromArray(S, yt[k], j);
                s0 = y.fma(DoubleVector.broadcast(S, nx[2 * k]), s0);
                s1 = y.fma(DoubleVector.broadcast(S, nx[2 * k + 1]), s1);
            }
            s0.intoArray(r0, j);
            s1.intoArray(r1, j);
            loss = s0.fma(s0, loss);
            loss = s1.fma(s1, loss);
        }
        loss.intoArray(lossLanes, 0);
    }

    /**
     * Lanes (stored from a vector) added in one fixed order: {@code reduceLanes} leaves the order open. No vector
     * is passed to or returned from a method that C2 might not inline: it would be boxed, an allocation per call.
     */
    private static double sumLanes(double[] w) {
        if (L == 8) return ((w[0] + w[1]) + (w[2] + w[3])) + ((w[4] + w[5]) + (w[6] + w[7]));
        double s = 0;
        for (int l = 0; l < L; l++) s += w[l];
        return s;
    }

    // ---- update4/2/1: the same body for 4, 2 and 1 inner columns k; keep them in step with each other. ----

    /** Rows i, i+1, inner columns k..k+3: {@code dy_k[j] += r_0[j] x_0k + r_1[j] x_1k}; dx shares {@code r_t . y_k}. */
    private static void update4(double[] r0, double[] r1, double[][] xt, double[][] yt, double[][] dyt,
                                double[][] share, double[] lanes, int i, int k, int j0, int j1) {
        double[] y0 = yt[k], y1 = yt[k + 1], y2 = yt[k + 2], y3 = yt[k + 3];
        double[] g0 = dyt[k], g1 = dyt[k + 1], g2 = dyt[k + 2], g3 = dyt[k + 3];
        DoubleVector x00 = DoubleVector.broadcast(S, xt[k][i]), x01 = DoubleVector.broadcast(S, xt[k + 1][i]);
        DoubleVector x02 = DoubleVector.broadcast(S, xt[k + 2][i]), x03 = DoubleVector.broadcast(S, xt[k + 3][i]);
        DoubleVector x10 = DoubleVector.broadcast(S, xt[k][i + 1]), x11 = DoubleVector.broadcast(S, xt[k + 1][i + 1]);
        DoubleVector x12 = DoubleVector.broadcast(S, xt[k + 2][i + 1]), x13 = DoubleVector.broadcast(S, xt[k + 3][i + 1]);
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        for (int j = j0; j < j1; j += L) {
            DoubleVector q0 = DoubleVector.fromArray(S, r0, j), q1 = DoubleVector.fromArray(S, r1, j);
            DoubleVector v0 = DoubleVector.fromArray(S, y0, j);
            a00 = q0.fma(v0, a00);
            a10 = q1.fma(v0, a10);
            q1.fma(x10, q0.fma(x00, DoubleVector.fromArray(S, g0, j))).intoArray(g0, j);
            DoubleVector v1 = DoubleVector.fromArray(S, y1, j);
            a01 = q0.fma(v1, a01);
            a11 = q1.fma(v1, a11);
            q1.fma(x11, q0.fma(x01, DoubleVector.fromArray(S, g1, j))).intoArray(g1, j);
            DoubleVector v2 = DoubleVector.fromArray(S, y2, j);
            a02 = q0.fma(v2, a02);
            a12 = q1.fma(v2, a12);
            q1.fma(x12, q0.fma(x02, DoubleVector.fromArray(S, g2, j))).intoArray(g2, j);
            DoubleVector v3 = DoubleVector.fromArray(S, y3, j);
            a03 = q0.fma(v3, a03);
            a13 = q1.fma(v3, a13);
            q1.fma(x13, q0.fma(x03, DoubleVector.fromArray(S, g3, j))).intoArray(g3, j);
        }
        a00.intoArray(lanes, 0);
        share[k][i] = sumLanes(lanes);
        a10.intoArray(lanes, 0);
        share[k][i + 1] = sumLanes(lanes);
        a01.intoArray(lanes, 0);
        share[k + 1][i] = sumLanes(lanes);
        a11.intoArray(lanes, 0);
        share[k + 1][i + 1] = sumLanes(lanes);
        a02.intoArray(lanes, 0);
        share[k + 2][i] = sumLanes(lanes);
        a12.intoArray(lanes, 0);
        share[k + 2][i + 1] = sumLanes(lanes);
        a03.intoArray(lanes, 0);
        share[k + 3][i] = sumLanes(lanes);
        a13.intoArray(lanes, 0);
        share[k + 3][i + 1] = sumLanes(lanes);
    }

    private static void update2(double[] r0, double[] r1, double[][] xt, double[][] yt, double[][] dyt,
                                double[][] share, double[] lanes, int i, int k, int j0, int j1) {
        double[] y0 = yt[k], y1 = yt[k + 1];
        double[] g0 = dyt[k], g1 = dyt[k + 1];
        DoubleVector x00 = DoubleVector.broadcast(S, xt[k][i]), x01 = DoubleVector.broadcast(S, xt[k + 1][i]);
        DoubleVector x10 = DoubleVector.broadcast(S, xt[k][i + 1]), x11 = DoubleVector.broadcast(S, xt[k + 1][i + 1]);
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00;
        DoubleVector a10 = a00, a11 = a00;
        for (int j = j0; j < j1; j += L) {
            DoubleVector q0 = DoubleVector.fromArray(S, r0, j), q1 = DoubleVector.fromArray(S, r1, j);
            DoubleVector v0 = DoubleVector.fromArray(S, y0, j);
            a00 = q0.fma(v0, a00);
            a10 = q1.fma(v0, a10);
            q1.fma(x10, q0.fma(x00, DoubleVector.fromArray(S, g0, j))).intoArray(g0, j);
            DoubleVector v1 = DoubleVector.fromArray(S, y1, j);
            a01 = q0.fma(v1, a01);
            a11 = q1.fma(v1, a11);
            q1.fma(x11, q0.fma(x01, DoubleVector.fromArray(S, g1, j))).intoArray(g1, j);
        }
        a00.intoArray(lanes, 0);
        share[k][i] = sumLanes(lanes);
        a10.intoArray(lanes, 0);
        share[k][i + 1] = sumLanes(lanes);
        a01.intoArray(lanes, 0);
        share[k + 1][i] = sumLanes(lanes);
        a11.intoArray(lanes, 0);
        share[k + 1][i + 1] = sumLanes(lanes);
    }

    private static void update1(double[] r0, double[] r1, double[][] xt, double[][] yt, double[][] dyt,
                                double[][] share, double[] lanes, int i, int k, int j0, int j1) {
        double[] y0 = yt[k];
        double[] g0 = dyt[k];
        DoubleVector x00 = DoubleVector.broadcast(S, xt[k][i]), x10 = DoubleVector.broadcast(S, xt[k][i + 1]);
        DoubleVector a00 = DoubleVector.zero(S), a10 = a00;
        for (int j = j0; j < j1; j += L) {
            DoubleVector q0 = DoubleVector.fromArray(S, r0, j), q1 = DoubleVector.fromArray(S, r1, j);
            DoubleVector v0 = DoubleVector.fromArray(S, y0, j);
            a00 = q0.fma(v0, a00);
            a10 = q1.fma(v0, a10);
            q1.fma(x10, q0.fma(x00, DoubleVector.fromArray(S, g0, j))).intoArray(g0, j);
        }
        a00.intoArray(lanes, 0);
        share[k][i] = sumLanes(lanes);
        a10.intoArray(lanes, 0);
        share[k][i + 1] = sumLanes(lanes);
    }
}
