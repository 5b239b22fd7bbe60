package org.largelr.api;

import java.util.function.DoubleBinaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.largelr.matrix.MatrixChecks;

/** {@code f(x,y) = 1/2 (mu - x y)^2}: the n = m = d = 1 case with closed forms throughout. */
public final class ScalarProblem implements Problem {
    private final double mu;

    ScalarProblem(double mu) {
        this.mu = MatrixChecks.requireFinite("mu", mu);
    }

    /** The target mu. */
    public double mu() { return mu; }

    @Override public int rows() { return 1; }
    @Override public int cols() { return 1; }
    @Override public int d() { return 1; }
    @Override public DMatrixRMaj target() { return Matrices.scalar(mu); }

    /** {@code 1/2 (mu - x y)^2}. */
    public double loss(double x, double y) {
        double r = mu - x * y;
        return 0.5 * r * r;
    }

    @Override
    public double loss(Factors at) {
        return atPoint(at, this::loss);
    }

    @Override
    public double minimumLoss() {
        return 0;
    }

    @Override
    public Factors gradient(Factors at) {
        requireShape(at);
        double x = at.x().data[0], y = at.y().data[0], r = mu - x * y;
        return Factors.scalar(-r * y, -r * x);
    }

    /** Hessian {@code [[y^2, 2xy - mu], [2xy - mu, x^2]]}. */
    @Override
    public Factors hessianVector(Factors at, Factors dir) {
        requireShape(at);
        requireShape(dir);
        double x = at.x().data[0], y = at.y().data[0], u = dir.x().data[0], v = dir.y().data[0];
        double off = 2 * x * y - mu;
        return Factors.scalar(y * y * u + off * v, off * u + x * x * v);
    }

    /** Largest eigenvalue of the 2x2 Hessian in closed form. */
    public double sharpness(double x, double y) {
        double a = y * y, c = x * x, b = 2 * x * y - mu;
        double half = 0.5 * (a - c);
        return 0.5 * (a + c) + Math.hypot(half, b);
    }

    @Override
    public double sharpness(Factors at) {
        return atPoint(at, this::sharpness);
    }

    /** A closed form of {@code (x, y)} at a 1x1 point, its shape checked. */
    private double atPoint(Factors at, DoubleBinaryOperator closedForm) {
        requireShape(at);
        return closedForm.applyAsDouble(at.x().data[0], at.y().data[0]);
    }

    @Override
    public String toString() {
        return "ScalarProblem[mu=" + mu + "]";
    }
}
