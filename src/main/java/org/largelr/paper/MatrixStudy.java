package org.largelr.paper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.largelr.api.Columns;
import org.largelr.api.SweepProgress;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.GdResult;
import org.largelr.api.Outcome;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Check;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The matrix check of docs/paper.md section 3.3 on a grid of instances. Instance k of size n and inner dimension d:
 * {@code A = Matrices.gaussian(n, n).seed(100 + k)} (i.i.d. N(0,1) entries: the paper draws A from a Gaussian, the
 * variance is our choice) and the start {@code Start.gaussian(scale).seed(k).unbalanced(c)}, i.e. {@code X0 = c G1},
 * {@code Y0 = G2 / c} (our choice). Steps are multiples of {@code 2/L} ({@link Builder#multiples}) or fractions of
 * {@code 1/sigma_1(A)} ({@link Builder#limitFractions}); a step past {@code margin / sigma_1} is not run
 * (SKIPPED): above {@code 1/sigma_1} no global minimum is stable, and just below it convergence slows without bound
 * (the limit's contraction factor {@code |1 - h sharpness|} tends to 1).
 *
 * <pre>{@code
 * MatrixStudy s = MatrixStudy.sizes(8, 12, 16).ranks(1, 3).exactFit().seeds(4).start(0.25, 4)
 *         .multiples(0.5, 1.25, 1.5, 1.75, 2, 3).limitFractions(0.98).assertConvergenceUpTo(1.75).run();
 * s.outcomes();  s.table();  Verdict.conclude(s.verdicts());
 * }</pre>
 */
public final class MatrixStudy {
    /** One run of the grid (run, sharpness and identity are null/NaN when SKIPPED or not converged). */
    public record Case(int n, int d, int seed, String rule, double multiple, double h, double L, double sigma1,
                       int rankA, GdResult run, double sharpness, double gramTop, double spectralSum,
                       MatrixImbalanceIdentity.Report identity) {
        /** True when the step rule was skipped for this instance. */
        public boolean skipped() { return run == null; }

        /** True when the run converged. */
        public boolean converged() { return run != null && run.outcome() == Outcome.CONVERGED; }

        /** "SKIPPED" or the run's outcome. */
        public String outcome() { return run == null ? "SKIPPED" : run.outcome().name(); }

        /** A short description for verdicts. */
        public String describe() {
            return String.format(Locale.ROOT, "n=%d d=%d seed %d, h=%s=%.5g (%.3f/sigma_1)", n, d, seed, rule, h,
                    h * sigma1);
        }
    }

    private final List<Case> cases;
    private final double margin, assertUpTo, lossTolerance, identityTolerance;

    private MatrixStudy(List<Case> cases, double margin, double assertUpTo, double lossTolerance,
                        double identityTolerance) {
        this.cases = List.copyOf(cases);
        this.margin = margin;
        this.assertUpTo = assertUpTo;
        this.lossTolerance = lossTolerance;
        this.identityTolerance = identityTolerance;
    }

    /** Start a grid with these sizes n (A is n x n). */
    public static Builder sizes(int... n) {
        return new Builder(n);
    }

    /** The grid's knobs: an immutable value, each method a changed copy. */
    public static final class Builder implements Cloneable {
        private final int[] sizes;
        private int[] ranks = new int[0];
        private boolean exactFit;
        private int seeds = 1;
        private double scale = 0.25, c = 4;
        private List<double[]> rules = new ArrayList<>();   // {kind (0 = multiple, 1 = limit), value}
        private double margin = 0.98, assertUpTo = 0, lossTolerance = 1e-9,
                identityTolerance = 1e-12;
        private long identitySteps = Long.MAX_VALUE;
        private Budget budget = Budget.paper();

        /** A copy to change: builders are values, each method returns a changed copy. */
        private Builder fork() {
            try {
                Builder b = (Builder) clone();
                b.rules = new ArrayList<>(rules);
                return b;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        private Builder(int[] sizes) {
            if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("give at least one size n");
            for (int n : sizes) if (n < 1) throw new IllegalArgumentException("sizes must be >= 1, got " + n);
            this.sizes = sizes.clone();
        }

        /** Fixed inner dimensions d (those larger than n are left out for that n). */
        public Builder ranks(int... d) {
            Builder b = fork();
            for (int v : d) if (v < 1) throw new IllegalArgumentException("ranks must be >= 1, got " + v);
            b.ranks = d.clone();
            return b;
        }

        /** Also d = n for every size (an exact fit: a Gaussian A has full rank). */
        public Builder exactFit() {
            Builder b = fork();
            b.exactFit = true;
            return b;
        }

        /** Instances k = 0 .. count-1. */
        public Builder seeds(int count) {
            Builder b = fork();
            if (count < 1) throw new IllegalArgumentException("seeds must be >= 1, got " + count);
            b.seeds = count;
            return b;
        }

        /** Start {@code Start.gaussian(scale).seed(k).unbalanced(c)}. */
        public Builder start(double scale, double c) {
            Builder b = fork();
            if (!(scale > 0) || !(c > 0)) throw new IllegalArgumentException("scale and c must be > 0");
            b.scale = scale;
            b.c = c;
            return b;
        }

        /** Steps {@code h = m * 2/L} (L of each instance). */
        public Builder multiples(double... m) {
            return rules(0, "multiples", m);
        }

        /** Steps {@code h = f / sigma_1(A)}, run only when they exceed {@code 2/L} (else SKIPPED). */
        public Builder limitFractions(double... f) {
            return rules(1, "fractions", f);
        }

        /** Adds step rules of one kind (0: multiple of 2/L, 1: fraction of 1/sigma_1), each value > 0. */
        private Builder rules(int kind, String what, double[] values) {
            Builder b = fork();
            for (double v : values) {
                if (!(v > 0)) throw new IllegalArgumentException(what + " must be > 0, got " + v);
                b.rules.add(new double[] {kind, v});
            }
            return b;
        }

        /** Steps above {@code margin / sigma_1} are skipped (default 0.98). */
        public Builder margin(double f) {
            Builder b = fork();
            if (!(f > 0) || f > 1) throw new IllegalArgumentException("margin must be in (0, 1], got " + f);
            b.margin = f;
            return b;
        }

        /**
         * Convergence itself is asserted for runs with {@code h <= m * 2/L} (our chosen range: no matrix theorem
         * of the paper could be read); above it, the checks are conditional on convergence. Default 0: never.
         */
        public Builder assertConvergenceUpTo(double m) {
            Builder b = fork();
            b.assertUpTo = m;
            return b;
        }

        /** Step budget per run (default 20,000). */
        public Builder maxSteps(long k) {
            Builder b = fork();
            b.budget = budget.maxSteps(k);
            return b;
        }

        /** A run has CONVERGED once its gradient norm is at most g (default 1e-10). */
        public Builder gradTolerance(double g) {
            Builder b = fork();
            b.budget = budget.gradTolerance(g);
            return b;
        }

        /** Tolerance of "loss - Eckart–Young minimum" (default 1e-9). */
        public Builder lossTolerance(double t) {
            Builder b = fork();
            if (!(t > 0)) throw new IllegalArgumentException("lossTolerance must be > 0, got " + t);
            b.lossTolerance = t;
            return b;
        }

        /** Replay at most this many steps of each converged run for the identity (default: all). */
        public Builder identitySteps(long k) {
            Builder b = fork();
            if (k < 0) throw new IllegalArgumentException("identitySteps must be >= 0, got " + k);
            b.identitySteps = k;
            return b;
        }

        /** Runs every instance, one sweep per instance. */
        public MatrixStudy run() {
            if (rules.isEmpty()) throw new IllegalArgumentException("choose steps: multiples(...) or limitFractions(...)");
            List<Case> out = new ArrayList<>();
            for (int n : sizes) {
                List<Integer> ds = new ArrayList<>();
                for (int d : ranks) if (d <= n && !ds.contains(d)) ds.add(d);
                if (exactFit && !ds.contains(n)) ds.add(n);
                for (int d : ds)
                    for (int k = 0; k < seeds; k++) runInstance(n, d, k, out);
            }
            return new MatrixStudy(out, margin, assertUpTo, lossTolerance, identityTolerance);
        }

        private void runInstance(int n, int d, int k, List<Case> out) {
            DMatrixRMaj a = Matrices.gaussian(n, n).seed(100 + k).build();
            Problem p = Problem.factorization(a, d);
            Start start = Start.gaussian(scale).seed(k).unbalanced(c);
            Theory th = Theory.of(p, start);
            int rank = MatrixMinima.numericalRank(a);
            // The rules' steps, then the runs of those not skipped as one sweep (in rule order).
            double[] hs = new double[rules.size()];
            boolean[] skipped = new boolean[rules.size()];
            List<Double> run = new ArrayList<>();
            for (int i = 0; i < hs.length; i++) {
                double[] rule = rules.get(i);
                boolean multiple = rule[0] == 0;
                hs[i] = multiple ? rule[1] * th.classicalLimit() : rule[1] * th.noStableMinimumAbove();
                skipped[i] = hs[i] > margin * th.noStableMinimumAbove() * (1 + 1e-12)
                        || (!multiple && hs[i] <= th.classicalLimit());
                if (!skipped[i]) run.add(hs[i]);
            }
            List<GdResult> results = run.isEmpty() ? List.of() : Sweep.of(p).starts(start)
                    .h(Grid.of(run.stream().mapToDouble(Double::doubleValue).toArray())).maxSteps(budget.maxSteps())
                    .gradTolerance(budget.stopRule(false).gradTolerance()).lossTolerance(0).keepTrajectories((int) Math.max(1, budget.maxSteps() / 1000))
                    .progress(SweepProgress.none()).run().trajectories();
            int next = 0;
            for (int i = 0; i < hs.length; i++) {
                double[] rule = rules.get(i);
                boolean multiple = rule[0] == 0;
                double h = hs[i];
                String name = rule[0] == 0 ? fmt(rule[1]) + " x 2/L" : fmt(rule[1]) + " / sigma_1";
                double m = h / th.classicalLimit();
                if (skipped[i]) {
                    out.add(new Case(n, d, k, name, m, h, th.L(), th.sigmaMax(), rank, null, Double.NaN, Double.NaN,
                            Double.NaN, null));
                    continue;
                }
                GdResult r = results.get(next++);
                double sharp = Double.NaN, gram = Double.NaN, spec = Double.NaN;
                MatrixImbalanceIdentity.Report id = null;
                if (r.outcome() == Outcome.CONVERGED) {
                    sharp = p.sharpness(r.end());
                    gram = MatrixMinima.gramTop(r.end());
                    spec = MatrixMinima.spectralSum(r.end());
                    id = MatrixImbalanceIdentity.of(r, identitySteps);
                }
                out.add(new Case(n, d, k, name, m, h, th.L(), th.sigmaMax(), rank, r, sharp, gram, spec, id));
            }
        }
    }

    /** Every case, in the order they ran. */
    public List<Case> cases() { return cases; }

    /** Cases whose run ended with this outcome name ("CONVERGED", "DIVERGED", "MAX_STEPS" or "SKIPPED"). */
    public long count(String outcome) {
        return cases.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    /** Per step rule: how many runs converged, ran out of steps, diverged, or were skipped (h > margin/sigma_1). */
    public Table outcomes() {
        Map<String, int[]> byRule = new LinkedHashMap<>();
        for (Case c : cases) {
            int[] k = byRule.computeIfAbsent(c.rule(), r -> new int[4]);
            switch (c.outcome()) {
                case "CONVERGED" -> k[0]++;
                case "MAX_STEPS" -> k[1]++;
                case "DIVERGED" -> k[2]++;
                default -> k[3]++;
            }
        }
        StringColumn rule = StringColumn.create("step rule");
        IntColumn conv = IntColumn.create("CONVERGED"), max = IntColumn.create("MAX_STEPS"),
                div = IntColumn.create("DIVERGED"), skip = IntColumn.create("SKIPPED (h > " + fmt(margin) + "/sigma_1, or f/sigma_1 <= 2/L)");
        byRule.forEach((r, k) -> {
            rule.append(r);
            conv.append(k[0]);
            max.append(k[1]);
            div.append(k[2]);
            skip.append(k[3]);
        });
        return Tables.readable(Table.create("outcomes", rule, conv, max, div, skip));
    }

    /**
     * One row per case. Columns: {@code n, d, seed, rule, h, h_over_classical, h_sigma1, outcome, steps,
     * loss_excess, imbalance_start, imbalance, sharpness, two_over_h, gram_top, identity_error}.
     */
    public Table table() {
        IntColumn n = IntColumn.create("n"), d = IntColumn.create("d"), seed = IntColumn.create("seed");
        StringColumn rule = StringColumn.create("rule"), outcome = StringColumn.create("outcome");
        DoubleColumn h = DoubleColumn.create("h"), hc = DoubleColumn.create("h_over_classical"),
                hs = DoubleColumn.create("h_sigma1"), ex = DoubleColumn.create("loss_excess"),
                d0 = DoubleColumn.create("imbalance_start"), d1 = DoubleColumn.create(Columns.IMBALANCE),
                sh = DoubleColumn.create("sharpness"), two = DoubleColumn.create("two_over_h"),
                gram = DoubleColumn.create("gram_top"), id = DoubleColumn.create("identity_error");
        LongColumn steps = LongColumn.create("steps");
        for (Case c : cases) {
            n.append(c.n());
            d.append(c.d());
            seed.append(c.seed());
            rule.append(c.rule());
            h.append(c.h());
            hc.append(c.multiple());
            hs.append(c.h() * c.sigma1());
            outcome.append(c.outcome());
            GdResult r = c.run();
            boolean finite = r != null && r.outcome() != Outcome.DIVERGED;
            steps.append(r == null ? 0 : r.steps());
            ex.append(finite ? r.finalLoss() - r.problem().minimumLoss() : Double.NaN);
            d0.append(r == null ? Double.NaN : r.initialImbalance());
            d1.append(finite ? r.finalImbalance() : Double.NaN);
            sh.append(c.sharpness());
            two.append(Theory.sharpnessBound(c.h()));
            gram.append(c.gramTop());
            id.append(c.identity() == null ? Double.NaN : c.identity().maxRelativeError());
        }
        return Tables.readable(Table.create("matrix study", n, d, seed, rule, h, hc, hs, outcome, steps, ex, d0, d1, sh, two, gram, id));
    }

    /**
     * The check cell's verdicts: one per converged run, and one per run inside the asserted range
     * ({@code h <= assertConvergenceUpTo * 2/L}) whether it converged or not. Checks (sources as in docs/paper.md):
     * <ul>
     *   <li>hypotheses: {@code h <= margin / sigma_1}; {@code h > 2/L} or {@code h <= 2/L} (which side);</li>
     *   <li>conclusions (derived): run converged; loss - Eckart–Young minimum {@code <= tol}; sharpness(limit)
     *       {@code <= 2/h}; when {@code d >= rank A}: {@code lambda_max(X^T X + Y^T Y) <= sharpness(limit)} and
     *       sharpness(limit) {@code = ||X||_2^2 + ||Y||_2^2} (relative difference {@code <= 1e-6}); the per-step
     *       imbalance identity to {@code 1e-12} relative on every replayed step.</li>
     * </ul>
     */
    public List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        for (Case c : cases) {
            if (c.skipped()) continue;
            boolean asserted = c.multiple() <= assertUpTo * (1 + 1e-12);
            if (!c.converged() && !asserted) continue;
            GdResult r = c.run();
            double lim = Theory.noStableMinimumAbove(c.sigma1()), classical = Theory.classicalLimit(c.L());
            List<Check> checks = new ArrayList<>();
            checks.add(Check.hypothesis("h <= " + fmt(margin) + "/sigma_1 (below the limit 1/sigma_1)", c.h(), "<=",
                    margin * lim));
            if (c.h() > classical) checks.add(Check.hypothesis("h > 2/L (beyond the classical step)", c.h(), ">", classical));
            else checks.add(Check.hypothesis("h <= 2/L (classical step)", c.h(), "<=", classical));
            checks.add(Check.conclusion(asserted ? "run converged (asserted: h <= " + fmt(assertUpTo) + " x 2/L, our range)"
                    : "run converged (beyond our asserted range: checks below are conditional)", c.converged() ? 1 : 0, ">=", 1));
            checks.add(Check.conclusion("limit is a global minimum: loss - Eckart-Young min <= tol",
                    r.finalLoss() - r.problem().minimumLoss(), "<=", lossTolerance));
            checks.add(Check.conclusion("sharpness(limit) <= 2/h (stability, derived)", c.sharpness(), "<=",
                    Theory.sharpnessBound(c.h()) + Theory.slack(c.h())));
            if (c.d() >= c.rankA()) {
                checks.add(Check.hypothesis("d >= rank A (exact fit)", c.d(), ">=", c.rankA()));
                checks.add(Check.conclusion("lambda_max(X^T X + Y^T Y) <= sharpness(limit) (derived)", c.gramTop(),
                        "<=", c.sharpness() * (1 + Theory.SLACK)));
                checks.add(Check.conclusion("sharpness(limit) = ||X||_2^2 + ||Y||_2^2: relative difference <= 1e-6 "
                        + "(derived)", Math.abs(c.sharpness() - c.spectralSum()) / c.sharpness(), "<=", 1e-6));
            }
            MatrixImbalanceIdentity.Report id = c.identity();
            checks.add(Check.conclusion("identity X+^T X+ - Y+^T Y+ = D + h^2(...) on every replayed step: max "
                    + "relative error (derived)", id == null ? Double.NaN : id.maxRelativeError(), "<=", identityTolerance));
            out.add(new Verdict(c.describe(), checks));
        }
        return out;
    }

    /**
     * The other side of the boundary: a small step keeps the imbalance. For every instance whose run under
     * {@code smallRule} (a step {@code <= 2/L}) converged: {@code D_end / D_0 >= atLeast} with
     * {@code D = ||X||_F^2 - ||Y||_F^2} (gradient flow conserves D and GD changes it by {@code O(h^2 ||R||^2)} per
     * step, so small steps keep almost all of it; the threshold is our choice), and, when the same instance has a
     * converged run with a larger step, the largest such step keeps less: {@code |D_end / D_0|} smaller.
     */
    public List<Verdict> imbalanceKept(String smallRule, double atLeast) {
        List<Verdict> out = new ArrayList<>();
        for (Case small : cases) {
            if (!small.rule().equals(smallRule) || !small.converged()) continue;
            List<Check> checks = new ArrayList<>();
            checks.add(Check.hypothesis("small step h <= 2/L", small.h(), "<=", Theory.classicalLimit(small.L())));
            double kept = ratio(small);
            checks.add(Check.conclusion("small step keeps the imbalance: D_end / D_0 >= " + fmt(atLeast), kept, ">=",
                    atLeast));
            Case large = null;
            for (Case c : cases)
                if (c.n() == small.n() && c.d() == small.d() && c.seed() == small.seed() && c.converged()
                        && c.h() > small.h() && (large == null || c.h() > large.h())) large = c;
            String inst = small.describe();
            if (large != null) {
                checks.add(Check.conclusion("largest converged step of the instance keeps less: |D_end / D_0|",
                        Math.abs(ratio(large)), "<", Math.abs(kept)));
                inst += String.format(Locale.ROOT, " vs h=%s (|D_end/D_0| = %.3f)", large.rule(), Math.abs(ratio(large)));
            }
            out.add(new Verdict(inst, checks));
        }
        return out;
    }

    private static double ratio(Case c) {
        return c.run().finalImbalance() / c.run().initialImbalance();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MatrixStudy[%d cases: %d converged, %d max steps, %d diverged, %d skipped]",
                cases.size(), count("CONVERGED"), count("MAX_STEPS"), count("DIVERGED"), count("SKIPPED"));
    }
}
