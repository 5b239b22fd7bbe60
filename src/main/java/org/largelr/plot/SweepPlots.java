package org.largelr.plot;

import org.largelr.theory.Theory;
import org.largelr.api.Columns;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.largelr.gd.GdResult;

import tech.tablesaw.api.Table;

/** Charts of what the theory predicts against what the runs did. They return charts and never write files. */
public final class SweepPlots {
    private SweepPlots() {}

    /**
     * The balance of the limit against the learning rate, one dot per converged run: {@code |x - y|} for a scalar
     * sweep, with the bound {@code |x - y| <= sqrt(2/h - 2 mu)} (derived from the stability of minima,
     * {@link org.largelr.theory.Theory#scalarBalanceBound}) as a curve; {@code balance_gap} for a matrix sweep
     * (its theory is about sharpness: see {@link #sharpness}).
     */
    public static XYChart balance(Table sweep) {
        PhaseDiagram.requireColumn(sweep, Columns.H);
        PhaseDiagram.requireColumn(sweep, "outcome");
        boolean scalar = sweep.columnNames().contains("x") && sweep.columnNames().contains("mu");
        List<double[]> pts = new ArrayList<>();
        double mu = Double.NaN, hMax = 0;
        for (int i = 0; i < sweep.rowCount(); i++) {
            if (!"CONVERGED".equals(sweep.stringColumn("outcome").get(i))) continue;
            double h = sweep.numberColumn(Columns.H).getDouble(i);
            double v = scalar ? Math.abs(sweep.numberColumn("x").getDouble(i) - sweep.numberColumn("y").getDouble(i))
                    : sweep.numberColumn("balance_gap").getDouble(i);
            if (scalar) mu = sweep.numberColumn("mu").getDouble(i);
            if (!Double.isFinite(v)) continue;
            pts.add(new double[] {h, v});
            hMax = Math.max(hMax, h);
        }
        if (pts.isEmpty()) throw new IllegalArgumentException("table '" + sweep.name() + "' has no converged run to plot");
        XYChart chart = new XYChartBuilder().width(760).height(460)
                .title(scalar ? "Balance of the limit against the learning rate" : "Balance gap of the limit against the learning rate")
                .xAxisTitle("learning rate h").yAxisTitle(scalar ? "|x - y| at the limit" : "||X^T X - Y^T Y||_F at the limit").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        XYSeries dots = chart.addSeries("converged runs", pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray());
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new Color(0x1f, 0x77, 0xb4, 0x90));
        if (scalar && mu > 0) {
            double hMin = pts.stream().mapToDouble(p -> p[0]).min().orElse(hMax);
            double top = Math.min(hMax, 1 / mu);
            int k = 200;
            List<double[]> curve = new ArrayList<>();
            double yMax = pts.stream().mapToDouble(p -> p[1]).max().orElse(1) * 1.3;
            for (int i = 0; i <= k; i++) {
                double h = hMin + (top - hMin) * i / k;
                double b = Math.sqrt(Math.max(0, Theory.balanceBound(h, mu)));
                if (b <= yMax) curve.add(new double[] {h, b});
            }
            if (!curve.isEmpty()) {
                XYSeries c = chart.addSeries("bound sqrt(2/h - 2 mu) (derived)", curve.stream().mapToDouble(p -> p[0]).toArray(),
                        curve.stream().mapToDouble(p -> p[1]).toArray());
                c.setMarker(SeriesMarkers.NONE);
                c.setLineColor(Color.BLACK);
                c.setLineStyle(new BasicStroke(2f));
            }
        }
        return chart;
    }

    /**
     * Sharpness (top Hessian eigenvalue) along each run against {@code 2/h}, the edge of stability: one solid line
     * per run and a dashed line at its {@code 2/h}. The runs must have been recorded with
     * {@code recordSharpness(true)} (and {@code recordEvery(k)} to keep it affordable).
     */
    public static XYChart sharpness(Map<String, GdResult> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
        XYChart chart = new XYChartBuilder().width(760).height(460).title("Sharpness along the run against 2/h")
                .xAxisTitle("step").yAxisTitle("sharpness (top Hessian eigenvalue)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Color[] palette = {new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c),
                new Color(0x94, 0x67, 0xbd), new Color(0xff, 0x7f, 0x0e), new Color(0x8c, 0x56, 0x4b)};
        int i = 0;
        for (Map.Entry<String, GdResult> e : runs.entrySet()) {
            GdResult r = e.getValue();
            if (r == null) throw new IllegalArgumentException("run '" + e.getKey() + "' is null");
            double[] step = r.column(GdResult.STEP), sharp = r.column(GdResult.SHARPNESS);
            Color color = palette[i++ % palette.length];
            XYSeries s = chart.addSeries(e.getKey(), step, sharp);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color);
            double edge = 2 / r.learningRate();
            XYSeries b = chart.addSeries(e.getKey() + ": 2/h", new double[] {step[0], step[step.length - 1]},
                    new double[] {edge, edge});
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(color);
            b.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f));
        }
        return chart;
    }
}
