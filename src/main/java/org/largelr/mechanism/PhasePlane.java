package org.largelr.mechanism;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.largelr.api.Charts;
import org.largelr.api.Check;
import org.largelr.api.Columns;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Problem;
import org.largelr.api.ScalarProblem;
import org.largelr.api.Start;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;
import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * GD on {@code 1/2 (mu - x y)^2} (d = 1) seen in the plane of {@code (x, y)}: runs from one start at several steps,
 * each with its iterates {@code (x_k, y_k)}, over the hyperbola of minima {@code x y = mu}, the balanced line
 * {@code x = y} and, per step, the circle {@code x^2 + y^2 = 2/h} inside which a limit of that step must lie
 * (sharpness of a minimum = {@code x^2 + y^2}, at most {@code 2/h}).
 *
 * <pre>{@code
 * var plane = PhasePlane.of(1, 3, 0.1).steps(0.05, 0.2, 0.3, 0.35, 0.4).run();
 * plane.figure();  plane.table();
 * }</pre>
 *
 * <p>Table columns (stable API): {@code h, h_over_classical} ({@code h / (2/L)}), {@code outcome, steps, x, y}
 * (the last iterate), {@code x_flow, y_flow} (the gradient-flow limit, {@link Theory#gradientFlowLimit}),
 * {@code distance_to_flow, residual} ({@code x y - mu}), {@code S} ({@code x^2 + y^2}), {@code two_over_h},
 * {@code imbalance_ratio} ({@code D_end / D_0}).
 */
public final class PhasePlane extends SeveralSteps<PhasePlane> {
    /** Column names of {@link #table()} beyond {@link Columns}'. */
    public static final String H_OVER_CLASSICAL = "h_over_classical", X_FLOW = "x_flow", Y_FLOW = "y_flow",
            DISTANCE_TO_FLOW = "distance_to_flow", RESIDUAL = "residual", S = "S";

    /** One run: its result and its iterates, step 0 (the start) to the last evaluated step. */
    public record Path(GdResult run, double[] x, double[] y) {
        /** The learning rate. */
        public double h() { return run.h(); }

        /** The last iterate (finite only when the run did not diverge). */
        public double[] end() { return new double[] {x[x.length - 1], y[y.length - 1]}; }
    }

    private final ScalarProblem problem;
    private final double x0, y0;
    private List<Path> paths;

    private PhasePlane(double mu, double x0, double y0) {
        super(0.05, 0.2, 0.3, 0.35, 0.4);
        this.problem = Problem.scalar(mu);
        this.x0 = x0;
        this.y0 = y0;
        Theory.gradientFlowLimit(mu, x0, y0);   // checks the arguments once, with its messages
    }

    /** Runs on {@code 1/2 (mu - x y)^2} from {@code (x0, y0)}. */
    public static PhasePlane of(double mu, double x0, double y0) {
        return new PhasePlane(mu, x0, y0);
    }

    /** The learning rates (each finite and > 0; default 0.05, 0.2, 0.3, 0.35, 0.4). */
    public PhasePlane steps(double... h) {
        return steps("steps (h)", h);
    }

    /** The problem. */
    public ScalarProblem problem() { return problem; }

    /** The start as a recipe. */
    public Start start() { return Start.scalar(x0, y0); }

    /** {@code 2/L} at the start. */
    public double classicalLimit() { return Theory.of(problem, start()).classicalLimit(); }

    /** The gradient-flow limit from the start ({@link Theory#gradientFlowLimit}). */
    public Factors flowLimit() { return Theory.gradientFlowLimit(problem.mu(), x0, y0); }

    /** Runs every step, recording the iterates through {@link GradientDescent#observe}. */
    public PhasePlane run() {
        List<Path> out = new ArrayList<>();
        for (double h : steps) out.add(path(h));
        this.paths = List.copyOf(out);
        return this;
    }

    /** One run at step h from this start, with its iterates. */
    public Path path(double h) {
        List<double[]> pts = new ArrayList<>();
        GdResult r = GradientDescent.on(problem).from(start()).h(h).maxSteps(maxSteps)
                .observe(s -> {
                    Factors f = s.factors();
                    pts.add(new double[] {f.x().data[0], f.y().data[0]});
                }).run();
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Path(r, x, y);
    }

    /** The runs, in the order of the steps. */
    public List<Path> paths() {
        if (paths == null) throw new IllegalStateException("call run() first");
        return paths;
    }

    /** One row per run (columns in the class comment). */
    public Table table() {
        DoubleColumn h = DoubleColumn.create(Columns.H), mult = DoubleColumn.create(H_OVER_CLASSICAL),
                x = DoubleColumn.create(Columns.X), y = DoubleColumn.create(Columns.Y), xf = DoubleColumn.create(X_FLOW),
                yf = DoubleColumn.create(Y_FLOW), dist = DoubleColumn.create(DISTANCE_TO_FLOW),
                res = DoubleColumn.create(RESIDUAL), s = DoubleColumn.create(S), edge = DoubleColumn.create(Columns.TWO_OVER_H),
                ratio = DoubleColumn.create(Columns.IMBALANCE_RATIO);
        StringColumn outcome = StringColumn.create(Columns.OUTCOME);
        LongColumn steps = LongColumn.create(Columns.STEPS);
        Factors flow = flowLimit();
        double fx = flow.x().data[0], fy = flow.y().data[0], classical = classicalLimit();
        for (Path p : paths()) {
            double[] e = p.end();
            h.append(p.h());
            mult.append(p.h() / classical);
            outcome.append(p.run().outcome().name());
            steps.append(p.run().steps());
            x.append(e[0]);
            y.append(e[1]);
            xf.append(fx);
            yf.append(fy);
            dist.append(Math.hypot(e[0] - fx, e[1] - fy));
            res.append(e[0] * e[1] - problem.mu());
            s.append(e[0] * e[0] + e[1] * e[1]);
            edge.append(Theory.sharpnessBound(p.h()));
            ratio.append((e[0] * e[0] - e[1] * e[1]) / (x0 * x0 - y0 * y0));
        }
        return Tables.readable(Table.create("phase plane, mu = " + Tables.format(problem.mu(), 4) + ", start ("
                + Tables.format(x0, 4) + ", " + Tables.format(y0, 4) + ")", h, mult, outcome, steps, x, y, xf, yf, dist, res, s, edge, ratio));
    }

    /**
     * The figure: every run's iterates (dots joined by a thin line, a triangle at its limit) in its colour, the circle
     * {@code x^2 + y^2 = 2/h} of each step in the same colour, dashed; the hyperbola {@code x y = mu} (both
     * branches), the balanced line, the start and the gradient-flow limit. The window is
     * {@code [xMin, xMax] x [yMin, yMax]}; what lies outside is cut off.
     */
    public XYChart figure(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) throw new IllegalArgumentException("window must have xMax > xMin and yMax > yMin");
        double mu = problem.mu();
        XYChart c = Charts.xy(760, 700);
        c.setTitle("GD in the (x, y) plane from (" + Tables.format(x0, 4) + ", " + Tables.format(y0, 4) + "), mu = "
                + Tables.format(mu, 4));
        c.setXAxisTitle("x");
        c.setYAxisTitle("y");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
        hyperbola(c, mu, xMin, xMax, yMin, yMax);
        double lo = Math.max(xMin, yMin), hi = Math.min(xMax, yMax);
        if (hi > lo) Charts.reference(c, "balanced line x = y", new double[] {lo, hi}, new double[] {lo, hi});
        Color[] colors = c.getStyler().getSeriesColors();
        double classical = classicalLimit();
        for (int i = 0; i < paths().size(); i++) {
            Path p = paths().get(i);
            Color color = colors[i % colors.length];
            String name = String.format(Locale.ROOT, "h = %.3g (%.2f x 2/L)%s", p.h(), p.h() / classical,
                    p.run().converged() ? "" : ", " + p.run().outcome().name().toLowerCase(Locale.ROOT));
            XYSeries line = Charts.line(c, name, p.x(), p.y());
            line.setLineColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(color);
            line.setLineStyle(new BasicStroke(1f));
            double radius = Math.sqrt(Theory.sharpnessBound(p.h()));
            if (radius < Math.hypot(Math.max(-xMin, xMax), Math.max(-yMin, yMax))) {   // else wholly outside the window
                XYSeries ring = Charts.line(c, name + ": circle", circle(radius, 0), circle(radius, 1));
                ring.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0x70));   // lighter than the path
                ring.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
                ring.setShowInLegend(false);
            }
        }
        for (int i = 0; i < paths().size(); i++) {   // the limits last, so that no path is drawn over them
            Path p = paths().get(i);
            if (!p.run().converged()) continue;
            double[] e = p.end();
            XYSeries end = Charts.dots(c, "limit " + (i + 1), new double[] {e[0]}, new double[] {e[1]});
            end.setMarker(SeriesMarkers.TRIANGLE_UP);
            end.setMarkerColor(colors[i % colors.length]);
            end.setShowInLegend(false);
        }
        XYSeries first = Charts.dots(c, "start", new double[] {x0}, new double[] {y0});
        first.setMarker(SeriesMarkers.SQUARE);
        first.setMarkerColor(Color.DARK_GRAY);
        Factors flow = flowLimit();
        XYSeries limit = Charts.dots(c, "gradient-flow limit", new double[] {flow.x().data[0]}, new double[] {flow.y().data[0]});
        limit.setMarker(SeriesMarkers.DIAMOND);
        limit.setMarkerColor(Color.BLACK);
        return c;
    }

    private static void hyperbola(XYChart c, double mu, double xMin, double xMax, double yMin, double yMax) {
        int n = 400;
        for (int branch = 0; branch < 2; branch++) {
            List<double[]> pts = new ArrayList<>();
            double lo = branch == 0 ? Math.max(xMin, 1e-9) : xMin, hi = branch == 0 ? xMax : Math.min(xMax, -1e-9);
            if (!(hi > lo)) continue;
            for (int i = 0; i <= n; i++) {
                double x = lo + (hi - lo) * i / n, y = mu / x;
                if (y >= yMin && y <= yMax) pts.add(new double[] {x, y});
            }
            if (pts.size() < 2) continue;
            XYSeries s = Charts.reference(c, branch == 0 ? "minima x y = mu" : "x y = mu (other branch)",
                    pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setLineStyle(new BasicStroke(2f));   // solid: a dash pattern restarts on each of the short segments
            if (branch == 1) {
                // The same curve: draw it like the first branch, out of the legend.
                XYSeries first = c.getSeriesMap().get("minima x y = mu");
                if (first != null) {
                    s.setLineColor(first.getLineColor());
                    s.setLineStyle(first.getLineStyle());
                }
                s.setShowInLegend(false);
            }
        }
    }

    private static double[] circle(double radius, int coordinate) {
        int n = 360;
        double[] v = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double t = 2 * Math.PI * i / n;
            v[i] = radius * (coordinate == 0 ? Math.cos(t) : Math.sin(t));
        }
        return v;
    }

    // ---- the checks of the phase-plane notebook ----

    /**
     * Small steps end within {@code O(h)} of the gradient-flow limit. Steps {@code h_j = f (2/L) / 2^j},
     * {@code j = 0..halvings}, one verdict each: {@code h < 2/L} (hypothesis); the run converges; the distance
     * {@code e(h)} to the flow limit obeys {@code e(h)/h <= 2C}, {@code C} the first-order constant
     * ({@link Theory#smallStepLimitShift}); and for {@code j > 0}, {@code e(h) < e(2h)} and the relative deviation
     * {@code e/(C h) - 1} is between 0.4 and 0.6 times the one at {@code 2h} (first order with that constant: what
     * is left is {@code O(h^2)}, so it halves with h).
     */
    public static List<Verdict> smallStepVerdicts(double mu, double x0, double y0, double f, int halvings) {
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("f must be in (0, 1), got " + f);
        if (halvings < 1) throw new IllegalArgumentException("halvings must be >= 1, got " + halvings);
        PhasePlane plane = of(mu, x0, y0);
        double classical = plane.classicalLimit(), c = Theory.smallStepLimitShift(mu, x0, y0);
        Factors flow = plane.flowLimit();
        List<Verdict> out = new ArrayList<>();
        double prevE = Double.NaN, prevDev = Double.NaN;
        for (int j = 0; j <= halvings; j++) {
            double h = f * classical / (1 << j);
            GdResult r = GradientDescent.on(plane.problem).from(plane.start()).h(h).maxSteps(plane.maxSteps * 100).run();
            Factors end = r.end();
            double e = end == null ? Double.NaN : Math.hypot(end.x().data[0] - flow.x().data[0], end.y().data[0] - flow.y().data[0]);
            double dev = e / (c * h) - 1;
            List<Check> checks = new ArrayList<>(List.of(
                    Check.hypothesis("small step: h < 2/L", h, "<", classical),
                    Check.that("run converged", r.converged()),
                    Check.conclusion("O(h): e(h)/h <= 2C", e / h, "<=", 2 * c)));
            if (j > 0) {
                checks.add(Check.conclusion("e shrinks with h: e(h) < e(2h)", e, "<", prevE));
                checks.add(Check.conclusion("first order: dev(h)/dev(2h) >= 0.4, dev = e/(Ch) - 1", dev / prevDev, ">=", 0.4));
                checks.add(Check.conclusion("first order: dev(h)/dev(2h) <= 0.6", dev / prevDev, "<=", 0.6));
            }
            out.add(new Verdict("(" + Tables.format(x0, 4) + ", " + Tables.format(y0, 4) + "), h = "
                    + Tables.format(h, 4) + " = " + Tables.format(h / classical, 4) + " x 2/L", checks));
            prevE = e;
            prevDev = dev;
        }
        return out;
    }

    /** Column names of {@link #largeSteps} beyond {@link Columns}' and this class's. */
    public static final String TWO_OVER_L = "two_over_L";

    /**
     * Runs at {@code count} steps spread evenly over {@code (2/L, 1/mu]} from each start ({x0, y0} pairs), one row
     * each: {@code x0, y0, two_over_L, h, h_over_classical, outcome, steps, x, y, residual, S, two_over_h}.
     */
    public static Table largeSteps(double mu, double[][] starts, int count) {
        if (count < 1) throw new IllegalArgumentException("count must be >= 1, got " + count);
        if (starts == null || starts.length == 0) throw new IllegalArgumentException("starts must hold at least one {x0, y0}");
        DoubleColumn cx0 = DoubleColumn.create(Columns.X0), cy0 = DoubleColumn.create(Columns.Y0),
                cl = DoubleColumn.create(TWO_OVER_L), ch = DoubleColumn.create(Columns.H),
                cm = DoubleColumn.create(H_OVER_CLASSICAL), cx = DoubleColumn.create(Columns.X),
                cy = DoubleColumn.create(Columns.Y), res = DoubleColumn.create(RESIDUAL), cs = DoubleColumn.create(S),
                edge = DoubleColumn.create(Columns.TWO_OVER_H);
        StringColumn outcome = StringColumn.create(Columns.OUTCOME);
        LongColumn steps = LongColumn.create(Columns.STEPS);
        double top = Theory.noStableMinimumAbove(Math.abs(mu));
        for (double[] st : starts) {
            if (st == null || st.length != 2) throw new IllegalArgumentException("each start must be {x0, y0}");
            PhasePlane plane = of(mu, st[0], st[1]);
            double classical = plane.classicalLimit();
            for (int j = 1; j <= count; j++) {
                double h = classical + (top - classical) * j / count;
                GdResult r = GradientDescent.on(plane.problem).from(plane.start()).h(h).maxSteps(plane.maxSteps).run();
                Factors e = r.end();
                double x = e == null ? Double.NaN : e.x().data[0], y = e == null ? Double.NaN : e.y().data[0];
                cx0.append(st[0]);
                cy0.append(st[1]);
                cl.append(classical);
                ch.append(h);
                cm.append(h / classical);
                outcome.append(r.outcome().name());
                steps.append(r.steps());
                cx.append(x);
                cy.append(y);
                res.append(x * y - mu);
                cs.append(x * x + y * y);
                edge.append(Theory.sharpnessBound(h));
            }
        }
        return Tables.readable(Table.create("large steps, mu = " + Tables.format(mu, 4), cx0, cy0, cl, ch, cm, outcome,
                steps, cx, cy, res, cs, edge));
    }

    /**
     * One verdict per CONVERGED row of a {@link #largeSteps} table: {@code h > 2/L} (hypothesis), the limit is on the
     * hyperbola ({@code |x y - mu| <= 1e-9 |mu|}) and inside its circle ({@code x^2 + y^2 <= 2/h} plus
     * {@link Theory#slack}). A table without a converged row gives one failing verdict.
     */
    public static List<Verdict> largeStepVerdicts(Table largeSteps, double mu) {
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < largeSteps.rowCount(); i++) {
            if (!"CONVERGED".equals(largeSteps.stringColumn(Columns.OUTCOME).get(i))) continue;
            double h = largeSteps.doubleColumn(Columns.H).get(i), x = largeSteps.doubleColumn(Columns.X).get(i),
                    y = largeSteps.doubleColumn(Columns.Y).get(i);
            out.add(new Verdict("(" + Tables.format(largeSteps.doubleColumn(Columns.X0).get(i), 4) + ", "
                    + Tables.format(largeSteps.doubleColumn(Columns.Y0).get(i), 4) + "), h = " + Tables.format(h, 4), List.of(
                    Check.hypothesis("large step: h > 2/L", h, ">", largeSteps.doubleColumn(TWO_OVER_L).get(i)),
                    Check.conclusion("on the hyperbola: |x y - mu|", Math.abs(x * y - mu), "<=", 1e-9 * Math.abs(mu)),
                    Check.conclusion("inside its circle: x^2 + y^2 <= 2/h", x * x + y * y, "<=",
                            Theory.sharpnessBound(h) + Theory.slack(h)))));
        }
        if (out.isEmpty())
            out.add(new Verdict(largeSteps.name(), List.of(Check.that("at least one large step converged", false))));
        return out;
    }
}
