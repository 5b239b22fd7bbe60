package org.largelr.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.largelr.api.Grid;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;
import org.largelr.api.Theory;

/**
 * The paper's experiments as named {@link Sweep} configurations: each method returns a sweep value (vary it with
 * its withers, run it with {@code run()}); {@link Claims} checks what the runs must show. Which settings are the
 * paper's and which ours is said per method (docs/paper.md).
 *
 * <pre>{@code
 * SweepResult grid = Experiments.scalarExperiment(1.0).run();        // 3 norm pairs x 6 fractions of h0
 * Table t = grid.table();  Figures.norms(grid, 6);
 * }</pre>
 */
public final class Experiments {
    /** {@code h0, 6/7 h0, ..., 2/7 h0}: the first two are the paper's, the other four our reading. */
    public static final double[] PAPER_FRACTIONS = {1, 6.0 / 7, 5.0 / 7, 4.0 / 7, 3.0 / 7, 2.0 / 7};
    /** The paper's {@code (||x0||, ||y0||)}. */
    public static final double[][] PAPER_NORMS = {{9, 1}, {19, 1}, {99, 1}};

    private Experiments() {}

    /** {@code 1/2 (mu - x y^T)^2}, {@code x, y in R^{1 x d}}: the closed-form scalar engine for d = 1. */
    public static Problem scalarProblem(double mu, int d) {
        return d == 1 ? Problem.scalar(mu) : Problem.scalar(mu, d);
    }

    /**
     * The instances of a scalar check: every mu x d x norm pair x seed (mu outermost, seed innermost), each the
     * problem {@link #scalarProblem(double, int)} from {@code Start.withNorms(pair).seed(seed)} (random directions,
     * prescribed norms), named like {@code "mu=1, d=2, norms (3, 0.1), seed 0"}.
     */
    public static List<Instance> scalarInstances(Grid mu, Grid d, double[][] norms, Grid seeds) {
        if (norms == null || norms.length == 0) throw new IllegalArgumentException("norms must hold at least one pair");
        List<Instance> out = new ArrayList<>();
        for (double m : mu.values())
            for (long dim : whole(d, "d"))
                for (double[] pair : norms) {
                    if (pair == null || pair.length != 2) throw new IllegalArgumentException("each norm pair must be {||x0||, ||y0||}");
                    for (long seed : whole(seeds, "seeds"))
                        out.add(new Instance(String.format(Locale.ROOT, "mu=%s, d=%d, norms (%s, %s), seed %d", Claims.num(m), dim,
                                Claims.num(pair[0]), Claims.num(pair[1]), seed), scalarProblem(m, (int) dim),
                                Start.withNorms(pair[0], pair[1]).seed(seed)));
                }
        return out;
    }

    /**
     * The instances of a matrix check: for each n, each d of {@code dBelowN} and then d = n (the exact fit), each
     * seed k: {@link #gaussianInstance(int, int, int) A of seed 100 + k} from {@link #unbalancedStart(double, double, int)
     * the unbalanced start of seed k}; named like {@code "n=8 d=3 seed 2"}.
     */
    public static List<Instance> matrixInstances(Grid n, Grid seeds, double scale, double c, int... dBelowN) {
        List<Instance> out = new ArrayList<>();
        for (long size : whole(n, "n")) {
            int[] dims = Arrays.copyOf(dBelowN, dBelowN.length + 1);
            dims[dBelowN.length] = (int) size;
            for (int d : dims) {
                if (d < 1 || d > size) throw new IllegalArgumentException("each d must be in [1, n = " + size + "], got " + d);
                for (long k : whole(seeds, "seeds"))
                    out.add(new Instance("n=" + size + " d=" + d + " seed " + k, gaussianInstance((int) size, d, (int) k),
                            unbalancedStart(scale, c, (int) k)));
            }
        }
        return out;
    }

    /** True when {@code (||x0||, ||y0||)} is one of the paper's three starts. */
    public static boolean isPaperStart(double xNorm, double yNorm) {
        for (double[] p : PAPER_NORMS) if (p[0] == xNorm && p[1] == yNorm) return true;
        return false;
    }

    /**
     * The stop rule of the scalar recipes (ours): converged once the loss is at most 1e-21 ({@code |r| <= 4.5e-11}),
     * no gradient rule, every step recorded, no progress lines. Set the steps with {@code h} or {@code hTimes}.
     */
    public static Sweep scalarRuns(Problem problem, long maxSteps, Start... starts) {
        return Sweep.of(problem).starts(starts).maxSteps(maxSteps).lossTolerance(1e-21).gradTolerance(0)
                .keepTrajectories(1).progress(SweepProgress.none());
    }

    /**
     * The paper's scalar experiment: the starts {@code Start.withNorms(pair).seed(0)} (paper: random directions,
     * prescribed norms; seed ours) and the steps {@code h = f h0} for f in {@link #PAPER_FRACTIONS}. Ours: d = 10 and
     * at most 200,000 steps; mu is the argument (the paper's was not found). Grid order: pair outer, fraction inner.
     */
    public static Sweep scalarExperiment(double mu) {
        Start[] starts = Arrays.stream(PAPER_NORMS).map(p -> Start.withNorms(p[0], p[1]).seed(0)).toArray(Start[]::new);
        return scalarRuns(scalarProblem(mu, 10), 200_000, starts).hTimes(Sweep.Unit.H0, Grid.of(PAPER_FRACTIONS));
    }

    /**
     * Theorem 3.1's instances for one start: {@code h = 2/L + u (h0 - 2/L)} for each u in (0, 1], i.e. the steps
     * beyond the classical limit up to the experiment's h0 (both taken at the start).
     */
    public static Sweep beyondClassical(Problem problem, Start start, double... u) {
        Theory th = Theory.of(problem, start);
        double[] h = Arrays.stream(u).map(v -> th.classicalLimit() + v * (th.h0() - th.classicalLimit())).toArray();
        return scalarRuns(problem, 200_000, start).h(Grid.of(h));
    }

    /**
     * The contrast of a classical step with the experiment's: {@code h = 1/L} (half the classical limit) and
     * {@code h = h0}, both taken at the start, in that order (at most 200,000 steps, ours).
     */
    public static Sweep halfClassicalAndH0(Problem problem, Start start) {
        Theory th = Theory.of(problem, start);
        return scalarRuns(problem, 200_000, start).h(Grid.of(th.classicalLimit() / 2, th.h0()));
    }

    /**
     * The trajectories of the residual identities' check, every iterate kept: per instance, each multiple of its
     * {@code 2/L} and then {@code timesOneOverMu / mu} (so converging, diverging and oscillating runs are all
     * there), at most {@code maxSteps} steps, converged once the loss is at most {@code lossTolerance}.
     */
    public static List<ResidualContraction> identityReplays(List<Instance> instances, long maxSteps, double lossTolerance,
                                                            double timesOneOverMu, double... multiplesOf2OverL) {
        List<ResidualContraction> out = new ArrayList<>();
        for (Instance in : instances) {
            double twoOverL = in.theory().classicalLimit(), mu = in.problem().target().get(0, 0);
            double[] h = Arrays.copyOf(Arrays.stream(multiplesOf2OverL).map(m -> m * twoOverL).toArray(), multiplesOf2OverL.length + 1);
            h[multiplesOf2OverL.length] = timesOneOverMu / mu;
            for (double v : h) out.add(ResidualContraction.replay(in.problem(), in.start(), v, maxSteps, lossTolerance));
        }
        return out;
    }

    /** The balancing bound against h from one scalar start (ours: at most 100,000 steps, every 1000th recorded). */
    public static Sweep balance(Problem problem, Start start, Grid h) {
        return scalarRuns(problem, 100_000, start).h(h).keepTrajectories(1000);
    }

    /**
     * A learning-rate landscape from one start, over one or more matrix problems; set the steps with {@code h} or
     * {@code hTimes}. Ours: at most 20,000 steps, converged once {@code ||grad|| <= 1e-10}, every 10th step recorded
     * (so {@link Limits#lateMinLoss} sees the run's end).
     */
    public static Sweep landscape(Start start, Problem... problems) {
        return Sweep.of(problems).starts(start).maxSteps(20_000).gradTolerance(1e-10).lossTolerance(0)
                .keepTrajectories(10).progress(SweepProgress.none());
    }

    /** Instance k of the matrix check: {@code A = Matrices.gaussian(n, n).seed(100 + k)} (paper: Gaussian; N(0,1) ours). */
    public static Problem gaussianInstance(int n, int d, int k) {
        return Problem.factorization(Matrices.gaussian(n, n).seed(100 + k).build(), d);
    }

    /** The unbalanced start of instance k (ours): {@code Start.gaussian(scale).seed(k).unbalanced(c)}. */
    public static Start unbalancedStart(double scale, double c, int k) {
        return Start.gaussian(scale).seed(k).unbalanced(c);
    }

    /**
     * The steps of a matrix check on one instance, ascending and without repeats: each multiple m gives
     * {@code m 2/L}, each fraction f gives {@code f / sigma_1} when that exceeds {@code 2/L}; steps past
     * {@code margin / sigma_1} are left out (just below the limit convergence slows without bound).
     */
    public static Grid matrixSteps(Theory th, double margin, double[] multiples, double... fractions) {
        double top = margin * th.noStableMinimumAbove() * (1 + 1e-12);
        double[] h = union(Arrays.stream(multiples).map(m -> m * th.classicalLimit()).toArray(),
                Arrays.stream(fractions).map(f -> f * th.noStableMinimumAbove()).filter(v -> v > th.classicalLimit()).toArray());
        double[] kept = Arrays.stream(h).filter(v -> v <= top).toArray();
        if (kept.length == 0) throw new IllegalArgumentException("no step of the matrix check lies below margin / sigma_1");
        return Grid.of(kept);
    }

    /**
     * {@code points} steps log-spaced from {@code fromMultiple * 2/L} to {@code toLimitFraction / sigma_1}, merged
     * with {@code f / sigma_1} for each extra fraction: the steps of a landscape, ascending.
     */
    public static Grid span(Theory th, double fromMultiple, double toLimitFraction, int points, double... fractions) {
        Grid g = Grid.log(fromMultiple * th.classicalLimit(), toLimitFraction * th.noStableMinimumAbove(), points);
        return Grid.of(union(g.values(), Arrays.stream(fractions).map(f -> f * th.noStableMinimumAbove()).toArray()));
    }

    private static long[] whole(Grid g, String what) {
        if (g == null) throw new IllegalArgumentException(what + " must not be null");
        return Arrays.stream(g.values()).mapToLong(v -> {
            if (v != Math.rint(v) || v < 0) throw new IllegalArgumentException(what + " must be whole numbers >= 0, got " + v);
            return (long) v;
        }).toArray();
    }

    private static double[] union(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }
}
