package org.largelr.core;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;


/**
 * The observer that keeps a run's trajectory: metrics every k steps and at the last step, in column buffers that
 * grow by doubling (so the step loop itself allocates nothing). Rows with a non-finite value are not kept.
 */
public final class Recorder implements StepObserver {
    /** Recorded step indices (the first {@link #size} entries). */
    public long[] step;
    /** Recorded metrics, one array per column (the first {@link #size} entries). */
    public double[] loss, xNorm2, yNorm2, balanceGap, gradNorm, sharpness;
    /** Number of recorded rows. */
    public int size;
    /** Whether sharpness is recorded. */
    public final boolean withSharpness;
    private final int every;
    private final ToDoubleFunction<Iterate> sharpnessAt;

    /** @param sharpnessAt the sharpness at an iterate, or null to record none */
    public Recorder(long expectedRows, int every, ToDoubleFunction<Iterate> sharpnessAt) {
        int cap = (int) Math.max(2, Math.min(expectedRows, 1 << 16));
        this.every = every;
        this.sharpnessAt = sharpnessAt;
        this.withSharpness = sharpnessAt != null;
        step = new long[cap];
        loss = new double[cap];
        xNorm2 = new double[cap];
        yNorm2 = new double[cap];
        balanceGap = new double[cap];
        gradNorm = new double[cap];
        sharpness = withSharpness ? new double[cap] : null;
    }

    @Override
    public void onStep(long k, Iterate at, boolean last) {
        if (k % every != 0 && !last) return;
        double l = at.loss(), g = at.gradNorm();
        if (!Double.isFinite(l) || !Double.isFinite(g)) return;
        double xn = at.xNorm2(), yn = at.yNorm2(), gap = at.balanceGap();
        if (!Double.isFinite(xn) || !Double.isFinite(yn) || !Double.isFinite(gap)) return;
        if (size == step.length) grow();
        step[size] = k;
        loss[size] = l;
        xNorm2[size] = xn;
        yNorm2[size] = yn;
        balanceGap[size] = gap;
        gradNorm[size] = g;
        if (withSharpness) sharpness[size] = sharpnessAt.applyAsDouble(at);
        size++;
    }

    private void grow() {
        int cap = step.length * 2;
        step = Arrays.copyOf(step, cap);
        loss = Arrays.copyOf(loss, cap);
        xNorm2 = Arrays.copyOf(xNorm2, cap);
        yNorm2 = Arrays.copyOf(yNorm2, cap);
        balanceGap = Arrays.copyOf(balanceGap, cap);
        gradNorm = Arrays.copyOf(gradNorm, cap);
        if (withSharpness) sharpness = Arrays.copyOf(sharpness, cap);
    }
}
