package org.largelr.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.ludovic.netlib.blas.BLAS;
import org.largelr.core.Target;
import org.largelr.core.Workspace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix step's products two ways, one thread each: our workspace ({@code ours}) and a BLAS-3 path through
 * dev.ludovic.netlib ({@code blas}: {@code R = A - X Y^T}, {@code R Y}, {@code R^T X} as three DGEMMs plus the loss
 * and the update; native BLAS through JNI where the system has one, here Debian's OpenBLAS; run with
 * {@code OPENBLAS_NUM_THREADS=1} for one thread). The parameter is "n:d"; one operation is one step, 6 n m d flops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BlasPathBench {
    @Param({"100:5", "100:10", "500:10", "500:20", "2000:10", "2000:20"})
    public String size;

    private int n, d;
    private Workspace w;
    private BLAS blas;
    private double[] a, x, y, rt, dxt, dyt;

    @Setup(Level.Trial)
    public void setup() {
        String[] p = size.split(":");
        n = Integer.parseInt(p[0]);
        d = Integer.parseInt(p[1]);
        Random r = new Random(1);
        a = new double[n * n];
        x = new double[n * d];
        y = new double[n * d];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() / Math.sqrt(n);
        for (int i = 0; i < x.length; i++) x[i] = 0.1 * r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = 0.1 * r.nextGaussian();
        w = new Workspace(new Target(a, n, n), d, false);
        w.setFactors(x, y);
        blas = BLAS.getInstance();
        rt = new double[n * n];
        dxt = new double[n * d];
        dyt = new double[n * d];
    }

    @Benchmark
    public double ours() {
        double loss = w.evaluate() + w.directionNorm2();
        w.step(1e-6);
        return loss;
    }

    /** Row-major arrays read as column-major transposes: A^T (m x n), X^T (d x n), Y^T (d x m). */
    @Benchmark
    public double blas() {
        int m = n;
        System.arraycopy(a, 0, rt, 0, n * m);
        blas.dgemm("T", "N", m, n, d, -1.0, y, d, x, d, 1.0, rt, m);        // R^T = A^T - Y X^T
        double loss = 0.5 * blas.ddot(n * m, rt, 1, rt, 1);
        blas.dgemm("N", "N", d, n, m, 1.0, y, d, rt, m, 0.0, dxt, d);      // (R Y)^T = Y^T R^T
        blas.dgemm("N", "T", d, m, n, 1.0, x, d, rt, m, 0.0, dyt, d);      // (R^T X)^T = X^T R
        double g = blas.ddot(n * d, dxt, 1, dxt, 1) + blas.ddot(m * d, dyt, 1, dyt, 1);
        blas.daxpy(n * d, 1e-6, dxt, 1, x, 1);
        blas.daxpy(m * d, 1e-6, dyt, 1, y, 1);
        return loss + g;
    }
}
