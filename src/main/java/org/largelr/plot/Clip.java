package org.largelr.plot;

import java.util.ArrayList;
import java.util.List;

import org.largelr.table.Tables;

/**
 * Lines made drawable: XChart cannot place NaN or infinity, a log axis cannot place a value at or below 0, and one
 * run that diverged (loss 1e94) would stretch the axis until every other line lies flat on it. So:
 * <ul>
 * <li>non-finite points are left out, and the legend says how many;</li>
 * <li>on a log axis, points at or below 0 are left out (a loss that reached exactly 0 ends its line);</li>
 * <li>a line of a diverged run is cut where it leaves the band of the other lines (their range, widened by a
 * quarter of it, or by one decade on a log axis), at the crossing point, and its legend says
 * "diverged at step k". With only diverged runs, the band is that of their starting values.</li>
 * </ul>
 */
final class Clip {
    private Clip() {}

    /** A line to draw: its points and, for a run that diverged, the step at which it did (else -1). */
    record Line(String name, double[] x, double[] y, long divergedAt) {
        Line {
            if (x.length != y.length)
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
    }

    /** What is drawn: the legend name with its note, and finite points only. */
    record Drawn(String name, double[] x, double[] y) {}

    static String divergedNote(long step) {
        return " (diverged at step " + step + ")";
    }

    static List<Drawn> clip(List<Line> lines, boolean logX, boolean logY) {
        List<double[][]> kept = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (Line l : lines) {
            List<double[]> pts = new ArrayList<>();
            int nonFinite = 0;
            for (int i = 0; i < l.x().length; i++) {
                double x = l.x()[i], y = l.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    nonFinite++;
                    continue;
                }
                if ((logX && x <= 0) || (logY && y <= 0)) continue;
                pts.add(new double[] {x, y});
            }
            kept.add(pts.toArray(new double[0][]));
            dropped.add(nonFinite);
        }
        // The band, in the axis' own coordinates (log10 on a log axis).
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < lines.size(); k++) {
            double[][] pts = kept.get(k);
            boolean diverged = lines.get(k).divergedAt() >= 0;
            for (int i = 0; i < pts.length; i++) {
                if (diverged && i > 0) break;   // a diverged run adds only its start
                double v = axis(pts[i][1], logY);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double margin = logY ? 1 : hi > lo ? 0.25 * (hi - lo) : Math.abs(hi) > 0 ? 0.25 * Math.abs(hi) : 1;
        double bottom = lo - margin, top = hi + margin;

        List<Drawn> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            double[][] pts = kept.get(k);
            String name = l.name();
            if (l.divergedAt() >= 0) {
                pts = cut(pts, bottom, top, logX, logY);
                name += divergedNote(l.divergedAt());
            } else if (dropped.get(k) > 0) {
                name += " (" + dropped.get(k) + " non-finite value" + (dropped.get(k) == 1 ? "" : "s") + " left out)";
            }
            double[] x = new double[pts.length], y = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                x[i] = pts[i][0];
                y[i] = pts[i][1];
            }
            out.add(new Drawn(name, x, y));
        }
        return out;
    }

    /** The points up to the first one outside [bottom, top], and the point where the line crosses the edge. */
    private static double[][] cut(double[][] pts, double bottom, double top, boolean logX, boolean logY) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < pts.length; i++) {
            double v = axis(pts[i][1], logY);
            if (v >= bottom && v <= top) {
                out.add(pts[i]);
                continue;
            }
            if (i > 0) {
                double edge = v > top ? top : bottom, u = axis(pts[i - 1][1], logY);
                double t = (edge - u) / (v - u);
                double xa = axis(pts[i - 1][0], logX), xb = axis(pts[i][0], logX);
                out.add(new double[] {unaxis(xa + t * (xb - xa), logX), unaxis(edge, logY)});
            }
            break;
        }
        return out.toArray(new double[0][]);
    }

    private static double axis(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    private static double unaxis(double v, boolean log) {
        return log ? Math.pow(10, v) : v;
    }

    /** A learning rate as a series name: {@code h = 0.7311}. */
    static String hName(double h) {
        return "h = " + Tables.format(h, 4);
    }
}
