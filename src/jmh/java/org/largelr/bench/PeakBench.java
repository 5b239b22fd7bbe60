package org.largelr.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's reachable peak from Java, on all cores: a DGEMM-like kernel (C += A B on 384 x 384 blocks that stay
 * in cache, the i-k-j order whose inner loop the JIT vectorizes) for the floating-point rate, and a STREAM triad
 * ({@code a = b + s c} on 3 x 64 MiB) for the memory bandwidth. bench/run turns the times into GFLOP/s and GB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakBench {
    public static final int N = 384;
    public static final int TRIAD = 8 << 20;   // doubles per array

    private final int threads = Runtime.getRuntime().availableProcessors();
    private ExecutorService pool;
    private double[][][] a, b, c;
    private double[] ta, tb, tc;

    @Setup(Level.Trial)
    public void setup() {
        pool = Executors.newFixedThreadPool(threads);
        a = new double[threads][N][N];
        b = new double[threads][N][N];
        c = new double[threads][N][N];
        for (int t = 0; t < threads; t++)
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) {
                    a[t][i][j] = 1e-3 * ((i * 7 + j) % 13);
                    b[t][i][j] = 1e-3 * ((i + 3 * j) % 11);
                }
        ta = new double[TRIAD];
        tb = new double[TRIAD];
        tc = new double[TRIAD];
        java.util.Arrays.fill(tb, 1.0);
        java.util.Arrays.fill(tc, 2.0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    /** 2 N^3 flops per thread. */
    @Benchmark
    public double dgemm() throws Exception {
        Future<?>[] f = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            f[t] = pool.submit(() -> multiply(a[id], b[id], c[id]));
        }
        for (Future<?> x : f) x.get();
        return c[0][1][1];
    }

    static void multiply(double[][] a, double[][] b, double[][] c) {
        for (int i = 0; i < N; i++) {
            double[] ci = c[i], ai = a[i];
            for (int k = 0; k < N; k++) {
                double aik = ai[k];
                double[] bk = b[k];
                for (int j = 0; j < N; j++) ci[j] += aik * bk[j];
            }
        }
    }

    /** 24 bytes moved per element (two reads, one write). */
    @Benchmark
    public double triad() throws Exception {
        Future<?>[] f = new Future<?>[threads];
        int chunk = TRIAD / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * chunk, to = t == threads - 1 ? TRIAD : from + chunk;
            f[t] = pool.submit(() -> {
                for (int i = from; i < to; i++) ta[i] = tb[i] + 3.0 * tc[i];
            });
        }
        for (Future<?> x : f) x.get();
        return ta[7];
    }
}
