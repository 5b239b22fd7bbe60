package org.largelr.core;

import java.util.Arrays;

/**
 * The state of one matrix run: X, Y and the descent directions, transposed ({@code d} rows of length n or m,
 * padded), plus scratch. One step is {@link #evaluate()} then {@link #step(double)}; neither allocates.
 * Not thread-safe: one workspace per run (it may itself use a second thread, see the constructor).
 *
 * <p>With two threads, a step is cut into {@link #SPLIT_CHUNKS} chunks, each owning a block of columns of pass A
 * and a block of rows of pass B and writing only into its own scratch and output arrays (sharing them would make
 * the two cores fight over the cache line at a border on every row), two copies of them, one per thread;
 * {@link ThreadSplit} hands the chunks to the caller and a helper thread and says which copy won each chunk. Every column of pass A and every row of pass B is computed by the same operations
 * whichever chunk holds it, and every sum over them runs over fixed blocks of {@link #BLOCK} entries in order,
 * the borders falling between blocks, so the results are the same bits with one thread or two.
 *
 * <p>How the workspace makes a step. dy = R^T X is an axpy along the rows of R, which the JIT vectorizes;
 * dx = R Y is a dot product along them, a sequential floating-point reduction the JIT will not reorder. So
 * pass A walks A by rows, two at a time, forming the residual (the same sum over k as
 * ReferenceOps.residualPass, as fused multiply-adds), the loss (column by column) and dy; and dx comes from a
 * second walk over a copy of A^T as A Y - X (Y^T Y), axpys again, without a second residual. Pass A runs over
 * blocks of columns and pass B over blocks of rows sized to stay in cache ({@link #CACHE_BUDGET}). Every
 * multiply-add is a {@link Math#fma}: one rounding instead of two, and half the instructions, so the residual,
 * dy, dx and the loss agree with the plain pass to rounding (about {@code eps ||A|| ||Y||}), not to the bit.
 * The order of every operation is fixed by the data layout alone, so the results do not depend on how many
 * threads share a step, nor on which thread runs which chunk.
 *
 * <p>Two kernels sit behind this one face. When the JVM has the Vector API ({@code --add-modules
 * jdk.incubator.vector}, as the JMH benchmarks and the kernel tests' second run start it), a step is
 * {@link VectorPass}: one pass over A (no A^T), residual, loss, dy and dx together, the dot products of dx in
 * vector lanes reduced in a fixed order; chunks then own whole blocks of its columns. Otherwise (a JVM started
 * without the flag: {@code java -jar}, another notebook kernel) the two passes above. Each kernel gives the same
 * bits at one or two threads; the two kernels differ from each other by rounding.
 */
public final class Workspace {
    private final Target t;
    private final int d, parts;
    /** Chunk p owns columns [colCut[p], colCut[p+1]) of pass A and rows [rowCut[p], rowCut[p+1]) of pass B. */
    private final int[] colCut, rowCut;
    private final double[][] xt, yt;
    /** Per chunk and copy (slot {@code copies * chunk + copy}, see ThreadSplit): descent directions (d x np, d x mp; only the part's block is used), two scratch rows each, column losses. */
    private final double[][][] dxt, dyt;
    private final double[][] sa, sb, colLoss;
    /** {@code Y^T Y} (d x d), for {@code dx = A Y - X (Y^T Y)}. */
    private final double[][] gram;
    private final ThreadSplit.Job chunk = (p, copy) -> part(p, copy, true);
    /** Copies of each chunk's buffers (2 when split: one per thread), and the slot holding each chunk's results. */
    private final int copies;
    private final int[] winner, slot;
    /** Whether the next step splits: measured, not assumed (on a busy machine two threads can lose to one). */
    private final ThreadSplit.Probe probe = new ThreadSplit.Probe();
    /** Widths of the column blocks of pass A and the row blocks of pass B: what one block touches stays in cache. */
    private final int colBlock, rowBlock;
    /** The one-pass kernel, or null for the two plain passes. */
    private final FusedPass fused;
    /** A^T for pass B of the plain kernel; null for the one-pass kernel, which reads A only. */
    private final double[][] transposed;

    /** A single-threaded workspace. */
    public Workspace(Target target, int d) {
        this(target, d, false);
    }

    /**
     * @param mayUseTwoThreads split each step over the caller and one pooled thread when the problem is large
     *                         enough to pay for the hand-off ({@code n m d >= 2^18}) and the machine has two
     *                         cores; the results are identical either way, and a helper that gets no core
     *                         costs nothing (the caller then does the whole step)
     */
    public Workspace(Target target, int d, boolean mayUseTwoThreads) {
        this(target, d, mayUseTwoThreads, vectorApi());
    }

    /** As above, with the kernel chosen: {@code vector} only where {@link #vectorApi()} holds. */
    Workspace(Target target, int d, boolean mayUseTwoThreads, boolean vector) {
        if (vector && !vectorApi()) throw new IllegalStateException("the Vector API is not in this JVM (--add-modules jdk.incubator.vector)");
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        this.t = target;
        this.d = d;
        boolean two = mayUseTwoThreads && (long) target.n * target.m * d >= PARALLEL_WORK
                && Runtime.getRuntime().availableProcessors() >= 2 && target.np >= SPLIT_CHUNKS * BLOCK && target.mp >= SPLIT_CHUNKS * BLOCK;
        this.parts = two ? SPLIT_CHUNKS : 1;
        // The one-pass kernel's blocks depend on the problem alone; a problem that may split has at least as many
        // blocks as chunks, and chunks own whole blocks. Its dx is summed whole, so all rows go to the last chunk.
        colBlock = vector ? Math.min(blockWidth(2 * d + 2), (long) t.n * t.m * d >= PARALLEL_WORK
                ? padded((t.mp + SPLIT_CHUNKS - 1) / SPLIT_CHUNKS) : t.mp) : blockWidth(2 * d + 2);
        int[] blockCut = cuts((t.mp + colBlock - 1) / colBlock, parts, 1);
        colCut = vector ? scaled(blockCut, colBlock, t.mp) : cuts(t.mp, parts, PAD);
        rowCut = cuts(t.np, parts, PAD);
        if (vector) Arrays.fill(rowCut, 1, parts, 0);
        xt = new double[d][t.np];
        yt = new double[d][t.mp];
        copies = parts > 1 ? 2 : 1;
        int slots = parts * copies;
        dxt = new double[slots][d][t.np];
        dyt = new double[slots][d][t.mp];
        sa = new double[2 * slots][t.mp];
        sb = new double[2 * slots][t.np];
        colLoss = new double[slots][t.mp];
        winner = new int[parts];
        slot = new int[parts];
        for (int p = 0; p < parts; p++) slot[p] = p * copies;
        gram = new double[d][d];
        rowBlock = blockWidth(d + 2);
        fused = vector ? new VectorPass(t, d, colBlock, blockCut, copies) : null;
        transposed = vector ? null : t.transposed();
    }

    /** Borders of {@code parts} chunks of [0, len), multiples of {@code unit} (but the last). */
    private static int[] cuts(int len, int parts, int unit) {
        int[] c = new int[parts + 1];
        for (int p = 1; p < parts; p++) c[p] = len / unit * p / parts * unit;
        c[parts] = len;
        return c;
    }

    private static int[] scaled(int[] cut, int by, int max) {
        int[] c = new int[cut.length];
        for (int p = 0; p < c.length; p++) c[p] = Math.min(max, cut[p] * by);
        return c;
    }

    /**
     * One pass over A per step that yields the loss and both directions: block {@code b} of its columns into
     * copy {@code copy} (dy^T over the block's columns into {@code dyt}, the block's shares of dx and the loss
     * kept inside); {@code finish} adds the shares block by block in order, reading each chunk's from the copy
     * that won it, into {@code dxt}, and returns the sum of squared residuals.
     */
    interface FusedPass {
        void block(int b, int copy, double[][] xt, double[][] yt, double[][] dyt);

        double finish(int[] copyOfChunk, double[][] dxt);
    }

    /**
     * Whether the one-pass Vector API kernel can run in this JVM: the module is there ({@link VectorApi}, checked
     * before {@link VectorPass} is first touched, so a JVM without it never links that class) and its vectors tile
     * our padded rows.
     */
    static boolean vectorApi() {
        return VectorApi.available() && VectorPass.fits();
    }

    /** Which kernel this workspace runs: "vector" (one pass, Vector API) or "plain" (two passes). */
    String kernel() {
        return fused != null ? "vector" : "plain";
    }

    /** n: rows of A. */
    public int rows() { return t.n; }

    /** m: columns of A. */
    public int cols() { return t.m; }

    /** d: columns of X and Y. */
    public int d() { return d; }

    /** How many threads may share a step (1 or 2). */
    public int threads() {
        return parts > 1 ? 2 : 1;
    }

    /** Loads row-major {@code x} (n x d) and {@code y} (m x d). */
    public void setFactors(double[] x, double[] y) {
        for (int i = 0; i < t.n; i++)
            for (int k = 0; k < d; k++) xt[k][i] = x[i * d + k];
        for (int j = 0; j < t.m; j++)
            for (int k = 0; k < d; k++) yt[k][j] = y[j * d + k];
    }

    /** Stores X and Y row-major into {@code x} (n x d) and {@code y} (m x d). */
    public void getFactors(double[] x, double[] y) {
        for (int i = 0; i < t.n; i++)
            for (int k = 0; k < d; k++) x[i * d + k] = xt[k][i];
        for (int j = 0; j < t.m; j++)
            for (int k = 0; k < d; k++) y[j * d + k] = yt[k][j];
    }

    /**
     * The loss at the current point, and the descent directions {@code dx = R Y}, {@code dy = R^T X}
     * (minus the gradients) kept for {@link #step(double)} and {@link #directionNorm2()}.
     */
    public double evaluate() {
        if (fused == null)
            for (int k = 0; k < d; k++)
                for (int l = k; l < d; l++) gram[k][l] = gram[l][k] = ReferenceOps.dot4(yt[k], yt[l], t.m);
        if (parts == 1) {
            part(0, ThreadSplit.CALLER, false);
        } else {
            boolean split = probe.split();
            long t0 = System.nanoTime();
            if (split) {
                ThreadSplit.INSTANCE.run(chunk, parts, winner);
            } else {
                for (int p = 0; p < parts; p++) part(p, ThreadSplit.CALLER, false);
                Arrays.fill(winner, ThreadSplit.CALLER);
            }
            probe.record(System.nanoTime() - t0);
            for (int p = 0; p < parts; p++) slot[p] = p * copies + winner[p];
        }
        if (fused != null) return 0.5 * fused.finish(winner, dxt[slot[parts - 1]]);
        double loss = 0;
        for (int p = 0; p < parts; p++) {
            double[] cl = colLoss[slot[p]];
            for (int j = colCut[p], end = Math.min(colCut[p + 1], t.m); j < end; j++) loss += cl[j];
        }
        return 0.5 * loss;
    }

    /** Chunk {@code p} into copy {@code copy}; in a split step it stops once the other thread has finished it. Its block of the columns of pass A and its block of the rows of pass B. */
    private void part(int p, int copy, boolean split) {
        int q = p * copies + copy;
        for (int j = colCut[p], end = colCut[p + 1]; j < end; j += colBlock) {
            if (split && ThreadSplit.INSTANCE.won(p)) return;   // the other thread finished this chunk first
            if (fused != null) {
                fused.block(j / colBlock, copy, xt, yt, dyt[q]);
                continue;
            }
            pass(t.rows, t.np, xt, yt, dyt[q], colLoss[q], sa[2 * q], sa[2 * q + 1], d, j, Math.min(j + colBlock, end));
        }
        if (fused != null) return;   // the one pass has made dx too
        for (int i = rowCut[p], end = rowCut[p + 1]; i < end; i += rowBlock) {
            if (split && ThreadSplit.INSTANCE.won(p)) return;
            productMinusCorrection(transposed, t.mp, yt, xt, gram, dxt[q], d, i, Math.min(i + rowBlock, end));
        }
    }

    /** {@code X += h dx}, {@code Y += h dy}. */
    public void step(double h) {
        for (int p = 0; p < parts; p++)
            for (int k = 0; k < d; k++) {
                stepRange(xt[k], dxt[slot[p]][k], h, rowCut[p], Math.min(rowCut[p + 1], t.n));
                stepRange(yt[k], dyt[slot[p]][k], h, colCut[p], Math.min(colCut[p + 1], t.m));
            }
    }

    /** {@code ||dx||^2 + ||dy||^2}: the squared gradient norm. */
    public double directionNorm2() {
        double s = 0;
        for (int k = 0; k < d; k++) s += blockSumSquares(dxt, slot, k, rowCut, t.n);
        for (int k = 0; k < d; k++) s += blockSumSquares(dyt, slot, k, colCut, t.m);
        return s;
    }

    /** {@code ||X||_F^2}. */
    public double xNorm2() {
        double s = 0;
        for (int k = 0; k < d; k++) s += blockSumSquares(xt[k], t.n);
        return s;
    }

    /** {@code ||Y||_F^2}. */
    public double yNorm2() {
        double s = 0;
        for (int k = 0; k < d; k++) s += blockSumSquares(yt[k], t.m);
        return s;
    }

    /** {@code ||X^T X - Y^T Y||_F}. */
    public double balanceGap() {
        double total = 0;
        for (int p = 0; p < d; p++)
            for (int q = p; q < d; q++) {
                double g = ReferenceOps.dot4(xt[p], xt[q], t.n) - ReferenceOps.dot4(yt[p], yt[q], t.m);
                total += (p == q ? 1 : 2) * g * g;
            }
        return Math.sqrt(total);
    }

    /** True when every entry of X and Y is finite. */
    public boolean factorsFinite() {
        double s = 0;
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < t.n; i++) s += xt[k][i] * 0.0;
            for (int j = 0; j < t.m; j++) s += yt[k][j] * 0.0;
        }
        return s == 0.0;   // any NaN or infinity turns the sum into NaN
    }

    /** Rows padded to a multiple of this: the vector width of AVX-512 in doubles, and a multiple of the row block. */
    static final int PAD = 8;
    /**
     * Problems at least this big ({@code n m d}) split each step over two threads when GD is allowed to: a step then
     * takes over 100 microseconds. Below that a split paid off on an idle machine (n = 100, d = 5: 18 to 15
     * microseconds) but lost badly on a busy one, where the helper may wait for a core while the caller spins.
     */
    static final long PARALLEL_WORK = 1L << 18;
    /**
     * Chunks of a split step: more than two, so that when one thread is held up the other takes over the rest,
     * few enough that each chunk's loops stay long.
     */
    static final int SPLIT_CHUNKS = 2;

    /**
     * Bytes a block's rows of X, Y, the directions and the scratch may fill while the rows of A stream past them.
     * Measured on this project's machine (2 MiB L2 per core): 128 KiB ran n = 2000, d = 20 at 36 steps/s on one
     * core, against 33 with no blocks and 23 with 32 KiB blocks (their short loops cost more than L1 hits save);
     * at n = 500 all block sizes ran alike.
     */
    static final int CACHE_BUDGET = 128 << 10;

    /** Entries per row such that {@code rows} rows of doubles fit {@link #CACHE_BUDGET}: a multiple of 64. */
    static int blockWidth(int rows) {
        return Math.max(64, CACHE_BUDGET / (8 * rows) / 64 * 64);
    }

    static int padded(int v) {
        return (v + PAD - 1) / PAD * PAD;
    }

    /** Entries per block of the fixed-order sums; chunk borders are multiples of it. */
    static final int BLOCK = 8;

    /** {@code sum v[i]^2} over [0, len), block by block in order. */
    static double blockSumSquares(double[] v, int len) {
        double s = 0;
        for (int b = 0; b < len; b += BLOCK) s += ReferenceOps.sumSquares4(v, b, Math.min(b + BLOCK, len));
        return s;
    }

    /** The same over row k of per-chunk arrays, each block read from the slot holding its chunk's results. */
    static double blockSumSquares(double[][][] bySlot, int[] slot, int k, int[] cut, int len) {
        double s = 0;
        int p = 0;
        for (int b = 0; b < len; b += BLOCK) {
            while (b >= cut[p + 1]) p++;
            s += ReferenceOps.sumSquares4(bySlot[slot[p]][k], b, Math.min(b + BLOCK, len));
        }
        return s;
    }

    /** {@code v[i] += h dv[i]} for i in [from, to). */
    static void stepRange(double[] v, double[] dv, double h, int from, int to) {
        for (int i = from; i < to; i++) v[i] += h * dv[i];
    }

    /**
     * {@code out = A Y - X (Y^T Y)} on columns [i0, i1) of {@code out} (that is {@code dx = R Y}, transposed): the
     * product walks the rows of {@code A^T} two at a time as axpys, {@code src} being A^T, {@code coef} Y^T and
     * {@code own} X^T. Cheaper than a second residual pass (n m d instead of 2 n m d multiply-adds); its rounding
     * error is of the order of {@code eps ||A|| ||Y||} rather than {@code eps ||R|| ||Y||}, far below any
     * tolerance a run uses.
     */
    static void productMinusCorrection(double[][] src, int p, double[][] coef, double[][] own, double[][] gram,
                                       double[][] out, int d, int i0, int i1) {
        for (int k = 0; k < d; k++) Arrays.fill(out[k], i0, i1, 0.0);
        if (i0 >= i1) return;
        for (int j = 0; j < p; j += 2)
            for (int k0 = 0; k0 < d; k0 += 2) {
                if (d - k0 >= 2) update2x2(src[j], src[j + 1], coef, j, out, k0, i0, i1);
                else update1x2(src[j], src[j + 1], coef, j, out, k0, i0, i1);
            }
        for (int k = 0; k < d; k++) {
            double[] o = out[k];
            for (int l = 0; l < d; l++) {
                double g = gram[l][k];
                double[] x = own[l];
                for (int i = i0; i < i1; i++) o[i] = Math.fma(-g, x[i], o[i]);
            }
        }
    }

    /**
     * One orientation of the residual over rows [0, p) of {@code src} and columns [j0, j1):
     * {@code r[i][j] = src[i][j] - sum_k coef[k][i] other[k][j]} (k ascending from 0.0, as in residualPass),
     * {@code out[k][j] += r[i][j] coef[k][i]} (i ascending), and {@code colLoss[j] += r[i][j]^2} when given.
     * Each loop body stays small on purpose: C2 unrolls (and so vectorizes) only loops below a size limit
     * (LoopUnrollLimit), so a row is done in a few short loops rather than one long one. Measured again on JDK 17
     * (2026-12-02, one core): a loop chaining four rows' fmas into each output (three or four source arrays) ran at
     * 10-13 GFLOP per CPU-second against 28 for these two-row bodies (C2 no longer vectorizes it), and four inner
     * columns a loop ran no faster than two; so these hand-unrolled bodies stay as they are.
     */
    static void pass(double[][] src, int p, double[][] coef, double[][] other, double[][] out, double[] colLoss,
                     double[] s0, double[] s1, int d, int j0, int j1) {
        for (int k = 0; k < d; k++) Arrays.fill(out[k], j0, j1, 0.0);
        if (colLoss != null) Arrays.fill(colLoss, j0, j1, 0.0);
        if (j0 >= j1) return;
        boolean loss = colLoss != null;
        if (d <= 2) {
            for (int i = 0; i < p; i++) {
                double[] a = src[i];
                if (d == 1) {
                    if (loss) fused1WithLoss(a, coef, i, other, out, colLoss, j0, j1);
                    else fused1(a, coef, i, other, out, colLoss, j0, j1);
                } else {
                    if (loss) fused2WithLoss(a, coef, i, other, out, colLoss, j0, j1);
                    else fused2(a, coef, i, other, out, colLoss, j0, j1);
                }
            }
            return;
        }
        // Two rows at a time (p is even: rows are padded to a multiple of 8), so each column of `other` read and
        // each column of `out` written serves two rows; inner columns two at a time keep each loop small.
        for (int i = 0; i < p; i += 2) {
            for (int k0 = 0; k0 < d; k0 += 2) {
                boolean first = k0 == 0;
                if (d - k0 >= 2) {
                    if (first) start2x2(s0, s1, coef, i, other, k0, j0, j1);
                    else accumulate2x2(s0, s1, coef, i, other, k0, j0, j1);
                } else {
                    if (first) start1x2(s0, s1, coef, i, other, k0, j0, j1);
                    else accumulate1x2(s0, s1, coef, i, other, k0, j0, j1);
                }
            }
            if (loss) residual2WithLoss(src[i], src[i + 1], s0, s1, colLoss, j0, j1);
            else residual2(src[i], src[i + 1], s0, s1, j0, j1);
            for (int k0 = 0; k0 < d; k0 += 2) {
                if (d - k0 >= 2) update2x2(s0, s1, coef, i, out, k0, j0, j1);
                else update1x2(s0, s1, coef, i, out, k0, j0, j1);
            }
        }
    }

    // ---- Written from one pattern (inner columns k = 0..c-1); keep them in step with each other. ----

    /** The whole row for d = 1 in one loop: residual, squared residual, direction update. */
    private static void fused1WithLoss(double[] a, double[][] coef, int i, double[][] other, double[][] out,
                                       double[] colLoss, int j0, int j1) {
        double x0 = coef[0][i];
        double[] y0 = other[0];
        double[] g0 = out[0];
        for (int j = j0; j < j1; j++) {
            double q = a[j] - (0.0 + x0 * y0[j]);
            colLoss[j] += q * q;
            g0[j] += q * x0;
        }
    }

    /** The whole row for d = 1 in one loop: residual, direction update. */
    private static void fused1(double[] a, double[][] coef, int i, double[][] other, double[][] out,
                               double[] colLoss, int j0, int j1) {
        double x0 = coef[0][i];
        double[] y0 = other[0];
        double[] g0 = out[0];
        for (int j = j0; j < j1; j++) {
            double q = a[j] - (0.0 + x0 * y0[j]);
            g0[j] += q * x0;
        }
    }

    /** The whole row for d = 2 in one loop: residual, squared residual, direction update. */
    private static void fused2WithLoss(double[] a, double[][] coef, int i, double[][] other, double[][] out,
                                       double[] colLoss, int j0, int j1) {
        double x0 = coef[0][i]; double x1 = coef[1][i];
        double[] y0 = other[0]; double[] y1 = other[1];
        double[] g0 = out[0]; double[] g1 = out[1];
        for (int j = j0; j < j1; j++) {
            double q = a[j] - ((0.0 + x0 * y0[j]) + x1 * y1[j]);
            colLoss[j] += q * q;
            g0[j] += q * x0;
            g1[j] += q * x1;
        }
    }

    /** The whole row for d = 2 in one loop: residual, direction update. */
    private static void fused2(double[] a, double[][] coef, int i, double[][] other, double[][] out,
                               double[] colLoss, int j0, int j1) {
        double x0 = coef[0][i]; double x1 = coef[1][i];
        double[] y0 = other[0]; double[] y1 = other[1];
        double[] g0 = out[0]; double[] g1 = out[1];
        for (int j = j0; j < j1; j++) {
            double q = a[j] - ((0.0 + x0 * y0[j]) + x1 * y1[j]);
            g0[j] += q * x0;
            g1[j] += q * x1;
        }
    }


    /** Rows i, i+1: {@code s_r[j] = sum_k x_rk y_k[j]} over inner columns k0 .. k0+1, from 0.0. */
    private static void start2x2(double[] s0, double[] s1, double[][] coef, int i, double[][] other, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], y0 = other[k0 + 0];
        double[] c1 = coef[k0 + 1], y1 = other[k0 + 1];
        double x00 = c0[i], x10 = c0[i + 1]; double x01 = c1[i], x11 = c1[i + 1];
        for (int j = j0; j < j1; j++) {
            double v0 = y0[j]; double v1 = y1[j];
            s0[j] = Math.fma(x01, v1, x00 * v0);
            s1[j] = Math.fma(x11, v1, x10 * v0);
        }
    }

    /** Rows i, i+1: {@code s_r[j] = sum_k x_rk y_k[j]} over inner columns k0 .. k0+0, from 0.0. */
    private static void start1x2(double[] s0, double[] s1, double[][] coef, int i, double[][] other, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], y0 = other[k0 + 0];
        double x00 = c0[i], x10 = c0[i + 1];
        for (int j = j0; j < j1; j++) {
            double v0 = y0[j];
            s0[j] = 0.0 + x00 * v0;
            s1[j] = 0.0 + x10 * v0;
        }
    }

    /** Rows i, i+1: {@code s_r[j] += sum_k x_rk y_k[j]} over inner columns k0 .. k0+1. */
    private static void accumulate2x2(double[] s0, double[] s1, double[][] coef, int i, double[][] other, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], y0 = other[k0 + 0];
        double[] c1 = coef[k0 + 1], y1 = other[k0 + 1];
        double x00 = c0[i], x10 = c0[i + 1]; double x01 = c1[i], x11 = c1[i + 1];
        for (int j = j0; j < j1; j++) {
            double v0 = y0[j]; double v1 = y1[j];
            s0[j] = Math.fma(x01, v1, Math.fma(x00, v0, s0[j]));
            s1[j] = Math.fma(x11, v1, Math.fma(x10, v0, s1[j]));
        }
    }

    /** Rows i, i+1: {@code s_r[j] += sum_k x_rk y_k[j]} over inner columns k0 .. k0+0. */
    private static void accumulate1x2(double[] s0, double[] s1, double[][] coef, int i, double[][] other, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], y0 = other[k0 + 0];
        double x00 = c0[i], x10 = c0[i + 1];
        for (int j = j0; j < j1; j++) {
            double v0 = y0[j];
            s0[j] = Math.fma(x00, v0, s0[j]);
            s1[j] = Math.fma(x10, v0, s1[j]);
        }
    }

    /** Rows i, i+1: {@code g_k[j] += r_0[j] x_0k + r_1[j] x_1k} (row i first) over inner columns k0 .. k0+1. */
    private static void update2x2(double[] r0, double[] r1, double[][] coef, int i, double[][] out, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], g0 = out[k0 + 0];
        double[] c1 = coef[k0 + 1], g1 = out[k0 + 1];
        double x00 = c0[i], x10 = c0[i + 1]; double x01 = c1[i], x11 = c1[i + 1];
        for (int j = j0; j < j1; j++) {
            double q0 = r0[j], q1 = r1[j];
            g0[j] = Math.fma(q1, x10, Math.fma(q0, x00, g0[j]));
            g1[j] = Math.fma(q1, x11, Math.fma(q0, x01, g1[j]));
        }
    }

    /** Rows i, i+1: {@code g_k[j] += r_0[j] x_0k + r_1[j] x_1k} (row i first) over inner columns k0 .. k0+0. */
    private static void update1x2(double[] r0, double[] r1, double[][] coef, int i, double[][] out, int k0, int j0, int j1) {
        double[] c0 = coef[k0 + 0], g0 = out[k0 + 0];
        double x00 = c0[i], x10 = c0[i + 1];
        for (int j = j0; j < j1; j++) {
            double q0 = r0[j], q1 = r1[j];
            g0[j] = Math.fma(q1, x10, Math.fma(q0, x00, g0[j]));
        }
    }

    private static void residual2WithLoss(double[] a0, double[] a1, double[] s0, double[] s1, double[] colLoss, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double q0 = a0[j] - s0[j], q1 = a1[j] - s1[j];
            s0[j] = q0;
            s1[j] = q1;
            colLoss[j] = Math.fma(q1, q1, Math.fma(q0, q0, colLoss[j]));
        }
    }

    private static void residual2(double[] a0, double[] a1, double[] s0, double[] s1, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            s0[j] = a0[j] - s0[j];
            s1[j] = a1[j] - s1[j];
        }
    }

}
