package org.largelr.sweep;

import org.largelr.gd.FactorizationKernels;
import org.largelr.gd.Outcome;

/**
 * Many scalar runs of {@code 1/2 (mu - x y)^2} side by side. Lanes step together in short chunks through
 * {@link FactorizationKernels#scalarLanes} (vectorized across lanes); a lane whose alarm went off in a chunk is
 * replayed from the chunk's start with the exact single-run rules of {@code GradientDescent}, stopping at the very
 * step a run on its own would stop; finished lanes leave the active set, so converged or diverged runs cost
 * nothing further. Each lane's numbers are bit-identical to {@code GradientDescent} on that run.
 */
final class ScalarLanes {
    /** Steps per chunk: a stopped lane overshoots by at most this many steps, and a replay costs as many. */
    static final int CHUNK = 32;

    private final double mu, lossTol, gradTol, bound;
    private final double grad2Tol, inverseBound;
    private final long maxSteps;

    ScalarLanes(double mu, long maxSteps, double lossTol, double gradTol, double bound) {
        this.mu = mu;
        this.maxSteps = maxSteps;
        this.lossTol = lossTol;
        this.gradTol = gradTol;
        this.bound = bound;
        // Margins make the alarm fire a little early rather than ever late (sqrt and 1/bound round).
        this.grad2Tol = gradTol * gradTol * (1 + 1e-9);
        this.inverseBound = (1 / bound) * (1 + 1e-12);
    }

    /** Final state of each lane: outcome ordinal, step, loss, x, y. */
    static final class Out {
        final int[] outcome;
        final long[] steps;
        final double[] loss, x, y;

        Out(int n) {
            outcome = new int[n];
            steps = new long[n];
            loss = new double[n];
            x = new double[n];
            y = new double[n];
        }
    }

    /** Runs lanes [0, n) from {@code (x0[i], y0[i])} with steps {@code h[i]}. */
    Out run(double[] hIn, double[] x0, double[] y0, int n) {
        Out out = new Out(n);
        double[] h = new double[n], x = new double[n], y = new double[n], alarm = new double[n];
        double[] sx = new double[n], sy = new double[n];
        int[] lane = new int[n];   // slot -> lane id
        for (int i = 0; i < n; i++) {
            h[i] = hIn[i];
            x[i] = x0[i];
            y[i] = y0[i];
            lane[i] = i;
        }
        int active = n;
        long k = 0;
        while (active > 0) {
            if (k == maxSteps) {
                for (int i = 0; i < active; i++) {
                    double[] st = {x[i], y[i]};
                    int ev = evaluate(st, k, h[i], out, lane[i]);
                    if (ev < 0) record(out, lane[i], Outcome.MAX_STEPS, k, lossAt(st), st);
                }
                break;
            }
            int s = (int) Math.min(CHUNK, maxSteps - k);
            System.arraycopy(x, 0, sx, 0, active);
            System.arraycopy(y, 0, sy, 0, active);
            java.util.Arrays.fill(alarm, 0, active, 0.0);
            FactorizationKernels.scalarLanes(mu, h, x, y, alarm, active, s, lossTol, grad2Tol, inverseBound);
            for (int i = active - 1; i >= 0; i--) {
                if (alarm[i] < 1) continue;
                // Replay exactly from the chunk's start.
                double[] st = {sx[i], sy[i]};
                boolean stopped = false;
                for (int t = 0; t < s; t++) {
                    if (evaluate(st, k + t, h[i], out, lane[i]) >= 0) {
                        stopped = true;
                        break;
                    }
                }
                if (stopped) {
                    active--;
                    h[i] = h[active];
                    x[i] = x[active];
                    y[i] = y[active];
                    lane[i] = lane[active];
                    alarm[i] = alarm[active];
                    sx[i] = sx[active];
                    sy[i] = sy[active];
                } else {
                    x[i] = st[0];
                    y[i] = st[1];
                }
            }
            k += s;
        }
        return out;
    }

    private double lossAt(double[] st) {
        double r = mu - st[0] * st[1];
        return 0.5 * r * r;
    }

    /**
     * One step of a single run, in GradientDescent.runScalar's order: evaluate at step k, stop as DIVERGED or
     * CONVERGED (recording the lane and returning its outcome ordinal), else move {@code st} on and return -1.
     */
    private int evaluate(double[] st, long k, double h, Out out, int id) {
        double x = st[0], y = st[1];
        double r = mu - x * y;
        double loss = 0.5 * r * r;
        double gx = -r * y, gy = -r * x;
        double gradNorm = Math.sqrt(gx * gx + gy * gy);
        boolean finite = Double.isFinite(loss) && Double.isFinite(gradNorm);
        if (!finite || loss > bound) return record(out, id, Outcome.DIVERGED, k, loss, st);
        if ((lossTol > 0 && loss <= lossTol) || (gradTol > 0 && gradNorm <= gradTol))
            return record(out, id, Outcome.CONVERGED, k, loss, st);
        if (k == maxSteps) return -1;
        st[0] = x - h * gx;
        st[1] = y - h * gy;
        return -1;
    }

    private static int record(Out out, int id, Outcome o, long k, double loss, double[] st) {
        out.outcome[id] = o.ordinal();
        out.steps[id] = k;
        out.loss[id] = loss;
        out.x[id] = st[0];
        out.y[id] = st[1];
        return o.ordinal();
    }
}
