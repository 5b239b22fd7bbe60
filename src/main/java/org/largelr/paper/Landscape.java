package org.largelr.paper;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.largelr.api.SweepProgress;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.GdResult;
import org.largelr.api.Outcome;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Check;
import org.largelr.api.Columns;
import org.largelr.api.Charts;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The learning-rate landscape of one problem and one start: GD at many steps h, from far below the classical
 * {@code 2/L} to past {@code 1/sigma_1(A)}, and per h how the run ended, how much of the initial imbalance is left,
 * and how sharp the limit is against the stability ceiling {@code 2/h}.
 *
 * <pre>{@code
 * Landscape land = Landscape.of(problem, start).span(0.05, 1.3, 40).maxSteps(20_000).run();
 * land.table();  land.panel();  Verdict.conclude(land.verdicts());
 * }</pre>
 *
 * <p>Table columns (stable API): {@code h, hL, h_over_classical} ({@code h / (2/L)}), {@code h_sigma1}
 * ({@code h sigma_1(A)}: above 1 no global minimum is stable), {@code outcome, steps, loss, loss_excess}
 * (final loss minus the Eckart–Young minimum), {@code imbalance_start, imbalance} ({@code ||X||_F^2 -
 * ||Y||_F^2}), {@code imbalance_ratio} ({@code D_end / D_0}, signed, as in every table), {@code gap_ratio} ({@code ||X^T X - Y^T Y||_F}
 * at the end over at the start), {@code sharpness} (top Hessian eigenvalue of the limit; NaN unless CONVERGED),
 * {@code two_over_h}, {@code late_min_loss} (the smallest recorded loss over the last 10% of the run's steps: a
 * run that ends at MAX_STEPS with this well above 0 is stuck, not slowly converging; NaN when it diverged).
 * Rows are sorted by h.
 */
public final class Landscape {
    /** Column names of {@link #table()}. */
    public static final String H = Columns.H, HL = Columns.HL, H_OVER_CLASSICAL = "h_over_classical",
            H_SIGMA1 = "h_sigma1", OUTCOME = Columns.OUTCOME, STEPS = Columns.STEPS, LOSS = Columns.LOSS,
            LOSS_EXCESS = "loss_excess", IMBALANCE_START = Columns.IMBALANCE_START, IMBALANCE = Columns.IMBALANCE,
            IMBALANCE_RATIO = Columns.IMBALANCE_RATIO, GAP_RATIO = "gap_ratio", SHARPNESS = Columns.SHARPNESS,
            TWO_OVER_H = Columns.TWO_OVER_H, LATE_MIN_LOSS = "late_min_loss";

    private final Problem problem;
    private final Theory theory;
    private final List<GdResult> runs;
    private final double[] sharpness;
    private final double lossTolerance;
    private final String label;

    private Landscape(String label, Problem problem, Theory theory, List<GdResult> runs, double lossTolerance) {
        this.label = label;
        this.problem = problem;
        this.theory = theory;
        this.runs = List.copyOf(runs);
        this.lossTolerance = lossTolerance;
        this.sharpness = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            GdResult r = runs.get(i);
            sharpness[i] = r.outcome() == Outcome.CONVERGED ? problem.sharpness(r.end()) : Double.NaN;
        }
    }

    /** A landscape for this problem and start; choose the steps, then {@link Builder#run()}. */
    public static Builder of(Problem problem, Start start) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (start == null) throw new IllegalArgumentException("start must not be null");
        return new Builder(problem, start);
    }

    /** Which steps to run, and the run settings: an immutable value, each method a changed copy. */
    public static final class Builder {
        private final Problem problem;
        private final Start start;
        private final Theory theory;
        private final TreeSet<Double> steps = new TreeSet<>();
        private Budget budget = Budget.paper();
        private double lossTolerance = 1e-9;
        private String label = "";

        private Builder(Problem problem, Start start) {
            this.problem = problem;
            this.start = start;
            this.theory = Theory.of(problem, start);
        }

        private Builder with(java.util.function.Consumer<Builder> change) {
            Builder b = new Builder(problem, start, theory);
            b.steps.addAll(steps);
            b.budget = budget;
            b.lossTolerance = lossTolerance;
            b.label = label;
            change.accept(b);
            return b;
        }

        private Builder(Problem problem, Start start, Theory theory) {
            this.problem = problem;
            this.start = start;
            this.theory = theory;
        }

        /** Steps {@code h = m * 2/L} for each multiple m. */
        public Builder multiples(double... m) {
            return with(b -> { for (double v : m) b.add(v * theory.classicalLimit()); });
        }

        /** Steps {@code h = f / sigma_1(A)} for each fraction f (f > 1 is past the limit). */
        public Builder limitFractions(double... f) {
            return with(b -> { for (double v : f) b.add(v * theory.noStableMinimumAbove()); });
        }

        /**
         * {@code points} steps spaced evenly on a log scale from {@code fromMultiple * 2/L} to
         * {@code toLimitFraction / sigma_1(A)}.
         */
        public Builder span(double fromMultiple, double toLimitFraction, int points) {
            if (points < 2) throw new IllegalArgumentException("points must be >= 2, got " + points);
            double lo = fromMultiple * theory.classicalLimit(), hi = toLimitFraction * theory.noStableMinimumAbove();
            if (!(lo > 0) || !(hi > lo))
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "span needs 0 < from * 2/L < to / sigma_1, got %.6g and %.6g", lo, hi));
            return with(b -> { for (int i = 0; i < points; i++) b.add(lo * Math.pow(hi / lo, i / (double) (points - 1))); });
        }

        /** Explicit steps. */
        public Builder steps(double... h) {
            return with(b -> { for (double v : h) b.add(v); });
        }

        /** Step budget per run (default 20,000). */
        public Builder maxSteps(long k) {
            Budget next = budget.maxSteps(k);
            return with(b -> b.budget = next);
        }

        /** A run has CONVERGED once its gradient norm is at most g (default 1e-10). */
        public Builder gradTolerance(double g) {
            Budget next = budget.gradTolerance(g);
            return with(b -> b.budget = next);
        }

        /** A name for this landscape: prefixes its verdicts' instances and fills the {@code label} column of {@link #stack}. */
        public Builder label(String l) {
            return with(b -> b.label = l == null ? "" : l);
        }

        /** Tolerance of the "global minimum" check: final loss minus minimum loss (default 1e-9). */
        public Builder lossTolerance(double t) {
            if (!(t > 0)) throw new IllegalArgumentException("lossTolerance must be > 0, got " + t);
            return with(b -> b.lossTolerance = t);
        }

        private void add(double h) {
            if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("step h must be finite and > 0, got " + h);
            steps.add(h);
        }

        /** Runs the chosen steps, one sweep from the start. */
        public Landscape run() {
            if (steps.isEmpty()) throw new IllegalArgumentException("choose steps first: multiples, limitFractions, span or steps");
            List<GdResult> runs = Sweep.of(problem).starts(start)
                    .h(Grid.of(steps.stream().mapToDouble(Double::doubleValue).toArray())).maxSteps(budget.maxSteps())
                    .gradTolerance(budget.stopRule(false).gradTolerance()).lossTolerance(0).keepTrajectories((int) Math.max(1, budget.maxSteps() / 2000))
                    .progress(SweepProgress.none()).run().trajectories();
            return new Landscape(label, problem, theory, runs, lossTolerance);
        }
    }

    /** The problem. */
    public Problem problem() { return problem; }

    /** The label given with {@code label(...)} (empty by default). */
    public String label() { return label; }

    /** The tables of several landscapes one under the other, with a first column {@code label}. */
    public static Table stack(List<Landscape> landscapes) {
        if (landscapes == null || landscapes.isEmpty()) throw new IllegalArgumentException("give at least one landscape");
        Table out = null;
        for (Landscape l : landscapes) {
            Table t = l.table();
            t.insertColumn(0, StringColumn.create("label", java.util.Collections.nCopies(t.rowCount(), l.label)));
            if (out == null) out = t.copy();
            else out.append(t);
        }
        return out.setName("landscapes");
    }

    /** The thresholds at the start. */
    public Theory theory() { return theory; }

    /** The runs, by increasing h. */
    public List<GdResult> runs() { return runs; }

    /** Top Hessian eigenvalue of run i's limit (NaN unless it CONVERGED). */
    public double sharpness(int i) { return sharpness[i]; }

    /**
     * The smallest recorded loss over the last {@code 10%} of run i's steps (NaN when it diverged): for a run that
     * hit MAX_STEPS, a value well above the minimum loss means it is stuck, not converging slowly.
     */
    public double lateMinLoss(int i) {
        GdResult r = runs.get(i);
        if (r.outcome() == Outcome.DIVERGED) return Double.NaN;
        double[] step = r.column(GdResult.STEP), loss = r.column(GdResult.LOSS);
        double from = 0.9 * r.steps(), best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < step.length; k++) if (step[k] >= from) best = Math.min(best, loss[k]);
        return best;
    }

    /** Number of runs that ended with this outcome. */
    public long count(Outcome o) {
        return runs.stream().filter(r -> r.outcome() == o).count();
    }

    /** The largest step whose run converged (NaN when none did). */
    public double largestConvergedStep() {
        double best = Double.NaN;
        for (GdResult r : runs) if (r.outcome() == Outcome.CONVERGED) best = r.h();
        return best;
    }

    /** One row per h; see the class comment for the columns. */
    public Table table() {
        int k = runs.size();
        double[] h = new double[k], hl = new double[k], hc = new double[k], hs = new double[k], fl = new double[k],
                ex = new double[k], d0 = new double[k], d1 = new double[k], ratio = new double[k], gap = new double[k],
                two = new double[k], late = new double[k];
        long[] st = new long[k];
        String[] out = new String[k];
        double min = problem.minimumLoss();
        for (int i = 0; i < k; i++) {
            GdResult r = runs.get(i);
            h[i] = r.h();
            hl[i] = h[i] * theory.L();
            hc[i] = h[i] / theory.classicalLimit();
            hs[i] = h[i] * theory.sigmaMax();
            out[i] = r.outcome().name();
            st[i] = r.steps();
            fl[i] = r.finalLoss();
            ex[i] = r.finalLoss() - min;
            d0[i] = r.initialImbalance();
            boolean finite = r.outcome() != Outcome.DIVERGED;
            d1[i] = finite ? r.finalImbalance() : Double.NaN;
            ratio[i] = finite ? d1[i] / d0[i] : Double.NaN;
            gap[i] = finite ? r.finalBalanceGap() / r.start().balanceGap() : Double.NaN;
            two[i] = Theory.sharpnessBound(h[i]);
            late[i] = lateMinLoss(i);
        }
        return Tables.readable(Table.create("landscape",
                DoubleColumn.create(H, h), DoubleColumn.create(HL, hl), DoubleColumn.create(H_OVER_CLASSICAL, hc),
                DoubleColumn.create(H_SIGMA1, hs), StringColumn.create(OUTCOME, out), LongColumn.create(STEPS, st),
                DoubleColumn.create(LOSS, fl), DoubleColumn.create(LOSS_EXCESS, ex),
                DoubleColumn.create(IMBALANCE_START, d0), DoubleColumn.create(IMBALANCE, d1),
                DoubleColumn.create(IMBALANCE_RATIO, ratio), DoubleColumn.create(GAP_RATIO, gap),
                DoubleColumn.create(SHARPNESS, sharpness.clone()), DoubleColumn.create(TWO_OVER_H, two),
                DoubleColumn.create(LATE_MIN_LOSS, late)));
    }

    /** Counts per outcome, split at {@code 2/L} and {@code 1/sigma_1}. */
    public Table outcomes() {
        String[] ranges = {"h <= 2/L", "2/L < h <= 1/sigma_1", "h > 1/sigma_1"};
        int[][] c = new int[3][Outcome.values().length];
        for (GdResult r : runs) c[range(r.h())][r.outcome().ordinal()]++;
        IntColumn conv = IntColumn.create("CONVERGED"), div = IntColumn.create("DIVERGED"),
                max = IntColumn.create("MAX_STEPS");
        for (int i = 0; i < 3; i++) {
            conv.append(c[i][Outcome.CONVERGED.ordinal()]);
            div.append(c[i][Outcome.DIVERGED.ordinal()]);
            max.append(c[i][Outcome.MAX_STEPS.ordinal()]);
        }
        return Tables.readable(Table.create("outcomes", StringColumn.create("range of h", ranges), conv, max, div));
    }

    private int range(double h) {
        if (h <= theory.classicalLimit()) return 0;
        return h <= theory.noStableMinimumAbove() ? 1 : 2;
    }

    /**
     * The landscape's checks (all derived here, docs/paper.md sections 2 and 3.3):
     * <ul>
     *   <li>every run with {@code h <= 2/L} converges (the classical range; L is measured at the start, so this is
     *       the classical expectation, checked, not a theorem for this non-convex f);</li>
     *   <li>every CONVERGED run ends at a global minimum (loss within {@code lossTolerance} of Eckart–Young), with
     *       sharpness at most {@code 2/h}, and, when {@code d >= rank A}, at least {@code 2 sigma_1} (the flattest
     *       global minimum);</li>
     *   <li>no run with {@code h > 1/sigma_1} converges to a global minimum.</li>
     * </ul>
     * Runs with {@code 2/L < h <= 1/sigma_1} that do not converge get no verdict: no theorem we could read covers
     * them; {@link #outcomes()} counts them.
     */
    public List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        boolean exactFit = problem.d() >= MatrixMinima.numericalRank(problem.target());
        double lim = theory.noStableMinimumAbove(), min = problem.minimumLoss();
        for (int i = 0; i < runs.size(); i++) {
            GdResult r = runs.get(i);
            double h = r.h();
            boolean converged = r.outcome() == Outcome.CONVERGED;
            String inst = (label.isEmpty() ? "" : label + ", ") + String.format(Locale.ROOT, "h=%.5g (%.3f x 2/L, %.3f / sigma_1)", h,
                    h / theory.classicalLimit(), h * theory.sigmaMax());
            List<Check> checks = new ArrayList<>();
            if (h > lim) {
                boolean atMin = converged && r.finalLoss() - min <= lossTolerance;
                checks.add(Check.hypothesis("h > 1/sigma_1", h, ">", lim));
                checks.add(Check.conclusion("no convergence to a global minimum above 1/sigma_1 (1 = converged "
                        + "to one; derived)", atMin ? 1 : 0, "<=", 0));
            } else if (converged || h <= theory.classicalLimit()) {
                if (h <= theory.classicalLimit())
                    checks.add(Check.hypothesis("classical range h <= 2/L", h, "<=", theory.classicalLimit()));
                else
                    checks.add(Check.hypothesis("2/L < h <= 1/sigma_1 and the run converged", h, "<=", lim));
                checks.add(Check.conclusion("run converged (1 = CONVERGED)", converged ? 1 : 0, ">=", 1));
                checks.add(Check.conclusion("limit is a global minimum: loss - min loss <= tol",
                        r.finalLoss() - min, "<=", lossTolerance));
                checks.add(Check.conclusion("sharpness(limit) <= 2/h (stability, derived)", sharpness[i], "<=",
                        Theory.sharpnessBound(h) + Theory.slack(h)));
                if (exactFit)
                    checks.add(Check.conclusion("sharpness(limit) >= 2 sigma_1 (flattest global minimum, derived)",
                            sharpness[i], ">=", theory.flattestMinimumSharpness() * (1 - Theory.SLACK)));
            } else {
                continue;
            }
            out.add(new Verdict(inst, checks));
        }
        return out;
    }

    /** Steps used per h, one marker series per outcome (log-log), with the thresholds as vertical lines. */
    public XYChart outcomeChart() {
        XYChart c = chart("Outcome per h (steps used)", "steps used (log)", true);
        for (Outcome o : Outcome.values()) {
            List<double[]> pts = new ArrayList<>();
            for (GdResult r : runs) if (r.outcome() == o) pts.add(new double[] {r.h(), Math.max(1, r.steps())});
            if (!pts.isEmpty()) Charts.dots(c, o.name().toLowerCase(Locale.ROOT).replace('_', ' '), xs(pts), ys(pts));
        }
        return thresholds(c);
    }

    /** What is left of the imbalance at the end, for runs that did not diverge. */
    public XYChart imbalanceChart() {
        XYChart c = chart("Imbalance left at the end", "|D_end| / |D_0|  and  gap_end / gap_0", false);
        List<double[]> d = new ArrayList<>(), g = new ArrayList<>();
        for (GdResult r : runs) {
            if (r.diverged()) continue;
            d.add(new double[] {r.h(), Math.abs(r.finalImbalance()) / Math.abs(r.initialImbalance())});
            g.add(new double[] {r.h(), r.finalBalanceGap() / r.start().balanceGap()});
        }
        if (d.isEmpty()) return c;
        Charts.line(c, "|D_end| / |D_0|,  D = ||X||_F^2 - ||Y||_F^2", xs(d), ys(d));
        Charts.line(c, "||X^T X - Y^T Y||_F end / start", xs(g), ys(g));
        return thresholds(c);
    }

    /** Sharpness of each limit against the ceiling 2/h and the floor 2 sigma_1 (log-log). */
    public XYChart sharpnessChart() {
        XYChart c = chart("Sharpness of the limit", "top Hessian eigenvalue (log)", true);
        double lo = runs.get(0).h(), hi = runs.get(runs.size() - 1).h(), flat = theory.flattestMinimumSharpness();
        double[] h = new double[61], ceiling = new double[61];
        for (int i = 0; i <= 60; i++) {
            h[i] = lo * Math.pow(hi / lo, i / 60.0);
            ceiling[i] = Theory.sharpnessBound(h[i]);
        }
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) if (!Double.isNaN(sharpness[i])) pts.add(new double[] {runs.get(i).h(), sharpness[i]});
        Charts.reference(c, "2/h (stability ceiling)", h, ceiling);
        Charts.reference(c, "2 sigma_1 (flattest minimum)", new double[] {lo, hi}, new double[] {flat, flat});
        Charts.reference(c, "L (sharpness at the start)", new double[] {lo, hi}, new double[] {theory.L(), theory.L()});
        if (!pts.isEmpty()) Charts.dots(c, "limit of a converged run", xs(pts), ys(pts));
        return thresholds(c);
    }

    /** The three charts side by side in one image. */
    public BufferedImage panel() {
        return Charts.grid(List.of(outcomeChart(), imbalanceChart(), sharpnessChart()), 3);
    }

    private static XYChart chart(String title, String yTitle, boolean logY) {
        XYChart c = Charts.xy(560, 440);
        c.setTitle(title);
        c.setXAxisTitle("learning rate h (log)");
        c.setYAxisTitle(yTitle);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(logY);
        return c;
    }

    private XYChart thresholds(XYChart c) {
        Charts.vertical(c, "2/L", theory.classicalLimit());
        Charts.vertical(c, "1/sigma_1", theory.noStableMinimumAbove());
        return c;
    }

    private static double[] xs(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[0]).toArray();
    }

    private static double[] ys(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[1]).toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Landscape[%s, %d steps h from %.4g to %.4g: %d converged, %d max steps, "
                        + "%d diverged]", problem, runs.size(), runs.get(0).h(),
                runs.get(runs.size() - 1).h(), count(Outcome.CONVERGED), count(Outcome.MAX_STEPS),
                count(Outcome.DIVERGED));
    }

    /** The limit of run i (null unless it CONVERGED). */
    public Factors limit(int i) {
        return runs.get(i).outcome() == Outcome.CONVERGED ? runs.get(i).end() : null;
    }
}
