package org.largelr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Progress counts the work done, in steps: the batch's hook, a sweep's totals, and the two displays' one line. */
class SweepWorkTest {
    @Test
    void aBatchTellsItsStepsAndEachRunAsItEnds() {
        double[] h = {0.1, 0.05, 0.2, 0.3, 0.15}, x0 = {1.5, 0.2, 1, 1, 0.7}, y0 = {0.1, 0.4, 1, 0.5, 0.3};
        long budget = 1000;   // 31 chunks and a rest of 8: both passes count
        long[] stepped = {0};
        List<Integer> ended = new ArrayList<>();
        GradientDescent gd = GradientDescent.on(Problem.scalar(1)).maxSteps(budget).noTolerance();
        ScalarBatch b = gd.runBatch(h, x0, y0, () -> false, new ScalarBatch.Watch() {
            @Override public void stepped(long steps) { stepped[0] += steps; }

            @Override public void ended(ScalarBatch batch, int i) {
                assertTrue(batch.finished(i), "run " + i + " is final when told");
                ended.add(i);
            }
        });
        for (int i = 0; i < h.length; i++) assertEquals(Outcome.MAX_STEPS, b.outcome(i), "run " + i);
        assertEquals(h.length * budget, stepped[0], "every run took the whole budget: runs x budget lane-steps");
        assertEquals(List.of(0, 1, 2, 3, 4), ended.stream().sorted().toList(), "each run told once");
    }

    @Test
    void aSweepsLastProgressCountsEveryStepOfItsRuns() {
        Sweep scalar = Sweep.scalar(1).h(Grid.linear(0.05, 0.5, 7)).x0(Grid.linear(0.5, 2, 9)).y0(0.5).maxSteps(777)
                .noTolerance();
        Sweep matrix = Sweep.randomMatrices(3, new int[] {5, 4, 2}).starts(Start.gaussian(0.3)).seeds(Grid.consecutive(0, 3))
                .h(Grid.of(0.01, 0.02)).maxSteps(301).noTolerance();
        for (Sweep s : List.of(scalar, matrix)) {
            long[] last = new long[4];
            s.threads(2).progress(new SweepProgress() {
                @Override public void update(long done, long total, double seconds) {}

                @Override public void steps(long done, long total, long runsDone, long runsTotal, double seconds) {
                    last[0] = done;
                    last[1] = total;
                    last[2] = runsDone;
                    last[3] = runsTotal;
                }
            }).run();
            long runs = s.runs(), budget = s == scalar ? 777 : 301;
            assertEquals(runs * budget, last[0], "steps done: " + s);
            assertEquals(runs * budget, last[1], "budget of runs that use all of it");
            assertEquals(runs, last[2]);
            assertEquals(runs, last[3]);
        }
    }

    @Test
    void theNotebookAndTheTerminalShowTheSameLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepProgress lines = SweepProgress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        StringWriter err = new StringWriter();
        SweepProgress terminal = SweepProgress.terminal(new PrintWriter(err, true));
        // 30 % of the steps after 5 s with no run finished: the notebook prints its 25 % line.
        lines.steps(4_800_000_000L, 16_000_000_000L, 0, 400, 5);
        terminal.steps(4_800_000_000L, 16_000_000_000L, 0, 400, 5);
        String notebook = bytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals("sweep: 4.80e9/1.60e10 steps (30%), 9.60e8 steps/s; 0 of 400 runs finished; 12 s left at most", notebook);
        assertEquals(notebook, err.toString().replace("\r", "").strip());
    }
}
