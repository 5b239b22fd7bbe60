package org.largelr.plot;

import java.util.ArrayList;
import java.util.Arrays;
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
        // 1. Drawable points only, kept in place (arrays, not point objects: trajectories can be long).
        List<double[][]> kept = new ArrayList<>();
        int[] nonFinite = new int[lines.size()];
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            double[] x = new double[l.x().length], y = new double[l.x().length];
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                double xi = l.x()[i], yi = l.y()[i];
                if (!Double.isFinite(xi) || !Double.isFinite(yi)) nonFinite[k]++;
                else if (!(logX && xi <= 0) && !(logY && yi <= 0)) {
                    x[n] = xi;
                    y[n++] = yi;
                }
            }
            kept.add(new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)});
        }
        // 2. The band, in the axis' own coordinates (log10 on a log axis): the steady lines and each diverged start.
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < lines.size(); k++) {
            double[] y = kept.get(k)[1];
            int upTo = lines.get(k).divergedAt() >= 0 ? Math.min(1, y.length) : y.length;
            for (int i = 0; i < upTo; i++) {
                double v = axis(y[i], logY);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double margin = logY ? 1 : hi > lo ? 0.25 * (hi - lo) : Math.abs(hi) > 0 ? 0.25 * Math.abs(hi) : 1;
        double bottom = lo - margin, top = hi + margin;
        // 3. Diverged lines cut at the band's edge; names with their notes.
        List<Drawn> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            double[][] xy = kept.get(k);
            String name = l.name();
            if (l.divergedAt() >= 0) {
                xy = cut(xy[0], xy[1], bottom, top, logX, logY);
                name += divergedNote(l.divergedAt());
            } else if (nonFinite[k] > 0) {
                name += " (" + nonFinite[k] + " non-finite value" + (nonFinite[k] == 1 ? "" : "s") + " left out)";
            }
            out.add(new Drawn(name, xy[0], xy[1]));
        }
        return out;
    }

    /** The points up to the first one outside [bottom, top], and the point where the line crosses the edge. */
    private static double[][] cut(double[] x, double[] y, double bottom, double top, boolean logX, boolean logY) {
        int n = 0;
        while (n < y.length && axis(y[n], logY) >= bottom && axis(y[n], logY) <= top) n++;
        if (n == y.length || n == 0) return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
        double v = axis(y[n], logY), u = axis(y[n - 1], logY), edge = v > top ? top : bottom;
        double t = (edge - u) / (v - u), xa = axis(x[n - 1], logX), xb = axis(x[n], logX);
        double[] cx = Arrays.copyOf(x, n + 1), cy = Arrays.copyOf(y, n + 1);
        cx[n] = unaxis(xa + t * (xb - xa), logX);
        cy[n] = unaxis(edge, logY);
        return new double[][] {cx, cy};
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
