package org.largelr.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.largelr.api.Columns;
import org.largelr.api.SweepProgress;
import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.GdResult;
import org.largelr.api.Outcome;
import org.largelr.matrix.MatrixChecks;
import org.largelr.api.Factors;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Check;
import org.largelr.api.Charts;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The balancing bound as a function of the step: one start of the scalar problem, GD at many learning rates,
 * and the limit's {@code ||x - y||^2} against the bound {@code 2/h - 2 mu} (derived here: a limit must have
 * sharpness {@code S = ||x||^2 + ||y||^2 <= 2/h}, and {@code x y^T = mu} there).
 *
 * <pre>{@code
 * var sweep = ScalarBalanceSweep.of(Problem.scalar(1), Start.scalar(3, 0.1)).h(Grid.linear(0.05, 0.5, 181)).run();
 * sweep.chart();
 * }</pre>
 */
public final class ScalarBalanceSweep {
    private final Problem problem;
    private final Start start;
    private final double[] hs;
    private final long maxSteps;
    private final double lossTolerance;

    private ScalarBalanceSweep(Problem problem, Start start, double[] hs, long maxSteps, double lossTolerance) {
        this.problem = problem;
        this.start = start;
        this.hs = hs;
        this.maxSteps = maxSteps;
        this.lossTolerance = lossTolerance;
    }

    /** A sweep on a problem with a 1x1 target (mu); set the steps with {@link #h(Grid)}. */
    public static ScalarBalanceSweep of(Problem problem, Start start) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (start == null) throw new IllegalArgumentException("start must not be null");
        if (problem.rows() != 1 || problem.cols() != 1)
            throw new IllegalArgumentException("the balancing bound 2/h - 2 mu is for a 1x1 target; got a "
                    + problem.rows() + "x" + problem.cols() + " target");
        return new ScalarBalanceSweep(problem, start, new double[0], 100_000, 1e-21);
    }

    /** The learning rates, e.g. {@code Grid.linear(0.05, 0.5, 181)} or {@code Grid.of(0.1, 0.2)}. */
    public ScalarBalanceSweep h(Grid steps) {
        if (steps == null) throw new IllegalArgumentException("h must not be null");
        for (double h : steps.values()) MatrixChecks.requirePositive("learning rate h", h);
        return new ScalarBalanceSweep(problem, start, steps.values(), maxSteps, lossTolerance);
    }

    /** Step budget per run (default 100,000). */
    public ScalarBalanceSweep maxSteps(long k) {
        return new ScalarBalanceSweep(problem, start, hs, k, lossTolerance);
    }

    /** Converged once the loss is at most t (default 1e-21). */
    public ScalarBalanceSweep lossTolerance(double t) {
        MatrixChecks.requirePositive("lossTolerance", t);
        return new ScalarBalanceSweep(problem, start, hs, maxSteps, t);
    }

    /** Runs the steps as one sweep from the start. */
    public Result run() {
        if (hs.length == 0) throw new IllegalArgumentException("set the learning rates first: h(Grid)");
        List<GdResult> runs = Sweep.of(problem).starts(start).h(Grid.of(hs)).maxSteps(maxSteps)
                .lossTolerance(lossTolerance).gradTolerance(0).keepTrajectories(1000).progress(SweepProgress.none())
                .run().trajectories();
        return new Result(problem.target().get(0, 0), start.describe(), runs);
    }

    /** The sweep's runs and what they show. */
    public static final class Result {
        private final double mu;
        private final String startName;
        private final List<GdResult> runs;

        Result(double mu, String startName, List<GdResult> runs) {
            this.mu = mu;
            this.startName = startName;
            this.runs = List.copyOf(runs);
        }

        /** The runs, in the order of the steps. */
        public List<GdResult> runs() { return runs; }

        /** The run with step closest to h. */
        public GdResult at(double h) {
            GdResult best = runs.get(0);
            for (GdResult r : runs)
                if (Math.abs(r.h() - h) < Math.abs(best.h() - h)) best = r;
            return best;
        }

        /** The largest step whose run converged (NaN when none did). */
        public double largestConvergingStep() {
            double m = Double.NaN;
            for (GdResult r : runs)
                if (r.outcome() == Outcome.CONVERGED && !(r.h() <= m)) m = r.h();
            return m;
        }

        /**
         * One row per step: {@code h, h_L_over_2, outcome, steps, x_norm2, y_norm2, S, two_over_h, dist2
         * (||x - y||^2 at the end), balance_bound (2/h - 2 mu), imbalance_ratio (final / start imbalance)}.
         */
        public Table table() {
            DoubleColumn h = DoubleColumn.create("h"), hl = DoubleColumn.create("h_L_over_2"),
                    xn = DoubleColumn.create("x_norm2"), yn = DoubleColumn.create("y_norm2"),
                    s = DoubleColumn.create("S"), twoH = DoubleColumn.create("two_over_h"),
                    dist = DoubleColumn.create("dist2"), bound = DoubleColumn.create("balance_bound"),
                    ratio = DoubleColumn.create(Columns.IMBALANCE_RATIO);
            StringColumn outcome = StringColumn.create("outcome");
            LongColumn steps = LongColumn.create("steps");
            for (GdResult r : runs) {
                double hv = r.h();
                Factors end = r.end();
                boolean done = r.outcome() == Outcome.CONVERGED;
                h.append(hv);
                hl.append(hv * r.L() / 2);
                outcome.append(r.outcome().name());
                steps.append(r.steps());
                xn.append(done ? r.finalXNorm2() : Double.NaN);
                yn.append(done ? r.finalYNorm2() : Double.NaN);
                s.append(done ? r.finalXNorm2() + r.finalYNorm2() : Double.NaN);
                twoH.append(Theory.sharpnessBound(hv));
                dist.append(done && end != null ? ScalarExperiment.distance2(end) : Double.NaN);
                bound.append(Theory.balanceBound(hv, mu));
                ratio.append(done ? r.finalImbalance() / r.initialImbalance() : Double.NaN);
            }
            return Tables.readable(Table.create("balance sweep, " + startName, h, hl, outcome, steps, xn, yn, s, twoH, dist, bound,
                    ratio));
        }

        /**
         * The limit's {@code ||x - y||^2} (converged runs, points) against h, with the bound {@code 2/h - 2 mu}
         * (line) and the classical limit {@code 2/L} (vertical line). The y axis is cut at {@code yMax}.
         */
        public XYChart chart(double yMax) {
            MatrixChecks.requirePositive("yMax", yMax);
            Table t = table();
            List<Double> hx = new ArrayList<>(), dy = new ArrayList<>(), bx = new ArrayList<>(), by = new ArrayList<>();
            for (int i = 0; i < t.rowCount(); i++) {
                double h = t.doubleColumn("h").getDouble(i), b = t.doubleColumn("balance_bound").getDouble(i);
                if (t.stringColumn("outcome").get(i).equals(Outcome.CONVERGED.name())) {
                    hx.add(h);
                    dy.add(t.doubleColumn("dist2").getDouble(i));
                }
                if (b <= yMax && b >= 0) {
                    bx.add(h);
                    by.add(b);
                }
            }
            XYChart c = Charts.xy(760, 440);
            c.setTitle(String.format(Locale.ROOT, "Balancing bound, mu = %s, start %s", ScalarExperiment.num(mu), startName));
            c.setXAxisTitle("learning rate h");
            c.setYAxisTitle("||x - y||^2 at the limit");
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(yMax);
            if (!bx.isEmpty()) Charts.reference(c, "bound 2/h - 2 mu (derived)", array(bx), array(by));
            if (!hx.isEmpty()) Charts.dots(c, "GD limit (converged runs)", array(hx), array(dy));
            double l = runs.get(0).L(), top = largestConvergingStep();
            if (Double.isFinite(l)) Charts.vertical(c, String.format(Locale.ROOT, "2/L = %.3f", Theory.classicalLimit(l)), Theory.classicalLimit(l));
            if (Double.isFinite(top)) Charts.vertical(c, String.format(Locale.ROOT, "largest converging h = %.3f", top), top);
            return c;
        }

        private static double[] array(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /**
         * One verdict per converged run: {@code S <= 2/h} and {@code ||x - y||^2 <= 2/h - 2 mu} (derived, relative
         * slack 1e-6 of 2/h), and the limit is a global minimum ({@code |x y^T - mu| <= 1e-10}).
         */
        public List<Verdict> verdicts() {
            List<Verdict> out = new ArrayList<>();
            for (GdResult r : runs) {
                if (r.outcome() != Outcome.CONVERGED) continue;
                Factors end = r.end();
                double h = r.h(), xy = 0;
                for (int i = 0; i < end.d(); i++) xy += end.x().data[i] * end.y().data[i];
                out.add(new Verdict(String.format(Locale.ROOT, "mu=%s, %s, h=%.4g", ScalarExperiment.num(mu),
                        startName, h), List.of(
                        Check.conclusion("global minimum: |x y^T - mu| <= 1e-10", Math.abs(xy - mu), "<=", 1e-10),
                        Check.conclusion("S = |x|^2 + |y|^2 <= 2/h (stability, derived)",
                                end.xNorm2() + end.yNorm2(), "<=", Theory.sharpnessBound(h) + Theory.slack(h)),
                        Check.conclusion("|x - y|^2 <= 2/h - 2 mu (balancing, derived)",
                                ScalarExperiment.distance2(end), "<=", Theory.balanceBound(h, mu) + Theory.slack(h)))));
            }
            return out;
        }
    }
}
