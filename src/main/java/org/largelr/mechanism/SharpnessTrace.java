package org.largelr.mechanism;

import java.util.Arrays;

import org.largelr.api.Problem;
import org.largelr.api.Step;
import org.largelr.api.StepListener;

/**
 * Loss and sharpness (top Hessian eigenvalue) at every evaluated step of one run, as the run's listener:
 * {@code GradientDescent.on(p).from(s).h(h).observe(trace).run()}. One Lanczos run per step (closed form for the
 * scalar problem), so it suits runs of thousands of steps, not millions. A trace belongs to one run.
 */
public final class SharpnessTrace implements StepListener {
    private final Problem problem;
    private long[] step = new long[64];
    private double[] loss = new double[64], sharpness = new double[64];
    private int size;

    private SharpnessTrace(Problem problem) {
        this.problem = problem;
    }

    /** An empty trace for a run on this problem. */
    public static SharpnessTrace of(Problem problem) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        return new SharpnessTrace(problem);
    }

    @Override
    public void onStep(Step s) {
        if (size == step.length) {
            step = Arrays.copyOf(step, 2 * size);
            loss = Arrays.copyOf(loss, 2 * size);
            sharpness = Arrays.copyOf(sharpness, 2 * size);
        }
        step[size] = s.k();
        loss[size] = s.loss();
        sharpness[size] = Double.isFinite(s.loss()) ? problem.sharpness(s.factors()) : Double.NaN;
        size++;
    }

    /** Number of recorded steps. */
    public int size() { return size; }

    /** The step indices k, as doubles (for charts). */
    public double[] steps() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = step[i];
        return out;
    }

    /** Loss at each recorded step (a copy). */
    public double[] losses() { return Arrays.copyOf(loss, size); }

    /** Sharpness at each recorded step (a copy). */
    public double[] sharpness() { return Arrays.copyOf(sharpness, size); }

    /** Sharpness at the last recorded step: the limit's, when the run converged. */
    public double lastSharpness() {
        requireSteps();
        return sharpness[size - 1];
    }

    /** How many steps raised the loss: {@code loss_{k+1} > loss_k}. */
    public int lossIncreases() {
        int n = 0;
        for (int i = 1; i < size; i++) if (loss[i] > loss[i - 1]) n++;
        return n;
    }

    /** The largest loss over the run divided by the loss at the start: 1 when the loss never rose above it. */
    public double peakLossRatio() {
        requireSteps();
        double peak = loss[0];
        for (int i = 1; i < size; i++) peak = Math.max(peak, loss[i]);
        return peak / loss[0];
    }

    /**
     * The first step {@code k*} from which on the run is in its second phase: at every later recorded step the
     * sharpness is below {@code bound} (a run's {@code 2/h}) and the loss is below the loss one step before. -1 when
     * even the last step's sharpness is not below the bound (or nothing was recorded).
     */
    public long stableFrom(double bound) {
        if (!(bound > 0)) throw new IllegalArgumentException("bound must be > 0, got " + bound);
        int i = size - 1;
        if (i < 0 || !(sharpness[i] < bound)) return -1;
        while (i > 0 && sharpness[i - 1] < bound && loss[i] < loss[i - 1]) i--;
        return step[i];
    }

    /** The loss at step k (which must have been recorded). */
    public double lossAt(long k) {
        int i = Arrays.binarySearch(step, 0, size, k);
        if (i < 0) throw new IllegalArgumentException("step " + k + " was not recorded (0.." + (size == 0 ? -1 : step[size - 1]) + ")");
        return loss[i];
    }

    private void requireSteps() {
        if (size == 0) throw new IllegalStateException("nothing recorded: pass the trace to GradientDescent.observe and run");
    }
}
