package org.largelr.bench;

import java.util.concurrent.TimeUnit;

import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tech.tablesaw.api.Table;

/**
 * Case 3: a matrix sweep of 64 learning rates (0.005 .. 0.2, all below 2/L here) x 8 seeds on n = m = 50, d = 3,
 * 2000 steps each, starts N(0, 0.01), on all cores. "full": no tolerance, all 512 runs take 2000 steps (the work
 * NumPy does); "default": the sweep's default stop rule (converged at ||grad|| <= 1e-10). One operation is the sweep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class MatrixSweepBench {
    public static final int RUNS = 64 * 8;

    @Param({"full", "default"})
    public String rule;

    @Benchmark
    public Table sweep() {
        Sweep s = Sweep.randomMatrices(0, new int[] {50, 50, 3}).h(Grid.linear(0.005, 0.2, 64))
                .scales(Grid.of(0.1)).seeds(Grid.consecutive(0, 8)).maxSteps(2000).progress(SweepProgress.none());
        if (rule.equals("full")) s = s.noTolerance();
        return s.run().table();
    }
}
