package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/** The matrix check grid: which runs are made, which are skipped, and that its verdicts can fail. */
class MatrixStudyTest {

    @Test
    void smallGridPassesAndSkipsStepsPastTheMargin() {
        MatrixStudy s = MatrixStudy.sizes(4, 6).ranks(1).exactFit().seeds(2).start(0.25, 4)
                .multiples(0.5, 1.5).limitFractions(0.9, 1.2).assertConvergenceUpTo(1.5).run();
        assertEquals(2 * 2 * 2 * 4, s.cases().size());
        for (MatrixStudy.Case c : s.cases()) {
            boolean past = c.h() * c.sigma1() > 0.98 * (1 + 1e-12);
            if (past || (c.rule().endsWith("sigma_1") && c.h() <= 2 / c.L())) assertTrue(c.skipped(), c.describe());
            else assertFalse(c.skipped(), c.describe());
            if (c.rule().equals("1.2 / sigma_1")) assertTrue(c.skipped());
        }
        Table out = s.outcomes();
        assertEquals(4, out.rowCount());
        assertEquals(8, out.intColumn("CONVERGED").get(0));        // 0.5 x 2/L: all eight converge
        List<Verdict> v = s.verdicts();
        assertTrue(Verdict.conclude(v).startsWith("VERDICT: PASS"));
        assertEquals(s.count("CONVERGED"), v.size());
        // exact-fit instances carry the Gram and closed-form checks, d = 1 instances do not
        assertTrue(v.stream().anyMatch(x -> x.checks().stream().anyMatch(c -> c.claim().startsWith("lambda_max"))));
        assertTrue(v.stream().filter(x -> x.instance().contains("d=1 ")).allMatch(
                x -> x.checks().stream().noneMatch(c -> c.claim().startsWith("lambda_max"))));
        Table t = s.table();
        assertEquals(s.cases().size(), t.rowCount());
    }

    @Test
    void assertedConvergenceFailsWhenRunsAreCutShort() {
        MatrixStudy s = MatrixStudy.sizes(4).exactFit().seeds(1).multiples(0.5).maxSteps(3)
                .assertConvergenceUpTo(1).run();
        assertEquals(1, s.count("MAX_STEPS"));
        AssertionError e = assertThrows(AssertionError.class, () -> Verdict.conclude(s.verdicts()));
        assertTrue(e.getMessage().contains("run converged"), e.getMessage());
    }

    @Test
    void unassertedNonConvergedRunsGetNoVerdict() {
        MatrixStudy s = MatrixStudy.sizes(4).exactFit().seeds(1).multiples(0.5).maxSteps(3).run();
        assertTrue(s.verdicts().isEmpty());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> MatrixStudy.sizes());
        assertThrows(IllegalArgumentException.class, () -> MatrixStudy.sizes(4).run());
        assertThrows(IllegalArgumentException.class, () -> MatrixStudy.sizes(4).margin(1.5));
    }
}
