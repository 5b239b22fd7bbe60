package org.largelr.problem;

import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.largelr.api.Matrices;

class StartTest {
    private final Problem problem = Problem.factorization(Matrices.gaussian(6, 5).seed(1).build(), 2);

    @Test
    void unbalancingKeepsTheProductAndScalesTheNorms() {
        Factors base = Start.gaussian(0.5).seed(4).create(problem);
        Factors unbalanced = Start.gaussian(0.5).seed(4).unbalanced(3).create(problem);
        assertArrayEquals(base.product().data, unbalanced.product().data, 1e-13);
        assertEquals(9 * base.xNorm2(), unbalanced.xNorm2(), 1e-12);
        assertEquals(base.yNorm2() / 9, unbalanced.yNorm2(), 1e-12);
        assertEquals(4, Start.gaussian(0.5).seed(4).unbalanced(3).seed());
    }

    @Test
    void normStartHasThePrescribedNorms() {
        Factors f = Start.withNorms(9, 1).seed(2).create(Problem.scalar(1, 3));
        assertEquals(81, f.xNorm2(), 1e-10);
        assertEquals(1, f.yNorm2(), 1e-12);
    }

    @Test
    void givenStartIsCheckedAgainstTheProblem() {
        Start s = Start.given(Matrices.gaussian(6, 2).build(), Matrices.gaussian(4, 2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.create(problem));
        assertTrue(e.getMessage().contains("Y must be 5x2"));
    }

    @Test
    void balanceGapAndImbalance() {
        Factors f = Factors.scalar(3, 1);
        assertEquals(8, f.imbalance(), 0);
        assertEquals(8, f.balanceGap(), 0);
        // Balanced by construction: X = Y Q with Q orthogonal gives X^T X = Y^T Y.
        Factors balanced = new Factors(Matrices.of(new double[][] {{1, 2}, {3, 4}}), Matrices.of(new double[][] {{1, 2}, {3, 4}}));
        assertEquals(0, balanced.balanceGap(), 0);
    }
}
