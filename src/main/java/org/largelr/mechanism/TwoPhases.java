package org.largelr.mechanism;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.largelr.api.Charts;
import org.largelr.api.Check;
import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;
import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Loss and sharpness along runs from one start at several steps {@code h = m * 2/L}, each split into its two
 * phases: {@code k*} is the first step from which on the sharpness stays below {@code 2/h} and the loss falls at
 * every step ({@link SharpnessTrace#stableFrom}).
 *
 * <pre>{@code
 * var phases = TwoPhases.of("scalar (99, 1), d = 10", problem, start).multiples(0.5, 1.2, 1.6, 1.9).run();
 * phases.table();  phases.figure();  Verdict.conclude(phases.verdicts(10));
 * }</pre>
 *
 * <p>Table columns (stable API): {@code instance, h_over_classical, h, two_over_h, outcome, steps,
 * loss_increases} (steps that raised the loss), {@code peak_loss_ratio} (largest loss over the start's),
 * {@code first_below} (first step whose sharpness is below {@code 2/h}), {@code k_star}, {@code decades_after}
 * ({@code log10(loss(k*) / loss(end))}), {@code share_after} (that over {@code log10(peak loss / loss(end))}: the
 * second phase's share of the descent), {@code sharpness}
 * (at the last step: the limit's when CONVERGED), {@code gap} ({@code 2/h - sharpness}) and {@code gap_ratio}
 * ({@code sharpness / (2/h)}).
 */
public final class TwoPhases extends SeveralSteps<TwoPhases> {
    /** Column names of {@link #table()} beyond {@link Columns}'. */
    public static final String INSTANCE = "instance", H_OVER_CLASSICAL = "h_over_classical",
            LOSS_INCREASES = "loss_increases", PEAK_LOSS_RATIO = "peak_loss_ratio", FIRST_BELOW = "first_below",
            K_STAR = "k_star", DECADES_AFTER = "decades_after",
            SHARE_AFTER = "share_after", GAP = "gap", GAP_RATIO = "gap_ratio";

    /** One run: its step as a multiple of {@code 2/L}, the result and the trace. */
    public record Case(double multiple, GdResult run, SharpnessTrace trace) {
        /** {@code 2/h}, the sharpness a limit of this run may have at most. */
        public double edge() { return Theory.sharpnessBound(run.h()); }

        /** {@link SharpnessTrace#stableFrom} at this run's {@code 2/h}. */
        public long kStar() { return trace.stableFrom(edge()); }

        /** The first recorded step whose sharpness is below {@code 2/h}, -1 if none. */
        public long firstBelow() {
            double[] s = trace.sharpness();
            for (int i = 0; i < s.length; i++) if (s[i] < edge()) return i;
            return -1;
        }

        /** {@code log10(loss(k*) / loss(end))}, NaN without a {@code k*}. */
        public double decadesAfter() {
            long k = kStar();
            if (k < 0) return Double.NaN;
            double[] l = trace.losses();
            return Math.log10(trace.lossAt(k) / l[l.length - 1]);
        }

        /**
         * The second phase's share of the descent, in decades: {@code log10(loss(k*)/loss(end))} over
         * {@code log10(peak loss/loss(end))}; 1 when the second phase starts at the run's largest loss.
         */
        public double shareAfter() {
            double[] l = trace.losses();
            return decadesAfter() / Math.log10(trace.peakLossRatio() * l[0] / l[l.length - 1]);
        }
    }

    private final String label;
    private final Problem problem;
    private final Start start;
    private List<Case> cases;

    private TwoPhases(String label, Problem problem, Start start) {
        super(0.5, 1.2, 1.6, 1.9);
        this.label = label;
        this.problem = problem;
        this.start = start;
    }

    /** Runs on this problem from this start, named {@code label} in tables and titles. */
    public static TwoPhases of(String label, Problem problem, Start start) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label must not be blank");
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (start == null) throw new IllegalArgumentException("start must not be null");
        return new TwoPhases(label, problem, start);
    }

    /**
     * The steps as multiples of {@code 2/L} (each finite and > 0; default 0.5, 1.2, 1.6, 1.9). A sharpness is
     * computed at every step of a run: mind the budget ({@link #maxSteps}).
     */
    public TwoPhases multiples(double... m) {
        return steps("multiples", m);
    }

    /** Runs every step (the problem kind's default stop rule) and keeps the traces. */
    public TwoPhases run() {
        double classical = Theory.of(problem, start).classicalLimit();
        List<Case> out = new ArrayList<>();
        for (double m : steps) {
            SharpnessTrace trace = SharpnessTrace.of(problem);
            GdResult r = GradientDescent.on(problem).from(start).h(m * classical).maxSteps(maxSteps).observe(trace).run();
            out.add(new Case(m, r, trace));
        }
        this.cases = List.copyOf(out);
        return this;
    }

    /** The label given to {@link #of}. */
    public String label() { return label; }

    /** The runs, in the order of the multiples. */
    public List<Case> cases() {
        if (cases == null) throw new IllegalStateException("call run() first");
        return cases;
    }

    /** One row per run (columns in the class comment). */
    public Table table() {
        StringColumn inst = StringColumn.create(INSTANCE), outcome = StringColumn.create(Columns.OUTCOME);
        DoubleColumn mult = DoubleColumn.create(H_OVER_CLASSICAL), h = DoubleColumn.create(Columns.H),
                edge = DoubleColumn.create(Columns.TWO_OVER_H), peak = DoubleColumn.create(PEAK_LOSS_RATIO),
                decades = DoubleColumn.create(DECADES_AFTER), share = DoubleColumn.create(SHARE_AFTER), sharp = DoubleColumn.create(Columns.SHARPNESS),
                gap = DoubleColumn.create(GAP), ratio = DoubleColumn.create(GAP_RATIO);
        LongColumn steps = LongColumn.create(Columns.STEPS), first = LongColumn.create(FIRST_BELOW),
                kStar = LongColumn.create(K_STAR);
        IntColumn ups = IntColumn.create(LOSS_INCREASES);
        for (Case c : cases()) {
            inst.append(label);
            mult.append(c.multiple());
            h.append(c.run().h());
            edge.append(c.edge());
            outcome.append(c.run().outcome().name());
            steps.append(c.run().steps());
            ups.append(c.trace().lossIncreases());
            peak.append(c.trace().peakLossRatio());
            first.append(c.firstBelow());
            kStar.append(c.kStar());
            decades.append(c.decadesAfter());
            share.append(c.shareAfter());
            sharp.append(c.trace().lastSharpness());
            gap.append(c.edge() - c.trace().lastSharpness());
            ratio.append(c.trace().lastSharpness() / c.edge());
        }
        return Tables.readable(Table.create("two phases: " + label, inst, mult, h, edge, outcome, steps, ups, peak,
                first, kStar, decades, share, sharp, gap, ratio));
    }

    /** The tables of several {@link #run() run} instances, one after the other. */
    public static Table stack(List<TwoPhases> all) {
        if (all == null || all.isEmpty()) throw new IllegalArgumentException("give at least one TwoPhases");
        Table out = all.get(0).table().copy().setName("two phases");
        for (int i = 1; i < all.size(); i++) out.append(all.get(i).table());
        return Tables.readable(out);
    }

    /**
     * Per converged run: a {@code k*} exists before the last step, the second phase does at least {@code minShare}
     * of the descent ({@link Case#shareAfter}), the limit's sharpness is at most {@code 2/h}, and the trace saw the
     * engine's steps (its losses are the run's recorded ones, its first sharpness the run's L). Runs that did not
     * converge are left out (the table shows them); at least one must have converged.
     */
    public List<Verdict> verdicts(double minShare) {
        List<Verdict> out = new ArrayList<>();
        for (Case c : cases()) {
            if (!c.run().converged()) continue;
            long k = c.kStar();
            out.add(new Verdict(String.format(Locale.ROOT, "%s, h = %.3g x 2/L", label, c.multiple()), List.of(
                    Check.conclusion("a k* exists: sharpness < 2/h and loss falling at every step from k* on", k, ">=", 0),
                    Check.conclusion("k* comes before the last step", k, "<", c.run().steps()),
                    Check.conclusion("the second phase does most of the descent: share of decades after k*",
                            c.shareAfter(), ">=", minShare),
                    Check.conclusion("limit's sharpness <= 2/h (stability, derived)", c.trace().lastSharpness(), "<=",
                            c.edge() + Theory.slack(c.run().h())),
                    Check.conclusion("the listener saw the engine's steps: max |its loss - the run's recorded loss|",
                            maxDifference(c.trace().losses(), c.run().column(Columns.LOSS)), "<=", 0),
                    Check.conclusion("its sharpness at step 0 is the run's L: relative difference",
                            Math.abs(c.trace().sharpness()[0] - c.run().L()) / c.run().L(), "<=", 1e-12))));
        }
        if (out.isEmpty()) out.add(new Verdict(label, List.of(Check.that("at least one run converged", false))));
        return out;
    }

    /** Largest |a_i - b_i|; infinite when the lengths differ (the two did not see the same steps). */
    private static double maxDifference(double[] a, double[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** {@link #figure(long)} over whole runs. */
    public BufferedImage figure() {
        return figure(Long.MAX_VALUE);
    }

    /**
     * One column per run, steps {@code 0..upTo}: the loss (log scale) on top, the sharpness with its {@code 2/h} line
     * below, and {@code k*} as a dashed vertical line in both.
     */
    public BufferedImage figure(long upTo) {
        if (upTo < 1) throw new IllegalArgumentException("upTo must be >= 1, got " + upTo);
        List<XYChart> top = new ArrayList<>(), bottom = new ArrayList<>();
        for (Case c : cases()) {
            String name = String.format(Locale.ROOT, "h = %.3g x 2/L", c.multiple());
            int n = upTo >= c.trace().size() ? c.trace().size() : (int) upTo + 1;
            double[] k = Arrays.copyOf(c.trace().steps(), n);
            XYChart sharp = Charts.xy(330, 260);
            sharp.setTitle(name + ": sharpness");
            sharp.setXAxisTitle("step k");
            sharp.setYAxisTitle("top Hessian eigenvalue");
            sharp.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            Charts.line(sharp, "sharpness", k, Arrays.copyOf(c.trace().sharpness(), n));
            Charts.reference(sharp, "2/h", new double[] {k[0], k[n - 1]}, new double[] {c.edge(), c.edge()});
            XYChart loss = Charts.xy(330, 260);
            loss.setTitle(name + ": loss");
            loss.setXAxisTitle("step k");
            loss.setYAxisTitle("loss");
            loss.getStyler().setYAxisLogarithmic(true);
            loss.getStyler().setLegendVisible(false);
            Charts.line(loss, "loss", k, Arrays.copyOf(c.trace().losses(), n));
            long ks = c.kStar();
            if (ks >= 0 && ks <= upTo) {
                XYSeries mark = Charts.vertical(sharp, "k*", ks);
                XYSeries same = Charts.vertical(loss, "k*", ks);
                same.setLineColor(mark.getLineColor());
                same.setLineStyle(mark.getLineStyle());
            }
            top.add(loss);
            bottom.add(sharp);
        }
        List<XYChart> all = new ArrayList<>(top);
        all.addAll(bottom);
        return Charts.grid(all, top.size());
    }
}
