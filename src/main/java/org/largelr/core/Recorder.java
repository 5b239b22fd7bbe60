package org.largelr.core;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.largelr.api.Columns;


/**
 * The observer that keeps a run's trajectory: metrics every k steps and at the last step, in column buffers that
 * grow by doubling (so the step loop itself allocates nothing). Rows with a non-finite value are not kept.
 *
 * <p>It also keeps the run's end values, at the step where the run ended, never NaN: a non-negative quantity beyond
 * double range there reads +Infinity, and the imbalance and balance gap of factors far out come from
 * {@link ScaledMetrics}. {@link #endFactorsFinite} false says the iterate itself left double range in the last step;
 * then the end values are of no use and the caller takes those of the step before.
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
    /** The values where the run ended (set once the last step was observed). */
    public EndValues end;
    /** The end iterate, row-major X (n x d) and Y (m x d). */
    public final double[] endX, endY;
    /** False when an entry of the end iterate is not finite (the last step left double range). */
    public boolean endFactorsFinite = true;
    /** {@link EndValues#overflow} when the iterate itself left double range. */
    public static final String FACTORS = "factors";

    /**
     * A run's final values, never NaN.
     *
     * @param overflow the names of the values beyond double range, comma-separated ({@code none} when there are
     *                 none), or {@link #FACTORS}
     */
    public record EndValues(double loss, double xNorm2, double yNorm2, double imbalance, double balanceGap,
                            String overflow) {
        /** The same values, said to stand for a run whose next step left double range. */
        public EndValues beforeLeavingRange() {
            return new EndValues(loss, xNorm2, yNorm2, imbalance, balanceGap, FACTORS);
        }
    }
    private final int every, d;
    private final ToDoubleFunction<Iterate> sharpnessAt;

    /**
     * @param n, m, d     the shape of the run's factors (X is n x d, Y is m x d)
     * @param sharpnessAt the sharpness at an iterate, or null to record none
     */
    public Recorder(long expectedRows, int every, int n, int m, int d, ToDoubleFunction<Iterate> sharpnessAt) {
        int cap = (int) Math.max(2, Math.min(expectedRows, 1 << 16));
        this.d = d;
        endX = new double[n * d];
        endY = new double[m * d];
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
        if (last) end(at);
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

    private void end(Iterate at) {
        at.copyFactors(endX, endY);
        endFactorsFinite = ScaledMetrics.finite(endX) && ScaledMetrics.finite(endY);
        if (!endFactorsFinite) return;   // nothing to compute from an iterate out of range: see EndValues' users
        StringBuilder over = new StringBuilder();
        double l = inRange(at.loss(), Columns.LOSS, over);
        inRange(at.gradNorm(), Columns.GRAD_NORM, over);
        double xn = at.xNorm2(), yn = at.yNorm2();
        double imbalance = ScaledMetrics.imbalance(xn - yn, endX, endY);
        double gap = ScaledMetrics.balanceGap(at.balanceGap(), endX, endY, d);
        xn = inRange(xn, Columns.X_NORM2, over);
        yn = inRange(yn, Columns.Y_NORM2, over);
        if (Double.isInfinite(imbalance)) over.append(over.isEmpty() ? "" : ",").append(Columns.IMBALANCE);
        gap = inRange(gap, Columns.BALANCE_GAP, over);
        end = new EndValues(l, xn, yn, imbalance, gap, over.isEmpty() ? Columns.NO_OVERFLOW : over.toString());
    }

    /** A non-negative quantity: itself when finite, else +Infinity (beyond double range), named in {@code over}. */
    private static double inRange(double v, String name, StringBuilder over) {
        if (Double.isFinite(v)) return v;
        over.append(over.isEmpty() ? "" : ",").append(name);
        return Double.POSITIVE_INFINITY;
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
