package org.largelr.api;

import org.ejml.data.DMatrixRMaj;

/**
 * {@code f(X,Y) = 1/2 ||A - X Y^T||_F^2} with A of size n x m, X n x d and Y m x d.
 * Two implementations: {@link FactorizationProblem} (any sizes) and {@link ScalarProblem}
 * ({@code 1/2 (mu - x y)^2}, closed forms, the fast special case).
 */
public interface Problem {

    /** The general problem for target A and inner dimension d. */
    static FactorizationProblem factorization(DMatrixRMaj a, int d) {
        return new FactorizationProblem(a, d);
    }

    /** {@code f(x,y) = 1/2 (mu - x y)^2} with scalars x, y. */
    static ScalarProblem scalar(double mu) {
        return new ScalarProblem(mu);
    }

    /** The over-parameterized scalar problem {@code 1/2 (mu - x^T y)^2} with x, y in R^d. */
    static FactorizationProblem scalar(double mu, int d) {
        return new FactorizationProblem(Matrices.scalar(mu), d);
    }

    /** n: rows of A and of X. */
    int rows();

    /** m: columns of A, rows of Y. */
    int cols();

    /** d: columns of X and Y. */
    int d();

    /** A (a copy: problems are immutable). */
    DMatrixRMaj target();

    /** Number of scalar unknowns, {@code (n + m) d}. */
    default int dimension() {
        return (rows() + cols()) * d();
    }

    /** {@code f(X, Y) = 1/2 ||A - X Y^T||_F^2} at a point. */
    double loss(Factors at);

    /**
     * The global minimum of f: {@code 1/2 sum_{i>d} sigma_i(A)^2} (Eckart–Young), 0 when d >= rank A.
     * The theorems' "converges to a global minimum" is checked against this.
     */
    double minimumLoss();

    /** {@code (grad_X f, grad_Y f)}. */
    Factors gradient(Factors at);

    /** Hessian of f at {@code at} applied to {@code direction}. */
    Factors hessianVector(Factors at, Factors direction);

    /** Largest eigenvalue of the Hessian at {@code at}. */
    double sharpness(Factors at);

    /** The Hessian as a dense matrix in {@link Factors#toVector()} layout (for small problems and tests). */
    default DMatrixRMaj denseHessian(Factors at) {
        requireShape(at);
        int p = dimension();
        DMatrixRMaj h = new DMatrixRMaj(p, p);
        double[] e = new double[p];
        for (int j = 0; j < p; j++) {
            e[j] = 1;
            double[] col = hessianVector(at, Factors.fromVector(e, rows(), cols(), d())).toVector();
            e[j] = 0;
            for (int i = 0; i < p; i++) h.unsafe_set(i, j, col[i]);
        }
        return h;
    }

    /** Throws when {@code at} does not have this problem's shapes. */
    default void requireShape(Factors at) {
        if (at == null) throw new IllegalArgumentException("factors must not be null");
        if (at.x().numRows != rows() || at.x().numCols != d())
            throw new IllegalArgumentException("X must be " + rows() + "x" + d() + " for this problem, got "
                    + at.x().numRows + "x" + at.x().numCols);
        if (at.y().numRows != cols() || at.y().numCols != d())
            throw new IllegalArgumentException("Y must be " + cols() + "x" + d() + " for this problem, got "
                    + at.y().numRows + "x" + at.y().numCols);
    }
}
