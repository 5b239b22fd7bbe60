package org.largelr.paper;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/** Instances of the checks, their sweeps run as a set, and the claims the notebooks check on them. */
class SweepSetTest {

    @Test
    void scalarInstancesAreEveryMuDPairSeedInOrder() {
        List<Instance> in = Experiments.scalarInstances(Grid.of(1, 2), Grid.of(1, 5), new double[][] {{9, 1}, {3, 0.1}}, Grid.consecutive(0, 3));
        assertEquals(2 * 2 * 2 * 3, in.size());
        assertEquals("mu=1, d=1, norms (9, 1), seed 0", in.get(0).name());
        assertEquals("mu=2, d=5, norms (3, 0.1), seed 2", in.get(23).name());
        Instance last = in.get(23);
        assertEquals(5, last.problem().d());
        assertEquals(2, last.problem().target().get(0, 0));
        var f = last.start().create(last.problem());
        assertEquals(9, f.xNorm2(), 1e-12);
        assertEquals(0.01, f.yNorm2(), 1e-12);
        assertEquals(2, last.start().seed());
        assertThrows(IllegalArgumentException.class, () -> Experiments.scalarInstances(Grid.of(1), Grid.of(1.5), Experiments.PAPER_NORMS, Grid.of(0)));
    }

    @Test
    void matrixInstancesAddTheExactFitAndTieTheSeeds() {
        List<Instance> in = Experiments.matrixInstances(Grid.of(4, 6), Grid.consecutive(0, 2), 0.25, 4, 1);
        assertEquals(2 * 2 * 2, in.size());
        assertEquals(List.of("n=4 d=1 seed 0", "n=4 d=1 seed 1", "n=4 d=4 seed 0", "n=4 d=4 seed 1", "n=6 d=1 seed 0"),
                in.subList(0, 5).stream().map(Instance::name).toList());
        Instance i = in.get(7);
        assertEquals(6, i.problem().d());
        assertEquals(Experiments.gaussianInstance(6, 6, 1).target().get(2, 3), i.problem().target().get(2, 3));
        assertEquals(Experiments.unbalancedStart(0.25, 4, 1).create(i.problem()).xNorm2(), i.start().create(i.problem()).xNorm2());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.matrixInstances(Grid.of(4), Grid.of(0), 0.25, 4, 5));
        assertTrue(e.getMessage().contains("[1, n = 4]"), e.getMessage());
    }

    @Test
    void aSetRunsEachSweepAndStacksTheirRowsUnderTheirNames() {
        List<Instance> in = Experiments.scalarInstances(Grid.of(1), Grid.of(2, 5), new double[][] {{9, 1}}, Grid.of(0));
        var set = SweepSet.each(in, i -> Experiments.beyondClassical(i.problem(), i.start(), 0.5, 1.0));
        assertEquals(4, set.runs());
        var res = set.run();
        Table t = res.table();
        assertEquals(4, t.rowCount());
        assertEquals(List.of(in.get(0).name(), in.get(0).name(), in.get(1).name(), in.get(1).name()), t.stringColumn(Columns.NAME).asList());
        assertEquals(List.of(2, 2, 5, 5), t.intColumn(Columns.D).asList());
        // a d = 1 sweep (the closed-form scalar engine) has other columns: it stacks only on chosen columns
        var mixed = SweepSet.of("d = 1", Experiments.beyondClassical(Problem.scalar(1), Start.withNorms(9, 1).seed(0), 1.0))
                .and("d = 2", set.sweeps().get(in.get(0).name())).run();
        assertThrows(IllegalArgumentException.class, mixed::table);
        assertEquals(List.of("d = 1", "d = 2", "d = 2"), mixed.table(Columns.H, Columns.OUTCOME).stringColumn(Columns.NAME).asList());
        Theory th = in.get(1).theory();
        assertEquals(th.h0(), t.doubleColumn(Columns.H).get(3), 1e-15);
        assertEquals(th.h0(), res.get(in.get(1).name()).trajectories().get(1).h(), 1e-15);
        List<Verdict> perRun = res.eachRun(Claims::theorem31);
        assertEquals(4, perRun.size());
        assertEquals(Claims.theorem31(res.trajectories().get(2)).instance(), perRun.get(2).instance());
        perRun.forEach(Verdict::assertHolds);
        List<Verdict> perInstance = res.eachInstance((name, runs) -> List.of(new Verdict(name + " x" + runs.size(), List.of())));
        assertEquals(List.of(in.get(0).name() + " x2", in.get(1).name() + " x2"), perInstance.stream().map(Verdict::instance).toList());
        assertThrows(IllegalArgumentException.class, () -> set.and(in.get(0).name(), Experiments.balance(Problem.scalar(1), Start.scalar(1, 2), Grid.of(0.1))));
        assertThrows(IllegalArgumentException.class, () -> res.get("no such sweep"));
    }

    @Test
    void halfClassicalAndH0ContrastHoldsAndFailsWhenTheRunsAreSwapped() {
        Instance in = Experiments.scalarInstances(Grid.of(1), Grid.of(10), Experiments.PAPER_NORMS, Grid.of(1)).get(0);
        List<GdResult> runs = Experiments.halfClassicalAndH0(in.problem(), in.start()).run().trajectories();
        assertEquals(1 / runs.get(0).L(), runs.get(0).h(), 0);
        assertEquals(in.theory().h0(), runs.get(1).h(), 0);
        Verdict v = Claims.smallStepKeepsH0Balances(in.name(), runs).get(0);
        assertEquals(4, v.checks().size());
        v.assertHolds();
        // the large step first: it is no small step and keeps far less than 0.9, and the small one does not balance
        Verdict swapped = Claims.smallStepKeepsH0Balances(in.name(), List.of(runs.get(1), runs.get(0))).get(0);
        assertEquals(3, swapped.checks().stream().filter(c -> !c.holds()).count());
        assertThrows(IllegalArgumentException.class, () -> Claims.smallStepKeepsH0Balances(in.name(), runs.subList(0, 1)));
    }

    @Test
    void pastOneOverMuNothingConvergesAndAConvergingRunFailsTheClaim() {
        var runs = Experiments.scalarRuns(Problem.scalar(1), 20_000, Start.scalar(1.1, 0.9)).h(Grid.of(0.3, 1.05)).run().trajectories();
        Verdict inside = Claims.noConvergencePastOneOverMu(runs.get(0)), past = Claims.noConvergencePastOneOverMu(runs.get(1));
        assertEquals("mu=1, (1.1, 0.9), h=1.050", past.instance());
        past.assertHolds();
        assertTrue(runs.get(0).converged());
        assertFalse(inside.hypothesesHold());
        assertFalse(inside.conclusionsHold());
        assertThrows(AssertionError.class, () -> Verdict.conclude(List.of(past, inside)));
    }

    @Test
    void identityReplaysTakeEachMultipleOfTwoOverLThenTheStepPastOneOverMu() {
        List<Instance> in = Experiments.scalarInstances(Grid.of(2), Grid.of(1), new double[][] {{3, 0.1}}, Grid.of(0));
        List<ResidualContraction> t = Experiments.identityReplays(in, 500, 1e-21, 1.05, 0.5, 1.2);
        assertEquals(3, t.size());
        double twoOverL = in.get(0).theory().classicalLimit();
        assertEquals(0.5 * twoOverL, t.get(0).h(), 0);
        assertEquals(1.2 * twoOverL, t.get(1).h(), 0);
        assertEquals(1.05 / 2, t.get(2).h(), 0);
        t.forEach(r -> r.verdict(1e-12).assertHolds());
    }

    @Test
    void labelStepsNamesTheFractionOfOneOverSigma1AndMultiplesOfTwoOverL() {
        Instance in = Experiments.matrixInstances(Grid.of(6), Grid.of(0), 0.25, 4).get(0);
        Grid steps = Experiments.matrixSteps(in.theory(), 0.98, new double[] {0.5, 1.25}, 0.98);
        Table t = Limits.labelSteps(Experiments.landscape(in.start(), in.problem()).h(steps).maxSteps(50).run().table(), 0.98);
        assertEquals(List.of("0.50 x 2/L", "1.25 x 2/L", "0.98 / sigma_1"), t.stringColumn(Limits.H_LABEL).asList());
    }
}
