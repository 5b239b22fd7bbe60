package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.largelr.api.Matrices;
import org.largelr.api.Factors;
import org.largelr.api.Problem;

/** Sharpness at exact-fit minima: ||X||_2^2 + ||Y||_2^2 >= 2 sigma_1, equality at the balanced one. */
class MatrixMinimaTest {
    private final DMatrixRMaj a = Matrices.gaussian(5, 5).seed(11).build();
    private final Problem p = Problem.factorization(a, 5);

    @Test
    void balancedMinimumIsExactAndHasSharpnessTwoSigmaOne() {
        Factors bal = MatrixMinima.balancedMinimum(a, 5);
        assertEquals(0, p.loss(bal), 1e-24);
        double sigma1 = MatrixMinima.topSingularValue(a);
        assertEquals(2 * sigma1, p.sharpness(bal), 1e-9 * sigma1);
        assertEquals(2 * sigma1, MatrixMinima.spectralSum(bal), 1e-9 * sigma1);
        // X^T X = Y^T Y = Sigma: balanced.
        assertEquals(0, bal.balanceGap(), 1e-10);
        assertEquals(sigma1, MatrixMinima.gramTop(bal) / 2, 1e-9 * sigma1);
    }

    @Test
    void everyOtherExactFitIsSharperAndFollowsTheClosedForm() {
        Factors bal = MatrixMinima.balancedMinimum(a, 5);
        double sigma1 = MatrixMinima.topSingularValue(a);
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            // (X G, Y G^{-T}) keeps X Y^T = A for any invertible G.
            DMatrixRMaj g = new DMatrixRMaj(5, 5);
            for (int k = 0; k < 25; k++) g.data[k] = (k % 6 == 0 ? 1.5 : 0) + 0.4 * rnd.nextGaussian();
            DMatrixRMaj gInvT = g.copy();
            assertTrue(CommonOps_DDRM.invert(gInvT));
            CommonOps_DDRM.transpose(gInvT);
            DMatrixRMaj x = new DMatrixRMaj(5, 5), y = new DMatrixRMaj(5, 5);
            CommonOps_DDRM.mult(bal.x(), g, x);
            CommonOps_DDRM.mult(bal.y(), gInvT, y);
            Factors f = new Factors(x, y);
            assertEquals(0, p.loss(f), 1e-16);
            double sharp = p.sharpness(f);
            assertEquals(MatrixMinima.spectralSum(f), sharp, 1e-8 * sharp, "trial " + trial);
            assertTrue(sharp >= 2 * sigma1 * (1 - 1e-12), "trial " + trial + ": " + sharp + " < 2 sigma_1");
            assertTrue(MatrixMinima.gramTop(f) <= sharp * (1 + 1e-12), "trial " + trial);
        }
    }

    @Test
    void rescalingAMinimumMakesItSharperByTheClosedForm() {
        Factors bal = MatrixMinima.balancedMinimum(a, 5);
        double sigma1 = MatrixMinima.topSingularValue(a), c = 3;
        DMatrixRMaj x = bal.x().copy(), y = bal.y().copy();
        CommonOps_DDRM.scale(c, x);
        CommonOps_DDRM.scale(1 / c, y);
        // ||cX||_2^2 + ||Y/c||_2^2 = (c^2 + 1/c^2) sigma_1
        assertEquals((c * c + 1 / (c * c)) * sigma1, p.sharpness(new Factors(x, y)), 1e-8 * sigma1);
    }

    @Test
    void gramTopOfADiagonalExample() {
        Factors f = new Factors(Matrices.diagonal(1, 2), Matrices.diagonal(3, 0));
        assertEquals(10, MatrixMinima.gramTop(f), 1e-12);       // diag(1 + 9, 4 + 0)
        assertEquals(4 + 9, MatrixMinima.spectralSum(f), 1e-12);
    }

    @Test
    void numericalRank() {
        assertEquals(2, MatrixMinima.numericalRank(Matrices.lowRank(6, 6, 2).seed(1).build()));
        assertEquals(6, MatrixMinima.numericalRank(Matrices.gaussian(6, 6).seed(1).build()));
        assertEquals(0, MatrixMinima.numericalRank(new DMatrixRMaj(3, 3)));
    }

    @Test
    void balancedMinimumOfLowerRankIsTheEckartYoungFit() {
        Problem p2 = Problem.factorization(a, 2);
        assertEquals(p2.minimumLoss(), p2.loss(MatrixMinima.balancedMinimum(a, 2)), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> MatrixMinima.gramTop(null));
    }
}
