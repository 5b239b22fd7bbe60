package org.largelr.bench;

import java.util.concurrent.TimeUnit;

import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 1: one trajectory with every metric (loss, norms, imbalance, balance gap, gradient norm) recorded at every
 * step, the setting of {@code numpy_gd.py bench}: A with entries N(0, 1/n), X0 and Y0 with entries N(0, 0.01),
 * h = 0.01. The parameter is "n:d:steps"; one operation is one run of that many steps (bench/run divides).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrajectoryBench {
    @Param({"20:2:4000", "100:5:1000", "500:10:100", "2000:20:10"})
    public String size;

    private Problem problem;
    private long steps;

    @Setup
    public void setup() {
        String[] p = size.split(":");
        int n = Integer.parseInt(p[0]), d = Integer.parseInt(p[1]);
        steps = Long.parseLong(p[2]);
        problem = Problem.factorization(Matrices.gaussian(n, n).scale(1 / Math.sqrt(n)).seed(0).build(), d);
    }

    @Benchmark
    public GdResult trajectory() {
        return GradientDescent.on(problem).from(Start.gaussian(0.1).seed(1)).h(0.01).maxSteps(steps)
                .recordEvery(1).computeL(false).noTolerance().run();
    }
}
