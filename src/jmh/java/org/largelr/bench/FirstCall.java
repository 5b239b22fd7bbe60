package org.largelr.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

/**
 * The first call of a fresh JVM against the same call warm, in that JVM (not a JMH benchmark: JMH warms up on
 * purpose). One case per JVM: {@code java -cp <bench classpath> org.largelr.bench.FirstCall sweep|gd fresh|notebook|runall}.
 * <ul>
 * <li>{@code sweep}: case 2's sweep (400 x 400 starts, 2000 steps, default stop rule, all cores), {@code run().table()};
 * <li>{@code gd}: case 1's trajectory at n = m = 500, d = 10 (every metric every step), 300 steps, {@code run()};
 * <li>{@code fresh}: the call is the JVM's first; {@code notebook}: first what a notebook's setup cell runs in a kernel
 * ({@code Kernels.setup()}, whose kernel warm-up is started here as a kernel starts it), then the call once the warm-up
 * is done (how long it took is printed); {@code runall}: the same with the call at once ("Run All").
 * </ul>
 * The warm figure follows JMH's defaults: calls for at least 3 s (and at least 3 calls), then the median of 5. Prints
 * one line of key-value pairs: {@code first-s first-cpu-s warm-s warm-cpu-s ratio cpu-ratio warm-up-s}.
 */
public final class FirstCall {
    private FirstCall() {}

    private static final double WARM_UP_SECONDS = 3;
    private static final int WARM_CALLS = 5;

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) throw new IllegalArgumentException("usage: FirstCall sweep|gd fresh|notebook|runall");
        Runnable call = call(args[0]);
        double warmUp = Double.NaN;
        switch (args[1]) {
            case "fresh" -> { }
            case "notebook", "runall" -> {
                long t = System.nanoTime();
                org.largelr.notebook.Kernels.setup();
                Thread w = org.largelr.notebook.Kernels.warmUp();   // setup() starts it only inside a Jupyter kernel
                if (args[1].equals("notebook")) {
                    w.join();
                    warmUp = (System.nanoTime() - t) / 1e9;
                }
            }
            default -> throw new IllegalArgumentException("mode must be fresh, notebook or runall, got " + args[1]);
        }
        double[] first = time(call);
        long until = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < until; i++) call.run();
        double[] wall = new double[WARM_CALLS], cpu = new double[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++) {
            double[] t = time(call);
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        double w = wall[WARM_CALLS / 2], c = cpu[WARM_CALLS / 2];
        System.out.printf(Locale.ROOT, "first-s %.4f first-cpu-s %.4f warm-s %.4f warm-cpu-s %.4f ratio %.3f cpu-ratio %.3f"
                + " warm-up-s %.3f%n", first[0], first[1], w, c, first[0] / w, first[1] / c, warmUp);
    }

    private static Runnable call(String what) {
        return switch (what) {
            case "sweep" -> () -> {
                int rows = Sweep.scalar(1.0).h(Grid.linear(0.01, 1.0, 400)).x0(Grid.linear(0.1, 3.0, 400)).y0(0.5)
                        .maxSteps(2000).progress(SweepProgress.none()).run().table().rowCount();
                if (rows != ScalarSweepBench.RUNS) throw new IllegalStateException("sweep gave " + rows + " rows");
            };
            case "gd" -> {
                Problem p = Problem.factorization(Matrices.gaussian(500, 500).scale(1 / Math.sqrt(500)).seed(0).build(), 10);
                yield () -> {
                    long steps = GradientDescent.on(p).from(Start.gaussian(0.1).seed(1)).h(0.01).maxSteps(300)
                            .recordEvery(1).computeL(false).noTolerance().run().steps();
                    if (steps != 300) throw new IllegalStateException("gd ran " + steps + " steps");
                };
            }
            default -> throw new IllegalArgumentException("case must be sweep or gd, got " + what);
        };
    }

    /** Wall and process CPU seconds of one call. */
    private static double[] time(Runnable call) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long w = System.nanoTime(), c = os.getProcessCpuTime();
        call.run();
        return new double[] {(System.nanoTime() - w) / 1e9, (os.getProcessCpuTime() - c) / 1e9};
    }
}
