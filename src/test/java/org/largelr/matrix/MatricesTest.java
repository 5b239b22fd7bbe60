package org.largelr.matrix;

import org.largelr.api.Matrices;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatricesTest {

    @Test
    void sameSeedGivesSameMatrixAndOtherSeedDiffers() {
        DMatrixRMaj a = Matrices.gaussian(7, 5).scale(2).seed(11).build();
        DMatrixRMaj b = Matrices.gaussian(7, 5).scale(2).seed(11).build();
        DMatrixRMaj c = Matrices.gaussian(7, 5).scale(2).seed(12).build();
        assertArrayEquals(a.data, b.data, 0.0);
        assertFalse(Arrays.equals(a.data, c.data));
    }

    @Test
    void gaussianScaleIsTheStandardDeviation() {
        DMatrixRMaj a = Matrices.gaussian(300, 300).scale(3).seed(1).build();
        double mean = CommonOps_DDRM.elementSum(a) / a.getNumElements();
        double var = 0;
        for (double v : a.data) var += (v - mean) * (v - mean);
        var /= a.getNumElements() - 1;
        assertEquals(0, mean, 0.03);
        assertEquals(9, var, 9 * 0.02);
    }

    @Test
    void prescribedSingularValuesAreThoseOfTheMatrix() {
        DMatrixRMaj a = Matrices.withSingularValues(5, 2, 0.5).size(8, 6).seed(3).build();
        assertEquals(8, a.numRows);
        assertEquals(6, a.numCols);
        double[] sv = SingularOps_DDRM.singularValues(a);
        Arrays.sort(sv);
        double[] top = Arrays.copyOfRange(sv, sv.length - 3, sv.length);
        assertArrayEquals(new double[] {0.5, 2, 5}, top, 1e-12);
        for (int i = 0; i < sv.length - 3; i++) assertEquals(0, sv[i], 1e-12);
    }

    @Test
    void lowRankHasTheRequestedRank() {
        DMatrixRMaj a = Matrices.lowRank(9, 7, 2).seed(5).build();
        assertEquals(2, MatrixFeatures_DDRM.rank(a));
    }

    @Test
    void diagonalIdentityAndArrays() {
        DMatrixRMaj d = Matrices.diagonal(1, 2, 3);
        assertEquals(2, d.get(1, 1));
        assertEquals(0, d.get(0, 1));
        assertTrue(MatrixFeatures_DDRM.isIdentity(Matrices.identity(4), 0));
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        assertArrayEquals(rows, Matrices.toArray(Matrices.of(rows)));
    }

    @Test
    void badInputNamesTheArgument() {
        assertMessage(() -> Matrices.gaussian(0, 3), "rows");
        assertMessage(() -> Matrices.gaussian(3, 3).scale(Double.NaN), "scale");
        assertMessage(() -> Matrices.of(new double[][] {{1, 2}, {3}}), "rectangular");
        assertMessage(() -> Matrices.of(new double[][] {{1, Double.NaN}}), "rows[0][1]");
        assertMessage(() -> Matrices.of(new double[0][]), "rows");
        assertMessage(() -> Matrices.withSingularValues(1, -2), "singularValues[1]");
        assertMessage(() -> Matrices.withSingularValues(1, 2, 3).size(2, 5), "min(rows, cols)");
        assertMessage(() -> Matrices.lowRank(3, 3, 4), "rank");
        assertMessage(() -> Matrices.identity(0), "n");
    }

    @Test
    void csvRoundTripsExactly(@TempDir Path dir) {
        DMatrixRMaj a = Matrices.gaussian(4, 3).seed(9).build();
        Path f = dir.resolve("a.csv");
        MatrixCsv.write(a, f);
        assertArrayEquals(a.data, MatrixCsv.read(f).data, 0.0);
    }

    @Test
    void badCsvIsRejectedWithLineAndColumn(@TempDir Path dir) throws Exception {
        assertMessage(() -> MatrixCsv.parse("m.csv", List.of("1,2", "3")), "ragged");
        assertMessage(() -> MatrixCsv.parse("m.csv", List.of("1,x")), "line 1 column 2");
        assertMessage(() -> MatrixCsv.parse("m.csv", List.of("1,NaN")), "finite");
        assertMessage(() -> MatrixCsv.parse("m.csv", List.of("", " ")), "empty");
        assertMessage(() -> MatrixCsv.read(dir.resolve("missing.csv")), "cannot read");
        Path f = dir.resolve("ok.csv");
        Files.writeString(f, "1, 2\n\n3,4\n");
        assertEquals(4, MatrixCsv.read(f).get(1, 1));
    }

    @Test
    void csvParsesEveryLayoutIntoTheSameMatrix() {
        // A byte-order mark, CRLF, spaces around cells, blank lines, signs and exponents: one matrix, row-major.
        DMatrixRMaj m = MatrixCsv.parse("m.csv", "\uFEFF 1, -2.5e0 \r\n\r\n  +3 ,4.0E-1\n.5,6.\n");
        assertEquals(3, m.numRows);
        assertEquals(2, m.numCols);
        assertArrayEquals(new double[] {1, -2.5, 3, 0.4, 0.5, 6}, m.data, 0.0);
        // More cells than the first guess of the array holds, and cells longer than the scratch buffer.
        DMatrixRMaj a = Matrices.gaussian(70, 40).seed(2).build();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            for (int j = 0; j < 40; j++)   // column 7 in its exact decimal expansion (50-odd digits)
                text.append(j > 0 ? "," : "").append(j == 7 ? new java.math.BigDecimal(a.get(i, j)).toPlainString() : a.get(i, j));
            text.append('\n');
        }
        DMatrixRMaj back = MatrixCsv.parse("a.csv", text.toString());
        assertEquals(a.numRows * a.numCols, back.data.length);
        assertArrayEquals(a.data, back.data, 0.0);
        assertMessage(() -> MatrixCsv.parse("m.csv", "1,2\n\n3,4\n5,,6\n"), "m.csv line 4 column 2: not a number: ''");
        assertMessage(() -> MatrixCsv.parse("m.csv", "1,2\n3,1e999\n"), "line 2 column 2: must be finite, got 1e999");
    }

    static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
