package org.largelr.problem;

import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.ScalarProblem;
import org.largelr.api.Start;
import org.largelr.core.Lanczos;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.largelr.api.Matrices;

/** Derivatives against central finite differences; sharpness against a dense eigen-decomposition. */
class ProblemCalculusTest {

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(1, 1, 3), Arguments.of(4, 3, 2), Arguments.of(6, 6, 3),
                Arguments.of(5, 8, 1));
    }

    static Problem problem(int n, int m, int d) {
        return Problem.factorization(Matrices.gaussian(n, m).seed(n * 31L + m).build(), d);
    }

    static Factors point(Problem p, long seed) {
        return Start.gaussian(0.8).seed(seed).create(p);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gradientMatchesCentralDifferences(int n, int m, int d) {
        Problem p = problem(n, m, d);
        Factors at = point(p, 1);
        double[] g = p.gradient(at).toVector();
        double[] v = at.toVector();
        double eps = 1e-6;
        for (int i = 0; i < v.length; i++) {
            double[] plus = v.clone(), minus = v.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fd = (p.loss(Factors.fromVector(plus, n, m, d)) - p.loss(Factors.fromVector(minus, n, m, d))) / (2 * eps);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "component " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void hessianVectorMatchesDifferencesOfTheGradient(int n, int m, int d) {
        Problem p = problem(n, m, d);
        Factors at = point(p, 2), dir = point(p, 3);
        double[] hv = p.hessianVector(at, dir).toVector();
        double[] v = at.toVector(), u = dir.toVector();
        double eps = 1e-5;
        double[] plus = v.clone(), minus = v.clone();
        for (int i = 0; i < v.length; i++) {
            plus[i] += eps * u[i];
            minus[i] -= eps * u[i];
        }
        double[] gp = p.gradient(Factors.fromVector(plus, n, m, d)).toVector();
        double[] gm = p.gradient(Factors.fromVector(minus, n, m, d)).toVector();
        for (int i = 0; i < v.length; i++) {
            double fd = (gp[i] - gm[i]) / (2 * eps);
            assertEquals(fd, hv[i], 1e-6 * Math.max(1, Math.abs(fd)), "component " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void sharpnessIsTheTopEigenvalueOfTheDenseHessian(int n, int m, int d) {
        Problem p = problem(n, m, d);
        for (long seed = 0; seed < 3; seed++) {
            Factors at = point(p, seed);
            DMatrixRMaj h = p.denseHessian(at);
            double dense = topEigenvalue(h);
            assertEquals(dense, p.sharpness(at), 1e-9 * Math.max(1, Math.abs(dense)));
        }
    }

    @Test
    void sharpnessByLanczosOnALargerProblem() {
        Problem p = problem(30, 25, 4);   // dimension 220: Lanczos stops long before the full space
        Factors at = point(p, 7);
        double dense = topEigenvalue(p.denseHessian(at));
        assertEquals(dense, p.sharpness(at), 1e-8 * dense);
    }

    @Test
    void denseHessianIsSymmetric() {
        Problem p = problem(4, 5, 2);
        DMatrixRMaj h = p.denseHessian(point(p, 4));
        for (int i = 0; i < h.numRows; i++)
            for (int j = 0; j < i; j++) assertEquals(h.get(i, j), h.get(j, i), 1e-12);
    }

    @Test
    void scalarProblemAgreesWithTheMatrixFormula() {
        ScalarProblem s = Problem.scalar(1.7);
        Problem m = Problem.scalar(1.7, 1);
        for (double[] xy : new double[][] {{3, 0.1}, {-2, 0.5}, {0.3, 0.3}, {9, 1}}) {
            Factors at = Factors.scalar(xy[0], xy[1]);
            assertEquals(m.loss(at), s.loss(at), 1e-14);
            assertArrayEquals(m.gradient(at).toVector(), s.gradient(at).toVector(), 1e-13);
            assertEquals(m.sharpness(at), s.sharpness(at), 1e-12);
            assertEquals(topEigenvalue(m.denseHessian(at)), s.sharpness(at), 1e-12);
        }
    }

    @Test
    void sharpnessOfABalancedMinimumIsTwiceMu() {
        // Closed form: at x = y = sqrt(mu), the Hessian is [[mu, mu], [mu, mu]] with top eigenvalue 2 mu.
        ScalarProblem s = Problem.scalar(2.5);
        assertEquals(5.0, s.sharpness(Math.sqrt(2.5), Math.sqrt(2.5)), 1e-12);
    }

    @Test
    void minimumLossIsTheEckartYoungTail() {
        Problem p = Problem.factorization(Matrices.withSingularValues(3, 2, 1).size(5, 4).seed(2).build(), 1);
        assertEquals(0.5 * (4 + 1), p.minimumLoss(), 1e-12);
        assertEquals(0, Problem.factorization(Matrices.lowRank(6, 6, 2).seed(1).build(), 2).minimumLoss(), 1e-20);
    }

    @Test
    void badInputNamesTheArgument() {
        DMatrixRMaj a = Matrices.gaussian(3, 4).seed(1).build();
        assertMessage(() -> Problem.factorization(a, 0), "d must be >= 1");
        DMatrixRMaj bad = a.copy();
        bad.set(1, 1, Double.POSITIVE_INFINITY);
        assertMessage(() -> Problem.factorization(bad, 1), "A must have finite entries");
        assertMessage(() -> Problem.scalar(Double.NaN), "mu");
        Problem p = Problem.factorization(a, 2);
        Factors wrong = Start.gaussian(1).create(Problem.factorization(Matrices.gaussian(4, 4).build(), 2));
        assertMessage(() -> p.loss(wrong), "X must be 3x2");
        assertMessage(() -> new Factors(new DMatrixRMaj(3, 2), new DMatrixRMaj(4, 3)), "same number of columns");
        assertMessage(() -> Start.gaussian(-1), "scale");
        assertMessage(() -> Start.gaussian(1).unbalanced(0), "c must be finite and > 0");
    }

    static double topEigenvalue(DMatrixRMaj h) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(h.numRows, false, true);
        assertTrue(eig.decompose(h.copy()));
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < h.numRows; i++) top = Math.max(top, eig.getEigenvalue(i).getReal());
        return top;
    }

    static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
