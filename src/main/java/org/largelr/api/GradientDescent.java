package org.largelr.api;

import org.largelr.core.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

import org.ejml.data.DMatrixRMaj;
import org.largelr.core.Background;
import org.largelr.core.MatrixGd;
import org.largelr.core.ScalarGd;
import org.largelr.core.ScalarLanes;
import org.largelr.core.StepObserver;
import org.largelr.core.StopRule;
import org.largelr.core.Target;
import org.largelr.core.Workspace;

/**
 * One GD run: {@code GradientDescent.on(problem).from(start).h(0.1).maxSteps(2000).run()}. An immutable value:
 * each wither returns a changed copy.
 *
 * <p>X and Y are updated simultaneously from the old iterate, as in the paper:
 * {@code X+ = X + h (A - X Y^T) Y}, {@code Y+ = Y + h (A - X Y^T)^T X}. The run stops as CONVERGED when the
 * problem kind's default tolerance is met ({@link StopRule#scalarDefault()}, {@link StopRule#matrixDefault()}: a
 * run sitting on a global minimum to rounding reads CONVERGED), as DIVERGED above the divergence bound, else
 * after {@code maxSteps} as MAX_STEPS. {@link #noTolerance()} takes every step of the budget.
 */
public final class GradientDescent extends RunSettings<GradientDescent> {
    /** How often (in steps) the progress callback fires. */
    private static final long PROGRESS_INTERVAL = 1 << 14;
    /** n m d from which L is computed beside the steps; smaller runs (a sweep's many among them) stay on one thread. */
    private static final long CONCURRENT_L_WORK = 1 << 17;

    private final Problem problem;
    private Start start;
    private Factors startPoint;
    private double h = Double.NaN;
    private int recordEvery = 1;
    private boolean recordSharpness;
    private boolean computeL = true;
    private LongConsumer progress;
    private List<Watch> watches = List.of();

    /** A listener and the steps it sees: multiples of {@code every}, and the last. */
    private record Watch(long every, StepListener listener) {}

    private GradientDescent(Problem problem) {
        this.problem = problem;
    }

    /** A run on this problem; set the start and h before {@link #run()}. */
    public static GradientDescent on(Problem problem) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        return new GradientDescent(problem);
    }

    /** Start from a recipe. */
    public GradientDescent from(Start start) {
        if (start == null) throw new IllegalArgumentException("start must not be null");
        return with(g -> {
            g.start = start;
            g.startPoint = null;
        });
    }

    /** Start from a point (copied). */
    public GradientDescent from(Factors point) {
        if (point == null) throw new IllegalArgumentException("start point must not be null");
        problem.requireShape(point);
        Factors copy = point.copy();
        return with(g -> {
            g.startPoint = copy;
            g.start = null;
        });
    }

    /** The learning rate h (finite, > 0). */
    public GradientDescent h(double h) {
        return with(g -> g.h = h);
    }


    /** Record metrics every k steps (default 1); the first and the last step are always recorded. */
    public GradientDescent recordEvery(int k) {
        if (k < 1) throw new IllegalArgumentException("recordEvery must be >= 1, got " + k);
        return with(g -> g.recordEvery = k);
    }

    /** Also record sharpness (top Hessian eigenvalue) at each recorded step: one Lanczos run each. */
    public GradientDescent recordSharpness(boolean on) {
        return with(g -> g.recordSharpness = on);
    }

    /** Skip computing L at the start (it is reported as NaN): for benchmarks of the bare loop. */
    public GradientDescent computeL(boolean on) {
        return with(g -> g.computeL = on);
    }

    /** Called with the current step every few thousand steps, for progress displays. */
    public GradientDescent progress(LongConsumer onStep) {
        return with(g -> g.progress = onStep);
    }

    /** Also call this listener at every evaluated step (see {@link Step}). */
    public GradientDescent observe(StepListener listener) {
        return observeEvery(1, listener);
    }

    /**
     * Also call this listener at every k-th evaluated step (k = 0, every, 2 every, ...) and at the last one. The
     * steps in between cost nothing: a scalar run is not slowed by a listener that looks every 1000 steps.
     */
    public GradientDescent observeEvery(long every, StepListener listener) {
        if (every < 1) throw new IllegalArgumentException("observeEvery: every must be >= 1, got " + every);
        if (listener == null) throw new IllegalArgumentException("listener must not be null");
        List<Watch> more = new ArrayList<>(watches);
        more.add(new Watch(every, listener));
        List<Watch> all = List.copyOf(more);
        return with(g -> g.watches = all);
    }

    /** The problem this run is on. */
    public Problem problem() { return problem; }

    /** The resolved settings of this run. */
    public GdSettings settings() {
        if (Double.isNaN(h)) throw new IllegalArgumentException("learning rate h must be set (finite, > 0): call h(...)");
        return new GdSettings(h, maxSteps(), stopRule(problem instanceof ScalarProblem), recordEvery, recordSharpness);
    }

    /** Runs GD and returns what it produced. */
    public GdResult run() {
        GdSettings s = settings();
        if (start == null && startPoint == null)
            throw new IllegalArgumentException("start must be set: call from(Start) or from(Factors)");
        Factors p0 = startPoint != null ? startPoint.copy() : start.create(problem);
        problem.requireShape(p0);
        long seed = start != null ? start.seed() : -1;
        DoubleSupplier l = lAtStart(p0);
        Recorder rec = new Recorder(s.maxSteps() / s.recordEvery() + 2, s.recordEvery(), problem.rows(),
                problem.cols(), problem.d(), s.recordSharpness() ? at -> problem.sharpness(factorsOf(at)) : null);
        StepObserver observer = observers(rec, s.recordEvery());
        if (problem instanceof ScalarProblem sp) {
            ScalarGd gd = new ScalarGd(sp.mu(), s.h(), s.maxSteps(), s.stopRule(), p0.x().data[0], p0.y().data[0]);
            Outcome outcome = gd.run(observer);
            Factors end = Double.isFinite(gd.x) && Double.isFinite(gd.y) ? Factors.scalar(gd.x, gd.y) : null;
            return new GdResult(problem, p0, end, s, outcome, gd.endStep, l.getAsDouble(), seed, rec);
        }
        FactorizationProblem fp = (FactorizationProblem) problem;
        // The workspace keeps X, Y transposed and padded so the JIT vectorizes the passes over A; the same bits
        // come out at any thread count (see Workspace).
        Workspace w = new Workspace(new Target(fp.targetView().data, fp.rows(), fp.cols()), fp.d(), threads() >= 2);
        w.setFactors(p0.x().data, p0.y().data);
        MatrixGd gd = new MatrixGd(w, s.h(), s.maxSteps(), s.stopRule());
        Outcome outcome = gd.run(observer);
        Factors end = w.factorsFinite() ? factorsOf(gd) : null;
        return new GdResult(problem, p0, end, s, outcome, gd.endStep(), l.getAsDouble(), seed, rec);
    }

    /**
     * L at the start, as the result will report it (NaN when not asked for). Nothing in the run depends on it, so on
     * a matrix problem of at least {@link #CONCURRENT_L_WORK} (n m d) that may use two threads it is computed on its
     * own thread beside the first steps; the value is the same bits either way (a function of the start only).
     */
    private DoubleSupplier lAtStart(Factors p0) {
        if (!computeL) return () -> Double.NaN;
        if (threads() < 2 || !(problem instanceof FactorizationProblem)
                || (long) problem.rows() * problem.cols() * problem.d() < CONCURRENT_L_WORK) {
            double l = problem.sharpness(p0);
            return () -> l;
        }
        Background<Double> l = Background.start("largelr-L", () -> problem.sharpness(p0));
        return l::join;
    }

    /**
     * Many runs of the scalar problem at once, run i from {@code (x0[i], y0[i])} with step {@code h[i]}, with this
     * run's budget and stop rule (the start and h set here are not used). The runs step side by side through a
     * vectorized loop (no trajectory, no L, no listeners), each bit-identical to a single {@link #run()}. Stops
     * early, keeping the runs finished so far, when the calling thread is interrupted.
     */
    public ScalarBatch runBatch(double[] h, double[] x0, double[] y0) {
        Thread caller = Thread.currentThread();
        return runBatch(h, x0, y0, caller::isInterrupted);
    }

    /** As {@link #runBatch(double[], double[], double[])}, stopping early once {@code stop} is true (asked every few microseconds). */
    public ScalarBatch runBatch(double[] h, double[] x0, double[] y0, BooleanSupplier stop) {
        return runBatch(h, x0, y0, stop, null);
    }

    /** As {@link #runBatch(double[], double[], double[], BooleanSupplier)}, telling {@code watch} (or null) as it goes. */
    public ScalarBatch runBatch(double[] h, double[] x0, double[] y0, BooleanSupplier stop, ScalarBatch.Watch watch) {
        if (!(problem instanceof ScalarProblem sp))
            throw new IllegalArgumentException("runBatch needs the scalar problem (Problem.scalar(mu)), got " + problem);
        if (h == null || x0 == null || y0 == null || stop == null)
            throw new IllegalArgumentException("runBatch: h, x0, y0 and stop must not be null");
        if (h.length != x0.length || h.length != y0.length)
            throw new IllegalArgumentException("runBatch: h, x0 and y0 must have the same length, got " + h.length
                    + ", " + x0.length + " and " + y0.length);
        for (int i = 0; i < h.length; i++) {
            if (!(h[i] > 0) || !Double.isFinite(h[i]))
                throw new IllegalArgumentException("runBatch: h[" + i + "] must be finite and > 0, got " + h[i]);
            if (!Double.isFinite(x0[i]) || !Double.isFinite(y0[i]))
                throw new IllegalArgumentException("runBatch: x0[" + i + "] and y0[" + i + "] must be finite, got "
                        + x0[i] + ", " + y0[i]);
        }
        ScalarLanes lanes = new ScalarLanes(sp.mu(), maxSteps(), stopRule(true));
        if (watch == null) return batchOf(lanes.run(h, x0, y0, h.length, stop));
        return batchOf(lanes.run(h, x0, y0, h.length, stop, new ScalarLanes.Watch() {
            @Override public void stepped(long laneSteps) { watch.stepped(laneSteps); }

            // A view of the lanes' arrays, not a copy: one lane ends at a time, and a copy would cost O(batch) each.
            @Override public void ended(int lane, ScalarLanes.Out out) { watch.ended(batchOf(out), lane); }
        }));
    }

    private static ScalarBatch batchOf(ScalarLanes.Out out) {
        return new ScalarBatch(out.outcome, out.steps, out.loss, out.x, out.y);
    }

    /**
     * The recorder, the progress callback and the listeners as one observer that asks the loop for the next step
     * any of them is due at, so the steps in between cost a comparison (no modulo, no call per step).
     */
    private StepObserver observers(Recorder rec, long recordEvery) {
        Step view = new Step(problem);
        Watch[] ws = watches.toArray(new Watch[0]);
        LongConsumer p = progress;
        return new StepObserver() {
            private long recordDue, progressDue = p == null ? Long.MAX_VALUE : PROGRESS_INTERVAL;
            private final long[] due = new long[ws.length];

            @Override
            public void onStep(long k, Iterate at, boolean last) {
                if (last || k >= recordDue) {
                    rec.onStep(k, at, last);
                    recordDue = after(k, recordEvery);
                }
                for (int i = 0; i < ws.length; i++)
                    if (last || k >= due[i]) {
                        ws[i].listener().onStep(view.at(k, at, last));
                        due[i] = after(k, ws[i].every());
                    }
                if (k >= progressDue) {
                    p.accept(k);
                    progressDue = after(k, PROGRESS_INTERVAL);
                }
            }

            @Override
            public long next(long k) {
                long n = Math.min(recordDue, progressDue);
                for (long d : due) n = Math.min(n, d);
                return n;
            }
        };
    }

    /** The first multiple of {@code every} after k. */
    private static long after(long k, long every) {
        return every == 1 ? k + 1 : (k / every + 1) * every;
    }

    private Factors factorsOf(StepObserver.Iterate at) {
        int n = problem.rows(), m = problem.cols(), d = problem.d();
        double[] x = new double[n * d], y = new double[m * d];
        at.copyFactors(x, y);
        return new Factors(DMatrixRMaj.wrap(n, d, x), DMatrixRMaj.wrap(m, d, y));
    }
}
