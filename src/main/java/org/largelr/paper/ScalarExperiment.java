package org.largelr.paper;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.largelr.api.Columns;
import org.largelr.api.SweepProgress;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Outcome;
import org.largelr.matrix.MatrixChecks;
import org.largelr.api.Charts;
import org.largelr.api.LinePlot;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Check;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import org.largelr.table.Tables;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's scalar experiment (Theorem 3.1's illustration) as a recipe: for each start with prescribed norms
 * {@code (||x0||, ||y0||)} and each learning rate {@code h = fraction * h0}, {@code h0 = 4/(||x0||^2+||y0||^2+8)},
 * one GD run on {@code 1/2 (mu - x y^T)^2} with {@code x, y in R^{1 x d}}.
 *
 * <p>From the paper (docs/paper.md, section 2): the norm pairs (9, 1), (19, 1), (99, 1); random directions;
 * six learning rates from large to small inside Theorem 3.1's range, the first {@code h0}, the second
 * {@code 6/7 h0}. Our reading, not confirmed: the other four are {@code 5/7, 4/7, 3/7, 2/7 h0}. Our choices
 * (the paper's were not found): {@code mu = 1}, {@code d = 10}, Gaussian directions from seed 0 (the same
 * directions for every pair), the loss tolerance and step budget.
 *
 * <pre>{@code
 * ScalarExperiment.Result res = ScalarExperiment.paper().run();
 * res.table();            // one row per (pair, fraction)
 * res.normsFigure();      // 3 x 6 panels of ||x_k||, ||y_k||
 * }</pre>
 */
public final class ScalarExperiment {
    /** {@code h0, 6/7 h0, ..., 2/7 h0}: the first two are the paper's, the rest our reading. */
    public static final double[] PAPER_FRACTIONS = {1, 6.0 / 7, 5.0 / 7, 4.0 / 7, 3.0 / 7, 2.0 / 7};
    /** The paper's {@code (||x0||, ||y0||)}. */
    public static final double[][] PAPER_NORMS = {{9, 1}, {19, 1}, {99, 1}};

    private final double mu;
    private final int d;
    private final double[][] norms;
    private final double[] fractions;
    private final long seed;
    private final long maxSteps;
    private final double lossTolerance;

    private ScalarExperiment(double mu, int d, double[][] norms, double[] fractions, long seed, long maxSteps,
                             double lossTolerance) {
        this.mu = MatrixChecks.requirePositive("mu", mu);
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (norms.length == 0) throw new IllegalArgumentException("at least one norm pair is needed");
        for (double[] pair : norms) {
            if (pair.length != 2)
                throw new IllegalArgumentException("a norm pair is {||x0||, ||y0||}, got " + pair.length + " numbers");
            MatrixChecks.requirePositive("||x0||", pair[0]);
            MatrixChecks.requirePositive("||y0||", pair[1]);
        }
        if (fractions.length == 0) throw new IllegalArgumentException("at least one learning-rate fraction is needed");
        for (double f : fractions) MatrixChecks.requirePositive("fraction of h0", f);
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        MatrixChecks.requirePositive("lossTolerance", lossTolerance);
        this.d = d;
        this.norms = deepCopy(norms);
        this.fractions = fractions.clone();
        this.seed = seed;
        this.maxSteps = maxSteps;
        this.lossTolerance = lossTolerance;
    }

    /**
     * The paper's grid (three norm pairs x six fractions of h0) with our stated choices: mu = 1, d = 10,
     * seed 0, loss tolerance 1e-21 (|x y^T - mu| <= 4.5e-11), at most 200,000 steps.
     */
    public static ScalarExperiment paper() {
        return new ScalarExperiment(1, 10, PAPER_NORMS, PAPER_FRACTIONS, 0, 200_000, 1e-21);
    }

    /** The same experiment with another mu. */
    public ScalarExperiment mu(double newMu) {
        return new ScalarExperiment(newMu, d, norms, fractions, seed, maxSteps, lossTolerance);
    }

    /** The same experiment with another d. */
    public ScalarExperiment d(int newD) {
        return new ScalarExperiment(mu, newD, norms, fractions, seed, maxSteps, lossTolerance);
    }

    /** Norm pairs {@code {||x0||, ||y0||}}. */
    public ScalarExperiment norms(double[]... pairs) {
        return new ScalarExperiment(mu, d, pairs, fractions, seed, maxSteps, lossTolerance);
    }

    /** Learning rates as fractions of each start's h0. */
    public ScalarExperiment fractions(double... fs) {
        return new ScalarExperiment(mu, d, norms, fs, seed, maxSteps, lossTolerance);
    }

    /** The same experiment with directions drawn from another seed. */
    public ScalarExperiment seed(long s) {
        return new ScalarExperiment(mu, d, norms, fractions, s, maxSteps, lossTolerance);
    }

    /** The same experiment with another step budget. */
    public ScalarExperiment maxSteps(long k) {
        return new ScalarExperiment(mu, d, norms, fractions, seed, k, lossTolerance);
    }

    /** The same experiment with another loss tolerance. */
    public ScalarExperiment lossTolerance(double t) {
        return new ScalarExperiment(mu, d, norms, fractions, seed, maxSteps, t);
    }

    /** The target mu. */
    public double mu() { return mu; }

    /** d: the length of x and y. */
    public int d() { return d; }

    /** The seed of the start directions. */
    public long seed() { return seed; }

    /** The loss tolerance of the stop rule. */
    public double lossTolerance() { return lossTolerance; }

    /** Number of norm pairs. */
    public int pairCount() { return norms.length; }

    /** The steps as fractions of h0. */
    public double[] learningRateFractions() { return fractions.clone(); }

    /** The problem {@code 1/2 (mu - x y^T)^2}: the closed-form scalar engine for d = 1, vectors otherwise. */
    public static Problem problem(double mu, int d) {
        return d == 1 ? Problem.scalar(mu) : Problem.scalar(mu, d);
    }

    /** The problem {@code 1/2 (mu - x y^T)^2} with this experiment's mu and d. */
    public Problem problem() {
        return problem(mu, d);
    }

    /** The start of pair {@code i}: random directions (this experiment's seed) with the pair's norms. */
    public Start start(int i) {
        double[] pair = norms[i];
        return Start.withNorms(pair[0], pair[1]).seed(seed);
    }

    /** {@link Theory#h0(double)} of a start point. */
    public static double h0(Factors start) {
        return Theory.h0(start.xNorm2() + start.yNorm2());
    }

    /** {@code "(9, 1)"}. */
    public String pairLabel(int i) {
        return "(" + num(norms[i][0]) + ", " + num(norms[i][1]) + ")";
    }

    /** {@code "6/7"} for 6/7, {@code "1"} for 1, else the decimal. */
    public static String fractionLabel(double f) {
        for (int den : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10}) {
            double num = f * den;
            if (Math.abs(num - Math.rint(num)) < 1e-9) {
                long n = Math.round(num);
                return den == 1 ? Long.toString(n) : n + "/" + den;
            }
        }
        return num(f);
    }

    /**
     * One row per norm pair: {@code pair, mu, d, seed, L, two_over_L, four_over_L, h0, h0_L_over_2,
     * h0_beyond_2_over_L, fractions_beyond_2_over_L} (how many of this experiment's steps exceed 2/L).
     */
    public Table thresholds() {
        Problem p = problem();
        StringColumn pair = StringColumn.create("pair");
        DoubleColumn muC = DoubleColumn.create("mu"), l = DoubleColumn.create("L"),
                twoL = DoubleColumn.create("two_over_L"), fourL = DoubleColumn.create("four_over_L"),
                h0C = DoubleColumn.create("h0"), ratio = DoubleColumn.create("h0_L_over_2");
        IntColumn dC = IntColumn.create("d"), beyondCount = IntColumn.create("fractions_beyond_2_over_L");
        LongColumn seedC = LongColumn.create("seed");
        BooleanColumn beyond = BooleanColumn.create("h0_beyond_2_over_L");
        for (int i = 0; i < norms.length; i++) {
            Factors s0 = start(i).create(p);
            double lv = p.sharpness(s0), h0 = h0(s0);
            pair.append(pairLabel(i));
            muC.append(mu);
            dC.append(d);
            seedC.append(seed);
            l.append(lv);
            twoL.append(Theory.classicalLimit(lv));
            fourL.append(4 / lv);
            h0C.append(h0);
            ratio.append(h0 * lv / 2);
            beyond.append(h0 * lv / 2 > 1);
            int count = 0;
            for (double f : fractions) if (f * h0 * lv / 2 > 1) count++;
            beyondCount.append(count);
        }
        return Tables.readable(Table.create("thresholds", pair, muC, dC, seedC, l, twoL, fourL, h0C, ratio, beyond, beyondCount));
    }

    /** Runs the whole grid (every step recorded, for the figure). */
    public Result run() {
        Problem p = problem();
        Start[] starts = new Start[norms.length];
        for (int i = 0; i < norms.length; i++) starts[i] = start(i);
        List<GdResult> all = Sweep.of(p).starts(starts).hTimes(Sweep.Unit.H0, Grid.of(fractions)).maxSteps(maxSteps)
                .lossTolerance(lossTolerance).gradTolerance(0).keepTrajectories(1).progress(SweepProgress.none())
                .run().trajectories();
        List<Run> runs = new ArrayList<>();
        for (int i = 0, k = 0; i < norms.length; i++)
            for (double f : fractions) {
                GdResult r = all.get(k++);
                runs.add(new Run(i, pairLabel(i), f, h0(r.start()), r));
            }
        return new Result(runs);
    }

    /** One GD run with this recipe's stopping rule (loss tolerance, step budget), every step recorded. */
    public GdResult run(Problem problem, Start start, double h) {
        return GradientDescent.on(problem).from(start).h(h).maxSteps(maxSteps)
                .lossTolerance(lossTolerance).gradTolerance(0).run();
    }

    /**
     * One row per named run of a 1x1-target problem: {@code run, outcome, steps, h, h_L_over_2, loss,
     * abs_residual, x_norm2, y_norm2, imbalance_ratio}.
     */
    public static Table summary(Map<String, GdResult> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        StringColumn name = StringColumn.create("run"), outcome = StringColumn.create("outcome");
        LongColumn steps = LongColumn.create("steps");
        DoubleColumn h = DoubleColumn.create("h"), hl = DoubleColumn.create("h_L_over_2"),
                loss = DoubleColumn.create(Columns.LOSS), res = DoubleColumn.create("abs_residual"),
                xn = DoubleColumn.create("x_norm2"), yn = DoubleColumn.create("y_norm2"),
                ratio = DoubleColumn.create(Columns.IMBALANCE_RATIO);
        for (Map.Entry<String, GdResult> e : runs.entrySet()) {
            GdResult g = e.getValue();
            name.append(e.getKey());
            outcome.append(g.outcome().name());
            steps.append(g.steps());
            h.append(g.h());
            hl.append(g.hL() / 2);
            loss.append(g.finalLoss());
            res.append(Math.sqrt(2 * g.finalLoss()));
            xn.append(g.finalXNorm2());
            yn.append(g.finalYNorm2());
            ratio.append(g.finalImbalance() / g.initialImbalance());
        }
        return Tables.readable(Table.create("runs", name, outcome, steps, h, hl, loss, res, xn, yn, ratio));
    }

    /**
     * Theorem 3.1's check over a grid of instances: for each d, norm pair and seed (0 .. seeds - 1), the start
     * {@code Start.withNorms(pair).seed(seed)} and the steps {@code h = 2/L + u (h0 - 2/L)} for each u (u in (0, 1]
     * spans the range beyond 2/L up to h0), one run each with this experiment's stop rule, one verdict each
     * ({@link #theorem31Verdict}).
     */
    public List<Verdict> theorem31Verdicts(int[] ds, double[][] pairs, int seeds, double... us) {
        List<Verdict> out = new ArrayList<>();
        for (int d : ds)
            for (double[] pair : pairs)
                for (long seed = 0; seed < seeds; seed++) {
                    Problem p = problem(mu, d);
                    Start start = Start.withNorms(pair[0], pair[1]).seed(seed);
                    Theory theory = Theory.of(p, start);
                    double[] hs = new double[us.length];
                    for (int i = 0; i < us.length; i++)
                        hs[i] = theory.classicalLimit() + us[i] * (theory.h0() - theory.classicalLimit());
                    for (GdResult r : Sweep.of(p).starts(start).h(Grid.of(hs)).maxSteps(maxSteps)
                            .lossTolerance(lossTolerance).gradTolerance(0).keepTrajectories(1)
                            .progress(SweepProgress.none()).run().trajectories())
                        out.add(theorem31Verdict(r));
                }
        return out;
    }

    /**
     * Theorem 3.1's check on one finished run (any 1x1-target run): hypotheses {@code h <= h0} (paper: h0 is
     * inside Thm 3.1's range; not claimed to be its endpoint) and {@code h > 2/L} (the instance is beyond the
     * classical limit); conclusions: converged (paper, Thm 3.1), {@code |x y^T - mu| <= 1e-10} (paper, Thm 3.1:
     * a global minimum), {@code S <= 2/h} and {@code ||x - y||^2 <= 2/h - 2 mu} (derived, stability of minima,
     * relative slack 1e-6 of 2/h) and {@code h0 L / 2 > 1} (paper's abstract "well beyond 2/L", checked for
     * this start).
     */
    public static Verdict theorem31Verdict(GdResult run) {
        Problem p = run.problem();
        if (p.rows() != 1 || p.cols() != 1)
            throw new IllegalArgumentException("Theorem 3.1 is about a 1x1 target (mu); got a " + p.rows() + "x"
                    + p.cols() + " target");
        double mu = p.target().get(0, 0), h = run.h(), l = run.L();
        Factors s0 = run.start(), end = run.end();
        double h0 = h0(s0);
        double residual = Double.NaN, sum = Double.NaN, dist2 = Double.NaN;
        if (end != null) {
            double xy = 0;
            dist2 = 0;
            for (int i = 0; i < end.d(); i++) {
                xy += end.x().data[i] * end.y().data[i];
                double e = end.x().data[i] - end.y().data[i];
                dist2 += e * e;
            }
            residual = Math.abs(xy - mu);
            sum = end.xNorm2() + end.yNorm2();
        }
        List<Check> checks = List.of(
                Check.hypothesis("h <= h0 = 4/(|x0|^2+|y0|^2+8) (paper: inside Thm 3.1's range)", h, "<=",
                        h0 * (1 + 1e-12)),
                Check.hypothesis("h > 2/L: beyond the classical limit (instance choice)", h, ">", Theory.classicalLimit(l)),
                Check.conclusion("GD converged (1 = CONVERGED; paper, Thm 3.1)",
                        run.outcome() == Outcome.CONVERGED ? 1 : 0, ">=", 1),
                Check.conclusion("global minimum: |x y^T - mu| <= 1e-10 (paper, Thm 3.1)", residual, "<=", 1e-10),
                Check.conclusion("S = |x|^2 + |y|^2 <= 2/h (stability, derived)", sum, "<=", Theory.sharpnessBound(h) + Theory.slack(h)),
                Check.conclusion("|x - y|^2 <= 2/h - 2 mu (balancing, derived)", dist2, "<=", Theory.balanceBound(h, mu) + Theory.slack(h)),
                Check.conclusion("h0 L / 2 > 1: h0 well beyond 2/L (paper, abstract; for this start)", h0 * l / 2,
                        ">", 1));
        String instance = String.format(Locale.ROOT, "mu=%s, d=%d, norms (%s, %s), seed %d, h=%.4g (%.3f h0)",
                num(mu), s0.d(), num(Math.sqrt(s0.xNorm2())), num(Math.sqrt(s0.yNorm2())), run.seed(), h, h / h0);
        return new Verdict(instance, checks);
    }

    /**
     * A run's trajectory with the figure's columns added: {@code x_norm = ||x_k||}, {@code y_norm = ||y_k||},
     * {@code abs_residual = |x_k y_k^T - mu| = sqrt(2 loss)}.
     */
    public static Table figureTrajectory(GdResult run) {
        Table t = run.trajectory();
        DoubleColumn xn = DoubleColumn.create("x_norm"), yn = DoubleColumn.create("y_norm"),
                ar = DoubleColumn.create("abs_residual");
        for (int i = 0; i < t.rowCount(); i++) {
            xn.append(Math.sqrt(t.doubleColumn(GdResult.X_NORM2).get(i)));
            yn.append(Math.sqrt(t.doubleColumn(GdResult.Y_NORM2).get(i)));
            ar.append(Math.sqrt(2 * t.doubleColumn(GdResult.LOSS).get(i)));
        }
        return t.addColumns(xn, yn, ar);
    }

    /** One cell of the grid. */
    public record Run(int pairIndex, String pair, double fraction, double h0, GdResult result) {
        /** A label for tables and charts. */
        public String name() {
            return pair + ", h = " + fractionLabel(fraction) + " h0";
        }
    }

    /** The grid's runs, with the tables and pictures of the figure. */
    public static final class Result {
        private final List<Run> runs;

        Result(List<Run> runs) {
            this.runs = List.copyOf(runs);
        }

        /** The runs, pair by pair, each pair's steps from large to small. */
        public List<Run> runs() { return runs; }

        /** Runs by {@link Run#name()}, in grid order (for {@code Plots}). */
        public Map<String, GdResult> byName() {
            Map<String, GdResult> m = new LinkedHashMap<>();
            for (Run r : runs) m.put(r.name(), r.result());
            return m;
        }

        /** The run of pair {@code i} and fraction {@code j} (grid order). */
        public Run run(int i, int j) {
            int perPair = (int) runs.stream().filter(r -> r.pairIndex() == 0).count();
            return runs.get(i * perPair + j);
        }

        /**
         * One row per run: {@code pair, fraction, h, h_L_over_2, beyond_2_over_L, outcome, steps, abs_residual,
         * x_norm2, y_norm2, S, two_over_h, dist2 (||x-y||^2), balance_bound (2/h - 2 mu), imbalance_start,
         * imbalance, imbalance_ratio} (column names as in {@link Columns}).
         */
        public Table table() {
            StringColumn pair = StringColumn.create("pair"), frac = StringColumn.create("fraction"),
                    outcome = StringColumn.create("outcome");
            DoubleColumn h = DoubleColumn.create("h"), hl = DoubleColumn.create("h_L_over_2"),
                    res = DoubleColumn.create("abs_residual"), xn = DoubleColumn.create("x_norm2"),
                    yn = DoubleColumn.create("y_norm2"), s = DoubleColumn.create("S"),
                    twoH = DoubleColumn.create("two_over_h"), dist = DoubleColumn.create("dist2"),
                    bound = DoubleColumn.create("balance_bound"), d0 = DoubleColumn.create(Columns.IMBALANCE_START),
                    dEnd = DoubleColumn.create(Columns.IMBALANCE), ratio = DoubleColumn.create(Columns.IMBALANCE_RATIO);
            BooleanColumn beyond = BooleanColumn.create("beyond_2_over_L");
            LongColumn steps = LongColumn.create("steps");
            for (Run r : runs) {
                GdResult g = r.result();
                double mu = g.problem().target().get(0, 0), hv = g.h();
                pair.append(r.pair());
                frac.append(fractionLabel(r.fraction()));
                h.append(hv);
                hl.append(hv * g.L() / 2);
                beyond.append(hv * g.L() / 2 > 1);
                outcome.append(g.outcome().name());
                steps.append(g.steps());
                res.append(Math.sqrt(2 * g.finalLoss()));
                xn.append(g.finalXNorm2());
                yn.append(g.finalYNorm2());
                s.append(g.finalXNorm2() + g.finalYNorm2());
                twoH.append(Theory.sharpnessBound(hv));
                Factors end = g.end();
                dist.append(end == null ? Double.NaN : distance2(end));
                bound.append(Theory.balanceBound(hv, mu));
                d0.append(g.initialImbalance());
                dEnd.append(g.finalImbalance());
                ratio.append(g.finalImbalance() / g.initialImbalance());
            }
            return Tables.readable(Table.create("scalar experiment", pair, frac, h, hl, beyond, outcome, steps, res, xn, yn, s, twoH,
                    dist, bound, d0, dEnd, ratio));
        }

        /** {@code ||x_k||} and {@code ||y_k||} against k for one run (a small panel of the figure). */
        public XYChart normsChart(int i, int j) {
            Run r = run(i, j);
            Table t = figureTrajectory(r.result());
            XYChart c = LinePlot.of(GdResult.STEP, "x_norm").series("||x_k||", t).size(220, 180)
                    .title(r.pair() + ", h = " + fractionLabel(r.fraction()) + " h0").xAxisTitle("k").yAxisTitle("norm")
                    .build();
            Charts.line(c, "||y_k||", t.numberColumn(GdResult.STEP).asDoubleArray(), t.doubleColumn("y_norm").asDoubleArray());
            c.getStyler().setLegendVisible(i == 0 && j == 0);
            return c;
        }

        /** {@code |x_k y_k^T - mu|} against k on a log scale, one line per learning rate, for pair {@code i}. */
        public XYChart residualChart(int i) {
            LinePlot plot = LinePlot.of(GdResult.STEP, "abs_residual").logY().size(420, 320)
                    .title("|r_k| = |x_k y_k^T - mu|, start " + runs.stream().filter(r -> r.pairIndex() == i)
                            .findFirst().orElseThrow().pair())
                    .xAxisTitle("k").yAxisTitle("|r_k| (log scale)");
            for (Run r : runs)
                if (r.pairIndex() == i)
                    plot.series("h = " + fractionLabel(r.fraction()) + " h0", figureTrajectory(r.result()));
            return plot.build();
        }

        /** The figure: one row per norm pair, one column per learning rate, panels of {@link #normsChart}. */
        public BufferedImage normsFigure() {
            int pairs = (int) runs.stream().mapToInt(Run::pairIndex).distinct().count();
            int perPair = runs.size() / pairs;
            List<XYChart> charts = new ArrayList<>();
            for (int i = 0; i < pairs; i++)
                for (int j = 0; j < perPair; j++) charts.add(normsChart(i, j));
            return Charts.grid(charts, perPair);
        }

        /** The residuals: one panel per norm pair, side by side. */
        public BufferedImage residualFigure() {
            int pairs = (int) runs.stream().mapToInt(Run::pairIndex).distinct().count();
            List<XYChart> charts = new ArrayList<>();
            for (int i = 0; i < pairs; i++) charts.add(residualChart(i));
            return Charts.grid(charts, pairs);
        }
    }

    /** {@code ||x - y||^2} for 1 x d factors. */
    public static double distance2(Factors f) {
        double s = 0;
        for (int i = 0; i < f.d(); i++) {
            double e = f.x().data[i] - f.y().data[i];
            s += e * e;
        }
        return s;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
