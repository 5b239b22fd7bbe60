package org.largelr.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.largelr.api.Factors;
import org.largelr.api.Matrices;

/** Singular directions against a target built from known ones. */
class SingularDirectionsTest {
    @Test
    void recoversTheSingularValuesAndWeightsOfAnAlignedPoint() {
        // A = diag(3, 2, 0.5) rotated by a permutation; the aligned point X = diag(a) rows, Y = diag(s/a)
        DMatrixRMaj a = Matrices.of(new double[][] {{0, 2, 0}, {3, 0, 0}, {0, 0, 0.5}});
        var dirs = SingularDirections.of(a);
        assertEquals(3, dirs.sigma(0), 1e-12);
        assertEquals(2, dirs.sigma(1), 1e-12);
        assertEquals(0.5, dirs.sigma(2), 1e-12);
        assertEquals(1, Math.abs(dirs.u(0).get(1, 0)), 1e-12);   // sigma_1 = 3 sits at row 1, column 0
        assertEquals(1, Math.abs(dirs.v(0).get(0, 0)), 1e-12);
        // u_1 = e_2, v_1 = e_1 (up to sign); put weights a_i on u_i, s_i / a_i on v_i in column i
        double[] w = {1.5, 0.4, 2};
        DMatrixRMaj x = new DMatrixRMaj(3, 3), y = new DMatrixRMaj(3, 3);
        int[] uRow = {1, 0, 2}, vRow = {0, 1, 2};
        double[] s = {3, 2, 0.5};
        for (int i = 0; i < 3; i++) {
            x.set(uRow[i], i, w[i]);
            y.set(vRow[i], i, s[i] / w[i]);
        }
        Factors at = new Factors(x, y);
        double[] imb = dirs.imbalances(at);
        for (int i = 0; i < 3; i++) assertEquals(w[i] * w[i] - s[i] * s[i] / (w[i] * w[i]), imb[i], 1e-12);
        assertEquals(0, dirs.distanceToBestFit(at), 1e-12);
        double[] spec = SingularDirections.imbalanceSpectrum(at);
        double[] sorted = imb.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 3; i++) assertEquals(sorted[2 - i], spec[i], 1e-12);
    }

    @Test
    void truncatedIsTheBestRankOneFitOfARankTwoTarget() {
        DMatrixRMaj a = Matrices.withSingularValues(4, 1).size(5, 4).seed(7).build();
        var dirs = SingularDirections.of(a);
        DMatrixRMaj rest = a.copy();
        CommonOps_DDRM.subtractEquals(rest, dirs.truncated(1));
        assertEquals(1, org.ejml.dense.row.NormOps_DDRM.normF(rest), 1e-10);   // what is left is sigma_2 = 1
        assertThrows(IllegalArgumentException.class, () -> dirs.truncated(5));
    }
}
