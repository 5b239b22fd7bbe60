package org.largelr.bench;

import java.util.concurrent.TimeUnit;

import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.ScalarBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scalar lanes alone, in lane-steps per second (one operation = one run's step): 4096 runs of 2000 steps
 * through {@code GradientDescent.runBatch}, all in the stable range (h in [0.05, 0.45], x0 in [0.5, 2], y0 = 0.5,
 * no tolerance, so no run stops early) and every lane takes every step. Run with {@code -t 2} for two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScalarLanesBench {
    static final int RUNS = 4096, STEPS = 2000;

    private double[] h, x0, y0;
    private GradientDescent gd;

    @Setup
    public void setUp() {
        h = new double[RUNS];
        x0 = new double[RUNS];
        y0 = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            h[i] = 0.05 + 0.4 * (i % 64) / 63.0;
            x0[i] = 0.5 + 1.5 * (i / 64) / 63.0;
            y0[i] = 0.5;
        }
        gd = GradientDescent.on(Problem.scalar(1)).maxSteps(STEPS).noTolerance();
    }

    @Benchmark
    @OperationsPerInvocation(RUNS * STEPS)
    public ScalarBatch lanes() {
        return gd.runBatch(h, x0, y0);
    }
}
