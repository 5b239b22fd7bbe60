package org.largelr.api;

import org.largelr.matrix.MatrixChecks;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Fluent entry point for the matrices the experiments need.
 *
 * <pre>{@code
 * DMatrixRMaj a = Matrices.gaussian(20, 20).scale(0.5).seed(7).build();
 * DMatrixRMaj b = Matrices.withSingularValues(3, 2, 1).size(10, 10).seed(1).build();
 * }</pre>
 *
 * Seeded builders use {@link java.util.Random}, whose algorithm the Java specification fixes, so a seed
 * gives the same numbers on every machine and JVM.
 */
public final class Matrices {
    private Matrices() {}

    /** Entries i.i.d. N(0, scale^2). */
    public static Gaussian gaussian(int rows, int cols) {
        return new Gaussian(MatrixChecks.requirePositive("rows", rows), MatrixChecks.requirePositive("cols", cols));
    }

    /** {@code U diag(s) V^T} with U, V random orthonormal columns; {@code s} gives the singular values. */
    public static Spectral withSingularValues(double... singularValues) {
        if (singularValues == null || singularValues.length == 0)
            throw new IllegalArgumentException("singularValues must hold at least one value");
        for (int i = 0; i < singularValues.length; i++)
            if (!(singularValues[i] >= 0) || !Double.isFinite(singularValues[i]))
                throw new IllegalArgumentException("singularValues[" + i + "] must be finite and >= 0, got "
                        + singularValues[i]);
        return new Spectral(singularValues.clone());
    }

    /** A random rank-r matrix {@code G H^T / sqrt(r)} with Gaussian factors. */
    public static LowRank lowRank(int rows, int cols, int rank) {
        MatrixChecks.requirePositive("rows", rows);
        MatrixChecks.requirePositive("cols", cols);
        MatrixChecks.requirePositive("rank", rank);
        if (rank > Math.min(rows, cols))
            throw new IllegalArgumentException("rank must be in [1, min(rows, cols)] = [1, " + Math.min(rows, cols)
                    + "], got " + rank);
        return new LowRank(rows, cols, rank);
    }

    /** The square matrix with these values on its diagonal. */
    public static DMatrixRMaj diagonal(double... values) {
        if (values == null || values.length == 0)
            throw new IllegalArgumentException("values must hold at least one diagonal entry");
        for (int i = 0; i < values.length; i++) MatrixChecks.requireFinite("values[" + i + "]", values[i]);
        return CommonOps_DDRM.diag(values);
    }

    /** The n x n identity. */
    public static DMatrixRMaj identity(int n) {
        return CommonOps_DDRM.identity(MatrixChecks.requirePositive("n", n));
    }

    /** Copies a rectangular, finite {@code double[][]} (rows of equal length). */
    public static DMatrixRMaj of(double[][] rows) {
        if (rows == null || rows.length == 0)
            throw new IllegalArgumentException("rows must hold at least one row");
        int cols = rows[0] == null ? 0 : rows[0].length;
        if (cols == 0) throw new IllegalArgumentException("rows[0] must hold at least one value");
        DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols)
                throw new IllegalArgumentException("rows must be rectangular: row 0 has " + cols + " values, row "
                        + i + " has " + (rows[i] == null ? 0 : rows[i].length));
            for (int j = 0; j < cols; j++) {
                double v = rows[i][j];
                if (!Double.isFinite(v))
                    throw new IllegalArgumentException("rows[" + i + "][" + j + "] must be finite, got " + v);
                m.unsafe_set(i, j, v);
            }
        }
        return m;
    }

    /** A 1x1 matrix, for the scalar problem written in matrix form. */
    public static DMatrixRMaj scalar(double value) {
        return of(new double[][] {{value}});
    }

    /** The entries as rows of a {@code double[][]} (a copy). */
    public static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++)
            for (int j = 0; j < m.numCols; j++) out[i][j] = m.unsafe_get(i, j);
        return out;
    }

    /** Fills a matrix with N(0, scale^2) draws in row-major order. */
    static DMatrixRMaj gaussianFill(int rows, int cols, double scale, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) m.data[k] = scale * random.nextGaussian();
        return m;
    }

    /**
     * n x k matrix with orthonormal columns, Haar-distributed: QR of a Gaussian matrix with the signs of
     * R's diagonal folded into Q (without that fold the distribution is not uniform).
     */
    static DMatrixRMaj randomOrthonormal(int n, int k, Random random) {
        DMatrixRMaj g = gaussianFill(n, k, 1.0, random);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        if (!qr.decompose(g)) throw new IllegalStateException("QR of a Gaussian matrix failed");
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < k; j++) {
            if (r.unsafe_get(j, j) < 0)
                for (int i = 0; i < n; i++) q.unsafe_set(i, j, -q.unsafe_get(i, j));
        }
        return q;
    }

    /** Seeded Gaussian matrix builder. */
    public static final class Gaussian {
        private final int rows, cols;
        private double scale = 1.0;
        private long seed = 0L;

        private Gaussian(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
        }

        /** Standard deviation of each entry (finite, >= 0). */
        public Gaussian scale(double scale) {
            this.scale = MatrixChecks.requireNonNegative("scale", MatrixChecks.requireFinite("scale", scale));
            return this;
        }

        /** The seed of the draw (default 0). */
        public Gaussian seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Draws the matrix. */
        public DMatrixRMaj build() {
            return gaussianFill(rows, cols, scale, new Random(seed));
        }
    }

    /** Builder for {@code U diag(s) V^T}. */
    public static final class Spectral {
        private final double[] s;
        private int rows = -1, cols = -1;
        private long seed = 0L;

        private Spectral(double[] s) {
            this.s = s;
        }

        /** Shape of the matrix; defaults to square of side {@code s.length}. */
        public Spectral size(int rows, int cols) {
            MatrixChecks.requirePositive("rows", rows);
            MatrixChecks.requirePositive("cols", cols);
            if (s.length > Math.min(rows, cols))
                throw new IllegalArgumentException("number of singular values must be <= min(rows, cols) = "
                        + Math.min(rows, cols) + ", got " + s.length);
            this.rows = rows;
            this.cols = cols;
            return this;
        }

        /** The seed of the random singular vectors (default 0). */
        public Spectral seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds {@code U diag(s) V^T}. */
        public DMatrixRMaj build() {
            int n = rows < 0 ? s.length : rows, m = cols < 0 ? s.length : cols, k = s.length;
            Random random = new Random(seed);
            DMatrixRMaj u = randomOrthonormal(n, k, random);
            DMatrixRMaj v = randomOrthonormal(m, k, random);
            for (int j = 0; j < k; j++)
                for (int i = 0; i < n; i++) u.unsafe_set(i, j, u.unsafe_get(i, j) * s[j]);
            DMatrixRMaj out = new DMatrixRMaj(n, m);
            CommonOps_DDRM.multTransB(u, v, out);
            return out;
        }
    }

    /** Builder for a random rank-r matrix. */
    public static final class LowRank {
        private final int rows, cols, rank;
        private long seed = 0L;

        private LowRank(int rows, int cols, int rank) {
            this.rows = rows;
            this.cols = cols;
            this.rank = rank;
        }

        /** The seed of the factors (default 0). */
        public LowRank seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds the low-rank matrix. */
        public DMatrixRMaj build() {
            Random random = new Random(seed);
            DMatrixRMaj g = gaussianFill(rows, rank, 1.0 / Math.sqrt(Math.sqrt(rank)), random);
            DMatrixRMaj h = gaussianFill(cols, rank, 1.0 / Math.sqrt(Math.sqrt(rank)), random);
            DMatrixRMaj out = new DMatrixRMaj(rows, cols);
            CommonOps_DDRM.multTransB(g, h, out);
            return out;
        }
    }
}
