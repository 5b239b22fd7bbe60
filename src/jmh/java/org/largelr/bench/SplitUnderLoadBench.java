package org.largelr.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One matrix step (evaluate, gradient norm, update), split over two threads or not, while {@code hogs} Java threads
 * spin in the same JVM (a CPU hog like {@code yes >/dev/null}, one per core at {@code hogs = 2}). The claim measured:
 * under a hog a split step is no slower than an unsplit one. The parameter is "n:d"; one operation is one step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class SplitUnderLoadBench {
    @Param({"500:10", "2000:20"})
    public String size;
    @Param({"0", "2"})
    public int hogs;
    @Param({"false", "true"})
    public boolean split;

    private Workspace w;
    private Thread[] hogThreads;
    private volatile boolean stop;

    @Setup(Level.Trial)
    public void setup() {
        String[] p = size.split(":");
        int n = Integer.parseInt(p[0]), d = Integer.parseInt(p[1]);
        Random r = new Random(1);
        double[] a = new double[n * n], x = new double[n * d], y = new double[n * d];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() / Math.sqrt(n);
        for (int i = 0; i < x.length; i++) x[i] = 0.1 * r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = 0.1 * r.nextGaussian();
        w = new Workspace(new Target(a, n, n), d, split);
        if (split && w.threads() != 2) throw new IllegalStateException("this machine does not split " + size);
        w.setFactors(x, y);
        stop = false;
        hogThreads = new Thread[hogs];
        for (int i = 0; i < hogs; i++) {
            hogThreads[i] = new Thread(() -> {
                long s = 0;
                while (!stop) s += System.nanoTime() & 1;   // busy, never yields
                if (s == 42) System.out.print("");
            }, "hog-" + i);
            hogThreads[i].setDaemon(true);
            hogThreads[i].start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        for (Thread t : hogThreads) t.join();
    }

    @Benchmark
    public double step() {
        double loss = w.evaluate() + w.directionNorm2();
        w.step(1e-6);   // tiny, so thousands of steps stay near the start
        return loss;
    }
}
