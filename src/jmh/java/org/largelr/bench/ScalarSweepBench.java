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
 * Case 2: the scalar sweep of {@code numpy_gd.py bench-scalar-grid}: mu = 1, 400 learning rates in [0.01, 1] x 400
 * starts x0 in [0.1, 3], y0 = 0.5, 2000 steps, outcome and final x, y (so |x - y|) per run, on all cores. "full":
 * no tolerance, every run that does not diverge takes all 2000 steps, as NumPy's does; "default": the sweep's
 * default stop rule (converged at loss <= 1e-20), as a user would run it. One operation is the whole sweep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScalarSweepBench {
    public static final int RUNS = 400 * 400;

    @Param({"full", "default"})
    public String rule;

    @Benchmark
    public Table sweep() {
        Sweep s = Sweep.scalar(1.0).h(Grid.linear(0.01, 1.0, 400)).x0(Grid.linear(0.1, 3.0, 400))
                .y0(0.5).maxSteps(2000).progress(SweepProgress.none());
        if (rule.equals("full")) s = s.noTolerance();
        return s.run().table();
    }
}
