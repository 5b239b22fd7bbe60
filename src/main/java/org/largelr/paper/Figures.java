package org.largelr.paper;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.largelr.api.Charts;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.LinePlot;
import org.largelr.api.Outcome;
import org.largelr.api.Theory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The paper notebooks' own figures, drawn from kept trajectories with the library's chart family. */
public final class Figures {
    private Figures() {}

    /** {@code "(9, 1), h = 6/7 h0"}: a run of the scalar experiment, named by its start's norms and its step in h0. */
    public static String scalarName(GdResult run) {
        Factors s = run.start();
        double h0 = Theory.h0(s.xNorm2() + s.yNorm2());
        return pair(run) + ", h = " + fractionLabel(run.h() / h0) + " h0";
    }

    private static String pair(GdResult run) {
        Factors s = run.start();
        return "(" + Claims.num(Claims.norm(s.xNorm2())) + ", " + Claims.num(Claims.norm(s.yNorm2())) + ")";
    }

    /** {@code "6/7"} for 6/7, {@code "1"} for 1, else the decimal. */
    public static String fractionLabel(double f) {
        for (int den : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10}) {
            double n = f * den;
            if (Math.abs(n - Math.rint(n)) < 1e-9) return den == 1 ? Long.toString(Math.round(n)) : Math.round(n) + "/" + den;
        }
        return Claims.num(f);
    }

    /** A run's trajectory with {@code x_norm = ||x_k||}, {@code y_norm = ||y_k||}, {@code abs_residual = sqrt(2 loss)}. */
    public static Table normsTrajectory(GdResult run) {
        Table t = run.trajectory();
        DoubleColumn xn = DoubleColumn.create("x_norm"), yn = DoubleColumn.create("y_norm"), ar = DoubleColumn.create("abs_residual");
        for (int i = 0; i < t.rowCount(); i++) {
            xn.append(Math.sqrt(t.doubleColumn(GdResult.X_NORM2).get(i)));
            yn.append(Math.sqrt(t.doubleColumn(GdResult.Y_NORM2).get(i)));
            ar.append(Math.sqrt(2 * t.doubleColumn(GdResult.LOSS).get(i)));
        }
        return t.addColumns(xn, yn, ar);
    }

    /** Panels of {@code ||x_k||} and {@code ||y_k||} against k, {@code columns} runs per row, in the given order. */
    public static BufferedImage norms(List<GdResult> runs, int columns) {
        List<XYChart> charts = new ArrayList<>();
        for (GdResult r : runs) {
            Table t = normsTrajectory(r);
            XYChart c = LinePlot.of(GdResult.STEP, "x_norm").series("||x_k||", t).size(220, 180).title(scalarName(r))
                    .xAxisTitle("k").yAxisTitle("norm").build();
            Charts.line(c, "||y_k||", t.numberColumn(GdResult.STEP).asDoubleArray(), t.doubleColumn("y_norm").asDoubleArray());
            c.getStyler().setLegendVisible(charts.isEmpty());
            charts.add(c);
        }
        return Charts.grid(charts, columns);
    }

    /** {@code |r_k|} on a log scale, one panel per {@code perPanel} consecutive runs (one start each), side by side. */
    public static BufferedImage residuals(List<GdResult> runs, int perPanel) {
        List<XYChart> charts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += perPanel) {
            LinePlot plot = LinePlot.of(GdResult.STEP, "abs_residual").logY().size(420, 320)
                    .title("|r_k| = |x_k y_k^T - mu|, start " + pair(runs.get(i))).xAxisTitle("k").yAxisTitle("|r_k| (log scale)");
            for (GdResult r : runs.subList(i, Math.min(runs.size(), i + perPanel)))
                plot.series("h = " + fractionLabel(r.h() / Theory.h0(r.start().xNorm2() + r.start().yNorm2())) + " h0", normsTrajectory(r));
            charts.add(plot.build());
        }
        return Charts.grid(charts, charts.size());
    }

    /**
     * A landscape's three panels against h (log): steps used per outcome; the imbalance and the balance gap left at
     * the end; the limit's sharpness against the ceiling 2/h, the floor 2 sigma_1 and L. Lines at 2/L and 1/sigma_1.
     */
    public static BufferedImage landscape(List<GdResult> runs) {
        Theory th = Theory.of(runs.get(0).problem(), runs.get(0).start());
        XYChart outcome = chart("Outcome per h (steps used)", "steps used (log)", true);
        for (Outcome o : Outcome.values()) {
            List<double[]> pts = new ArrayList<>();
            for (GdResult r : runs) if (r.outcome() == o) pts.add(new double[] {r.h(), Math.max(1, r.steps())});
            if (!pts.isEmpty()) Charts.dots(outcome, o.name().toLowerCase(Locale.ROOT).replace('_', ' '), xs(pts), ys(pts));
        }
        XYChart imbalance = chart("Imbalance left at the end", "|D_end| / |D_0|  and  gap_end / gap_0", false);
        List<double[]> d = new ArrayList<>(), g = new ArrayList<>();
        for (GdResult r : runs) {
            if (r.diverged()) continue;
            d.add(new double[] {r.h(), Math.abs(r.finalImbalance()) / Math.abs(r.initialImbalance())});
            g.add(new double[] {r.h(), r.finalBalanceGap() / r.start().balanceGap()});
        }
        if (!d.isEmpty()) {
            Charts.line(imbalance, "|D_end| / |D_0|,  D = ||X||_F^2 - ||Y||_F^2", xs(d), ys(d));
            Charts.line(imbalance, "||X^T X - Y^T Y||_F end / start", xs(g), ys(g));
        }
        XYChart sharp = chart("Sharpness of the limit", "top Hessian eigenvalue (log)", true);
        double lo = runs.get(0).h(), hi = runs.get(runs.size() - 1).h(), flat = th.flattestMinimumSharpness();
        double[] h = new double[61], ceiling = new double[61];
        for (int i = 0; i <= 60; i++) {
            h[i] = lo * Math.pow(hi / lo, i / 60.0);
            ceiling[i] = Theory.sharpnessBound(h[i]);
        }
        List<double[]> pts = new ArrayList<>();
        for (GdResult r : runs) if (r.converged()) pts.add(new double[] {r.h(), Limits.sharpness(r)});
        Charts.reference(sharp, "2/h (stability ceiling)", h, ceiling);
        Charts.reference(sharp, "2 sigma_1 (flattest minimum)", new double[] {lo, hi}, new double[] {flat, flat});
        Charts.reference(sharp, "L (sharpness at the start)", new double[] {lo, hi}, new double[] {th.L(), th.L()});
        if (!pts.isEmpty()) Charts.dots(sharp, "limit of a converged run", xs(pts), ys(pts));
        List<XYChart> panels = List.of(outcome, imbalance, sharp);
        for (XYChart c : panels) {
            Charts.vertical(c, "2/L", th.classicalLimit());
            Charts.vertical(c, "1/sigma_1", th.noStableMinimumAbove());
        }
        return Charts.grid(panels, 3);
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

    private static double[] xs(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[0]).toArray();
    }

    private static double[] ys(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[1]).toArray();
    }
}
