package org.largelr.gd;

import java.util.Arrays;

/** Column buffers for recorded metrics; grows by doubling so the step loop itself allocates nothing. */
final class Recorder {
    long[] step;
    double[] loss, xNorm2, yNorm2, balanceGap, gradNorm, sharpness;
    int size;
    final boolean withSharpness;

    Recorder(long expectedRows, boolean withSharpness) {
        int cap = (int) Math.max(2, Math.min(expectedRows, 1 << 16));
        this.withSharpness = withSharpness;
        step = new long[cap];
        loss = new double[cap];
        xNorm2 = new double[cap];
        yNorm2 = new double[cap];
        balanceGap = new double[cap];
        gradNorm = new double[cap];
        sharpness = withSharpness ? new double[cap] : null;
    }

    void add(long k, double l, double xn, double yn, double gap, double g, double sharp) {
        if (size == step.length) grow();
        step[size] = k;
        loss[size] = l;
        xNorm2[size] = xn;
        yNorm2[size] = yn;
        balanceGap[size] = gap;
        gradNorm[size] = g;
        if (withSharpness) sharpness[size] = sharp;
        size++;
    }

    long lastStep() {
        return size == 0 ? -1 : step[size - 1];
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

    static boolean allFinite(double a, double b, double c, double d, double e) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d)
                && Double.isFinite(e);
    }
}
