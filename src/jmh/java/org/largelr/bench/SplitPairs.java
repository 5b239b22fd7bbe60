package org.largelr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.largelr.core.Target;
import org.largelr.core.Workspace;

/**
 * Is a split step slower than an unsplit one on this machine, now? Not a JMH benchmark: JMH measures one
 * configuration after another, and on a shared machine the load moves more between them than the split changes.
 * Here three arms on the same problem take turns in one JVM, one short run each, in a random order every round:
 * {@code split} (a workspace that may use two threads), {@code solo} and {@code solo2} (one thread each). Every
 * round builds fresh workspaces, as every run does, after a random few bytes of padding, so that no arm keeps a
 * lucky or unlucky alignment of its buffers for the whole measurement (within one JVM that alone moved two identical
 * arms apart by up to 1.4x). Each round gives the paired ratios split / solo and solo2 / solo of steps per second;
 * solo2 / solo is the A/A control, the spread of two identical arms under the same load. Prints, for both, the
 * median ratio with its 95% sign-test interval and the ratio of total throughput with a 95% bootstrap interval,
 * and each arm's steps per CPU-second (the caller's and the kernel thread's CPU time).
 *
 * <p>{@code java -cp <bench classpath> org.largelr.bench.SplitPairs n d [rounds] [stepsPerRun] [hogs]}: {@code hogs}
 * starts that many {@code setsid yes > /dev/null} (each in its own session, as another program would be) for the
 * measurement and stops them after. One step is evaluate, gradient norm, update, as in a run that records nothing.
 */
public final class SplitPairs {
    private SplitPairs() {}

    private static final String[] ARMS = {"split", "solo", "solo2"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), d = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 192;
        int hogs = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Random r = new Random(1);
        double[] a = new double[n * n], x = new double[n * d], y = new double[n * d];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() / Math.sqrt(n);
        for (int i = 0; i < x.length; i++) x[i] = 0.1 * r.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = 0.1 * r.nextGaussian();
        Target target = new Target(a, n, n);
        Random layout = new Random(3);
        Workspace probe = new Workspace(target, d, true);
        System.out.printf(Locale.ROOT, "n = %d, d = %d: split arm uses %d thread(s); %d rounds of runs of %d steps, %d hog(s)%n",
                n, d, probe.threads(), rounds, steps, hogs);
        for (int i = 0; i < 3; i++)   // compiled before anything is timed
            for (double t0 = System.nanoTime(); System.nanoTime() - t0 < 1e9; ) run(fresh(target, d, i == 0, x, y, layout), steps);
        long helper = kernelThread();
        List<Process> hogProcs = new ArrayList<>();
        try {
            for (int i = 0; i < hogs; i++)
                hogProcs.add(new ProcessBuilder("setsid", "sh", "-c", "exec yes > /dev/null").start());
            Thread.sleep(500);
            String loadBefore = loadAverage();
            double[][] rate = new double[3][rounds], cpu = new double[3][rounds];
            int[] order = {0, 1, 2};
            Random shuffle = new Random(7);
            for (int k = 0; k < rounds; k++) {
                for (int i = 2; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                Workspace[] arms = new Workspace[3];
                for (int arm : order) arms[arm] = fresh(target, d, arm == 0, x, y, layout);
                for (int arm : order) {
                    long c0 = cpuTime(helper);
                    double wall = run(arms[arm], steps);
                    rate[arm][k] = steps / wall;
                    cpu[arm][k] = steps / ((cpuTime(helper) - c0) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "load average before: %s, after: %s%n", loadBefore, loadAverage());
            for (int arm = 0; arm < 3; arm++)
                System.out.printf(Locale.ROOT, "%-6s median %8.1f steps/s (%.1f-%.1f), %8.1f steps per CPU-second%n",
                        ARMS[arm], median(rate[arm]), min(rate[arm]), max(rate[arm]), median(cpu[arm]));
            report("split / solo", rate[0], rate[1]);
            report("solo2 / solo (A/A)", rate[2], rate[1]);
            report("CPU split / solo", cpu[0], cpu[1]);
            report("CPU A/A", cpu[2], cpu[1]);
        } finally {
            for (Process p : hogProcs) p.destroy();
        }
    }

    /** A new workspace at the start point, after a random 0-15 longs of padding (a random alignment of its arrays). */
    private static Workspace fresh(Target target, int d, boolean split, double[] x, double[] y, Random layout) {
        long[] pad = new long[layout.nextInt(16)];
        Workspace w = new Workspace(target, d, split);
        w.setFactors(x, y);
        if (pad.length > 99) throw new AssertionError();
        return w;
    }

    /** Wall seconds of {@code steps} steps. */
    private static double run(Workspace w, int steps) {
        double sink = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            sink += w.evaluate() + w.directionNorm2();
            w.step(1e-6);   // tiny, so every run stays near the start
        }
        long t = System.nanoTime() - t0;
        if (Double.isNaN(sink)) throw new IllegalStateException("the loss became NaN");
        return t / 1e9;
    }

    /** The id of the split's kernel thread (started with the first split workspace's first step), or -1. */
    private static long kernelThread() {
        for (ThreadInfo i : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
            if (i != null && i.getThreadName().equals("largelr-kernel")) return i.getThreadId();
        return -1;
    }

    /** CPU nanoseconds of this thread and the kernel thread. */
    private static long cpuTime(long helper) {
        return THREADS.getCurrentThreadCpuTime() + (helper < 0 ? 0 : THREADS.getThreadCpuTime(helper));
    }

    /** The paired ratios b[k] / a[k]... of arm {@code num} over arm {@code den}, median and total throughput. */
    private static void report(String label, double[] num, double[] den) {
        int rounds = num.length;
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) ratio[k] = num[k] / den[k];
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        int lo = signTestRank(rounds);
        // Total throughput: equal slices, so the ratio of summed rates; its interval from resampled rounds.
        Random boot = new Random(11);
        double[] totals = new double[2000];
        for (int b = 0; b < totals.length; b++) {
            double sn = 0, sd = 0;
            for (int k = 0; k < rounds; k++) {
                int i = boot.nextInt(rounds);
                sn += num[i];
                sd += den[i];
            }
            totals[b] = sn / sd;
        }
        Arrays.sort(totals);
        int wins = 0;
        for (double q : ratio) if (q >= 1) wins++;
        System.out.printf(Locale.ROOT, "%-18s median %.3f (95%%: %.3f-%.3f), total %.3f (95%%: %.3f-%.3f), range %.2f-%.2f, >= 1 in %d of %d%n",
                label, sorted[rounds / 2], sorted[lo], sorted[rounds - 1 - lo], sum(num) / sum(den),
                totals[49], totals[1949], sorted[0], sorted[rounds - 1], wins, rounds);
    }

    /**
     * The 0-based rank k such that [x(k), x(rounds-1-k)] of the sorted ratios covers their median with at least 95%:
     * the largest k with P(Binomial(rounds, 1/2) <= k) <= 2.5%.
     */
    static int signTestRank(int rounds) {
        double p = Math.pow(0.5, rounds), cum = p;
        int k = 0;
        while (true) {
            double next = p * (rounds - k) / (k + 1);
            if (cum + next > 0.025) return k;
            p = next;
            cum += next;
            k++;
        }
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }

    private static double sum(double[] v) { return Arrays.stream(v).sum(); }
}
