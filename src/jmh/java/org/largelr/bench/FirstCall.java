package org.largelr.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.largelr.api.Factors;
import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

/**
 * First call against warm calls in a fresh JVM (not a JMH benchmark: JMH warms up on purpose). Run once per JVM:
 * {@code java -cp <bench classpath> org.largelr.bench.FirstCall sweep|gd [warmup]}. Prints the first call's wall and
 * process CPU time, the median of the next calls, and their ratio. With {@code warmup}, the first call follows
 * {@code Kernels}' load-time warm-up, as in a notebook whose first cell is {@code Kernels.setup()}.
 */
public final class FirstCall {
    private FirstCall() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "sweep";
        boolean warmup = args.length > 1 && args[1].equals("warmup");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (warmup) {
            long t = System.nanoTime();
            org.largelr.notebook.Kernels.warmUp().join();
            System.out.printf(Locale.ROOT, "warm-up: %.3f s%n", (System.nanoTime() - t) / 1e9);
        }
        Runnable call = switch (what) {
            // The sweep: 400 x 400 runs, 2000 steps, all cores (ScalarSweepBench's "default").
            case "sweep" -> () -> Sweep.scalar(1.0).h(Grid.linear(0.01, 1.0, 400)).x0(Grid.linear(0.1, 3.0, 400))
                    .y0(0.5).maxSteps(2000).progress(SweepProgress.none()).run().table();
            // A notebook-sized sweep (notebook 05): 200 x 200 runs, 2000 steps.
            case "sweep200" -> () -> Sweep.scalar(1.0).h(Grid.linear(0.01, 1.2, 200)).x0(Grid.linear(0.1, 3.0, 200))
                    .y0(0.5).maxSteps(2000).progress(SweepProgress.none()).run().table();
            // One scalar run of 1e7 steps, its trajectory every 1000 steps.
            case "gd" -> () -> GradientDescent.on(Problem.scalar(1)).from(Factors.scalar(3, 0.1)).h(0.3)
                    .maxSteps(10_000_000).noTolerance().recordEvery(1000).run();
            default -> throw new IllegalArgumentException("sweep, sweep200 or gd, got " + what);
        };
        double[] first = time(call);
        int n = 7;
        double[] wall = new double[n], cpu = new double[n];
        for (int i = 0; i < n; i++) {
            double[] t = time(call);
            wall[i] = t[0];
            cpu[i] = t[1];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s%s: first %.3f s wall / %.3f s cpu, warm median %.3f s wall / %.3f s cpu, "
                        + "first/warm %.2fx wall, %.2fx cpu (JVM up %.2f s before the first call ended)%n",
                what, warmup ? " after warm-up" : "", first[0], first[1], wall[n / 2], cpu[n / 2], first[0] / wall[n / 2],
                first[1] / cpu[n / 2], (System.currentTimeMillis() - jvmStart) / 1e3);
    }

    /** Wall and process CPU seconds of one call. */
    private static double[] time(Runnable call) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long w = System.nanoTime(), c = os.getProcessCpuTime();
        call.run();
        return new double[] {(System.nanoTime() - w) / 1e9, (os.getProcessCpuTime() - c) / 1e9};
    }
}
