package org.largelr.core;

import java.util.Arrays;


/**
 * Many scalar runs of {@code 1/2 (mu - x y)^2} side by side, one per array slot ("lane"). Lanes step together in
 * short chunks through a loop across lanes that the JIT vectorizes; a lane whose alarm went off in a chunk is
 * replayed from the chunk's start through {@link ScalarGd#advance}, the single run's own loop, stopping at the very
 * step a run on its own would stop; finished lanes leave the active set, so converged or diverged runs cost nothing
 * further. Each lane's numbers are bit-identical to a single run.
 */
public final class ScalarLanes {
    /** Steps per chunk: a stopped lane overshoots by at most this many steps, and a replay costs as many. */
    static final int CHUNK = 32;

    private final double mu;
    private final long maxSteps;
    private final StopRule rule;
    private final double lossTol, grad2Tol, inverseBound;

    /** Lanes of {@code 1/2 (mu - x y)^2} with this budget and stop rule. */
    public ScalarLanes(double mu, long maxSteps, StopRule rule) {
        this.mu = mu;
        this.maxSteps = maxSteps;
        this.rule = rule;
        this.lossTol = rule.lossTolerance();
        // Margins make the alarm fire a little early rather than ever late (sqrt and 1/bound round).
        this.grad2Tol = rule.gradTolerance() * rule.gradTolerance() * (1 + 1e-9);
        this.inverseBound = (1 / rule.divergenceBound()) * (1 + 1e-12);
    }

    /** Final state of each lane: outcome ordinal, step, loss, x, y. */
    public static final class Out {
        /** Outcome ordinal per lane. */
        public final int[] outcome;
        /** The step each lane ended at. */
        public final long[] steps;
        /** Loss and final iterate per lane. */
        public final double[] loss, x, y;

        Out(int n) {
            outcome = new int[n];
            steps = new long[n];
            loss = new double[n];
            x = new double[n];
            y = new double[n];
        }

        void record(int id, int o, ScalarGd g) {
            outcome[id] = o;
            steps[id] = g.endStep;
            loss[id] = g.loss();
            x[id] = g.x;
            y[id] = g.y;
        }
    }

    /** Runs lanes [0, n) from {@code (x0[i], y0[i])} with steps {@code h[i]}. */
    public Out run(double[] hIn, double[] x0, double[] y0, int n) {
        Out out = new Out(n);
        double[] h = Arrays.copyOf(hIn, n), x = Arrays.copyOf(x0, n), y = Arrays.copyOf(y0, n);
        double[] alarm = new double[n], sx = new double[n], sy = new double[n];
        int[] lane = new int[n];   // slot -> lane id
        for (int i = 0; i < n; i++) lane[i] = i;
        int active = n;
        long k = 0;
        while (active > 0) {
            if (k == maxSteps) {
                for (int i = 0; i < active; i++) {
                    ScalarGd g = new ScalarGd(mu, h[i], maxSteps, rule, x[i], y[i]);
                    out.record(lane[i], g.advance(k, k + 1, null), g);
                }
                break;
            }
            int s = (int) Math.min(CHUNK, maxSteps - k);
            System.arraycopy(x, 0, sx, 0, active);
            System.arraycopy(y, 0, sy, 0, active);
            Arrays.fill(alarm, 0, active, 0.0);
            kernel(mu, h, x, y, alarm, active, s, lossTol, grad2Tol, inverseBound);
            for (int i = active - 1; i >= 0; i--) {
                if (alarm[i] < 1) continue;
                ScalarGd g = new ScalarGd(mu, h[i], maxSteps, rule, sx[i], sy[i]);   // replay from the chunk's start
                int o = g.advance(k, k + s, null);
                if (o != ScalarGd.RUNNING) {
                    out.record(lane[i], o, g);
                    active--;
                    h[i] = h[active];
                    x[i] = x[active];
                    y[i] = y[active];
                    lane[i] = lane[active];
                    alarm[i] = alarm[active];
                    sx[i] = sx[active];
                    sy[i] = sy[active];
                } else {
                    x[i] = g.x;
                    y[i] = g.y;
                }
            }
            k += s;
        }
        return out;
    }

    /**
     * Advances lanes [0, count) by {@code steps} GD steps on {@code 1/2 (mu - x y)^2}, each with its own step
     * {@code h[i]}, with exactly the operations of one scalar run ({@code r = mu - x y}, {@code gx = -r y},
     * {@code x -= h gx}, ...), so each lane is bit-identical to a run on its own. The loop runs across lanes,
     * which the JIT vectorizes.
     *
     * <p>No lane is stopped here. Instead {@code alarm[i]} accumulates, per step, {@code lossTol / loss +
     * grad2Tol / |grad|^2 + loss / bound + |grad|^2 * 1e-300}: a term reaches 1 whenever that step met a
     * tolerance, passed the divergence bound or overflowed, and a NaN stays NaN. So a lane whose alarm is still
     * below 1 had no event in these steps; a lane at or above 1 (or NaN) may have had one and must be replayed
     * exactly from its state before the call. Terms below 1 can add up past 1: that only costs a replay.
     */
    static void kernel(double mu, double[] h, double[] x, double[] y, double[] alarm, int count,
                                   int steps, double lossTol, double grad2Tol, double inverseBound) {
        // Divisions are the dearest operation here, so the loop without a tolerance term is kept apart.
        if (grad2Tol == 0 && lossTol == 0) {
            for (int s = 0; s < steps; s++)
                for (int i = 0; i < count; i++) {
                    double xi = x[i], yi = y[i];
                    double r = mu - xi * yi;
                    double loss = 0.5 * r * r;
                    double gx = -r * yi, gy = -r * xi;
                    double g2 = gx * gx + gy * gy;
                    alarm[i] += loss * inverseBound + g2 * 1e-300;
                    x[i] = xi - h[i] * gx;
                    y[i] = yi - h[i] * gy;
                }
        } else if (grad2Tol == 0) {
            for (int s = 0; s < steps; s++)
                for (int i = 0; i < count; i++) {
                    double xi = x[i], yi = y[i];
                    double r = mu - xi * yi;
                    double loss = 0.5 * r * r;
                    double gx = -r * yi, gy = -r * xi;
                    double g2 = gx * gx + gy * gy;
                    alarm[i] += lossTol / loss + loss * inverseBound + g2 * 1e-300;
                    x[i] = xi - h[i] * gx;
                    y[i] = yi - h[i] * gy;
                }
        } else {
            for (int s = 0; s < steps; s++)
                for (int i = 0; i < count; i++) {
                    double xi = x[i], yi = y[i];
                    double r = mu - xi * yi;
                    double loss = 0.5 * r * r;
                    double gx = -r * yi, gy = -r * xi;
                    double g2 = gx * gx + gy * gy;
                    alarm[i] += lossTol / loss + grad2Tol / g2 + loss * inverseBound + g2 * 1e-300;
                    x[i] = xi - h[i] * gx;
                    y[i] = yi - h[i] * gy;
                }
        }
    }
}
