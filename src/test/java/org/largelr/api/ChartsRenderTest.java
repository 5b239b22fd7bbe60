package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Every chart helper, rendered headless, with well-behaved, diverged (loss 1e84), NaN and 1e94 data; each chart
 * must decode as a PNG of its own size, hold only finite (and on a log axis positive) values, say in its legend
 * which runs diverged, keep its y range within the band of the runs that did not, and have tick labels that
 * neither touch nor exceed what XChart's tick spacing rule allows (see {@link Ticks}).
 */
class ChartsRenderTest {
    /** The quickstart's instance: 4x4 target with singular values 1, 0.5, d = 2, an unbalanced Gaussian start. */
    static final FactorizationProblem PROBLEM = Problem.factorization(Matrices.withSingularValues(1.0, 0.5).size(4, 4).seed(1).build(), 2);
    static final Start START = Start.gaussian(0.5).seed(2).unbalanced(3);
    static final double L = PROBLEM.sharpness(START.create(PROBLEM));
    static final GdResult SMALL = run(1 / L, false), LARGE = run(3 / L, false), DIVERGED = run(8 / L, false);
    static final GdResult[] WITH_SHARPNESS = {run(1 / L, true), run(3 / L, true), run(8 / L, true)};

    /** A matrix sweep: 6 x 6 targets, d = 3, h from 0.5 to 4 times 2/L, imbalance c from 1 to 4. */
    static final Table MATRIX = Sweep.randomMatrices(7, new int[] {6, 6, 3})
            .hTimes2OverL(Grid.linear(0.5, 4, 8)).imbalance(Grid.linear(1, 4, 7))
            .maxSteps(400).progress(SweepProgress.none()).run().table();

    static GdResult run(double h, boolean sharpness) {
        GradientDescent gd = GradientDescent.on(PROBLEM).from(START).h(h).maxSteps(1500);
        if (sharpness) gd = gd.recordSharpness(true).recordEvery(10);
        return gd.run();
    }

    /** A chart to render, the step at which a run in it diverged (-1: none) and the highest y it may reach. */
    record Case(String name, Supplier<XYChart> chart, long divergedAt, double yCeiling) {
        @Override
        public String toString() { return name; }
    }

    /** The largest value of a column over the runs that did not diverge. */
    static double steadyMax(String column, GdResult... runs) {
        double m = Double.NEGATIVE_INFINITY;
        for (GdResult r : runs) for (double v : r.column(column)) if (r.outcome() != Outcome.DIVERGED) m = Math.max(m, v);
        return m;
    }

    static double steadyMin(String column, GdResult... runs) {
        double m = Double.POSITIVE_INFINITY;
        for (GdResult r : runs) for (double v : r.column(column)) if (r.outcome() != Outcome.DIVERGED) m = Math.min(m, v);
        return m;
    }

    /** Clip's band on a linear axis: the steady range plus a quarter of it (the diverged start lies inside here). */
    static double linearCeiling(String column, GdResult... runs) {
        double hi = Math.max(steadyMax(column, runs), runs[runs.length - 1].column(column)[0]);
        double lo = Math.min(steadyMin(column, runs), runs[runs.length - 1].column(column)[0]);
        return hi + 0.25 * (hi - lo);
    }

    static Table spiky() {
        int n = 200;
        double[] step = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
            y[i] = Math.exp(-i / 20.0);
        }
        y[50] = Double.NaN;
        y[100] = 1e94;
        y[150] = Double.POSITIVE_INFINITY;
        return Table.create("spiky", DoubleColumn.create(Columns.STEP, step), DoubleColumn.create("y", y));
    }

    static Stream<Case> charts() {
        GdResult[] three = {SMALL, LARGE, DIVERGED};
        long k = DIVERGED.steps();
        double lossCeiling = 10 * Math.max(steadyMax(Columns.LOSS, three), DIVERGED.column(Columns.LOSS)[0]);
        Map<String, GdResult> byName = new LinkedHashMap<>();
        byName.put("h = 1/L", SMALL);
        byName.put("h = 8/L", DIVERGED);
        return Stream.of(
                new Case("loss", () -> Charts.loss(SMALL, LARGE), -1, Double.NaN),
                new Case("loss, one run diverged", () -> Charts.loss(three), k, lossCeiling),
                new Case("loss from a map (old name)", () -> Plots.loss(byName), k, lossCeiling),
                new Case("imbalance, one run diverged", () -> Charts.imbalance(three), k,
                        linearCeiling(Columns.IMBALANCE, three)),
                new Case("balance gap, one run diverged", () -> Charts.balanceGap(three), k,
                        linearCeiling(Columns.BALANCE_GAP, three)),
                new Case("gradient norm on a log axis", () -> Charts.trajectory(Columns.GRAD_NORM, three).logY().build(), k,
                        10 * Math.max(steadyMax(Columns.GRAD_NORM, three), DIVERGED.column(Columns.GRAD_NORM)[0])),
                new Case("sharpness against 2/h", () -> Charts.sharpness(WITH_SHARPNESS), WITH_SHARPNESS[2].steps(), Double.NaN),
                new Case("narrow loss 300x220", () -> Charts.trajectory(Columns.LOSS, three).logY().size(300, 220).build(), k, lossCeiling),
                new Case("narrow imbalance 300x220", () -> Charts.trajectory(Columns.IMBALANCE, three).size(300, 220).build(), k,
                        linearCeiling(Columns.IMBALANCE, three)),
                new Case("narrow 204 steps 300x220", () -> Charts.lines(Columns.STEP, Columns.LOSS)
                        .series("first 204 steps", SMALL.trajectory().first(204)).size(300, 220).build(), -1, Double.NaN),
                new Case("table with NaN, 1e94 and infinity, log axis", () -> Charts.lines(Columns.STEP, "y")
                        .series("spiky", spiky()).logY().build(), -1, Double.NaN),
                new Case("phase diagram, outcome", () -> Charts.phase(PhaseDiagramTest.SCALAR).build(), -1, Double.NaN),
                new Case("phase diagram, balance", () -> Charts.phaseBalance(PhaseDiagramTest.SCALAR).build(), -1, Double.NaN),
                new Case("phase diagram, steps", () -> Charts.phase(PhaseDiagramTest.SCALAR, Columns.STEPS).build(), -1, Double.NaN),
                new Case("phase diagram of a matrix sweep over multiples of 2/L", () -> Charts.phase(MATRIX)
                        .y(Columns.H_FACTOR).build(), -1, Double.NaN),
                new Case("balance gap of matrix limits", () -> Charts.limitBalance(MATRIX), -1, Double.NaN),
                new Case("balance of the limit", () -> Charts.limitBalance(PhaseDiagramTest.SCALAR), -1, Double.NaN),
                new Case("own chart, log-log, with references", ChartsRenderTest::ownChart, -1, Double.NaN));
    }

    static XYChart ownChart() {
        XYChart c = Charts.xy(400, 300);
        c.setTitle("own");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        double[] h = new double[40], v = new double[40];
        for (int i = 0; i < h.length; i++) {
            h[i] = 1e-3 * Math.pow(10, i / 10.0);
            v[i] = 2 / h[i];
        }
        Charts.dots(c, "runs", h, v);
        Charts.reference(c, "2/h", h, v);
        Charts.vertical(c, "2/L", 0.1);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void rendersAsAPngOfItsSize(Case c) throws Exception {
        XYChart chart = c.chart().get();
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "not a PNG");
        assertEquals(chart.getWidth(), img.getWidth());
        assertEquals(chart.getHeight(), img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 5, "a blank picture has one colour, got " + colours.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void seriesHoldOnlyDrawableValues(Case c) {
        XYChart chart = c.chart().get();
        boolean logX = chart.getStyler().isXAxisLogarithmic(), logY = chart.getStyler().isYAxisLogarithmic();
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (chart.getSeriesMap().containsKey(s.getName() + PhaseDiagram.CELLS)) {
                // a phase diagram's legend entry: one point XChart does not draw
                assertTrue(s.getXData().length == 1 && Double.isNaN(s.getXData()[0]) && Double.isNaN(s.getYData()[0]), s.getName());
                continue;
            }
            assertTrue(s.getXData().length > 0, s.getName() + " is empty");
            for (int i = 0; i < s.getXData().length; i++) {
                double x = s.getXData()[i], y = s.getYData()[i];
                assertTrue(Double.isFinite(x) && Double.isFinite(y), s.getName() + " point " + i + ": " + x + ", " + y);
                if (logX) assertTrue(x > 0, s.getName() + " x " + x + " on a log axis");
                if (logY) assertTrue(y > 0, s.getName() + " y " + y + " on a log axis");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void legendSaysWhichRunDivergedAndTheRangeIgnoresIt(Case c) {
        XYChart chart = c.chart().get();
        long noted = chart.getSeriesMap().keySet().stream().filter(n -> n.endsWith(Clip.divergedNote(c.divergedAt()))).count();
        if (c.divergedAt() >= 0) assertEquals(1, noted, chart.getSeriesMap().keySet().toString());
        else assertTrue(chart.getSeriesMap().keySet().stream().noneMatch(n -> n.contains("diverged at step")));
        if (Double.isNaN(c.yCeiling())) return;
        double top = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) for (double y : s.getYData()) top = Math.max(top, y);
        assertTrue(top <= c.yCeiling() * (1 + 1e-9), "highest y " + top + " above the band's top " + c.yCeiling());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void tickLabelsNeitherTouchNorCrowd(Case c) {
        XYChart chart = c.chart().get();
        BitmapEncoder.getBufferedImage(chart);   // the tick calculators run while painting
        for (boolean x : new boolean[] {true, false}) {
            Ticks t = Ticks.of(chart, x);
            assertTrue(t.labels().size() >= 2, (x ? "x" : "y") + " axis has " + t.labels() + " at " + t.locations());
            t.assertNoOverlap();
            t.assertNoMoreThanXChartsRuleAllows();
        }
    }
}
