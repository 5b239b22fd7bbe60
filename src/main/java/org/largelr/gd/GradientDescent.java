package org.largelr.gd;

import java.util.Objects;
import java.util.function.LongConsumer;

import org.ejml.data.DMatrixRMaj;
import org.largelr.problem.Factors;
import org.largelr.problem.FactorizationProblem;
import org.largelr.problem.Problem;
import org.largelr.problem.ScalarProblem;
import org.largelr.problem.Start;

/**
 * Fluent runner: {@code GradientDescent.on(problem).from(start).learningRate(h).maxSteps(k).run()}.
 *
 * <p>X and Y are updated simultaneously from the old iterate, as in the paper:
 * {@code X+ = X + h (A - X Y^T) Y}, {@code Y+ = Y + h (A - X Y^T)^T X}.
 * By default the run uses every step of the budget (no tolerance): set {@link #lossTolerance(double)}
 * or {@link #gradTolerance(double)} to stop early with outcome CONVERGED.
 */
public final class GradientDescent {
    /** How often (in steps) the progress callback fires. */
    private static final long PROGRESS_INTERVAL = 1 << 14;

    private final Problem problem;
    private Start start;
    private Factors startPoint;
    private double learningRate = Double.NaN;
    private long maxSteps = 1000;
    private double lossTolerance = 0, gradTolerance = 0;
    private double divergenceBound = GdSettings.DEFAULT_DIVERGENCE_BOUND;
    private int recordEvery = 1;
    private boolean recordSharpness = false;
    private boolean computeL = true;
    private LongConsumer progress;

    private GradientDescent(Problem problem) {
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public static GradientDescent on(Problem problem) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        return new GradientDescent(problem);
    }

    public GradientDescent from(Start start) {
        if (start == null) throw new IllegalArgumentException("start must not be null");
        this.start = start;
        this.startPoint = null;
        return this;
    }

    public GradientDescent from(Factors point) {
        if (point == null) throw new IllegalArgumentException("start point must not be null");
        problem.requireShape(point);
        this.startPoint = point.copy();
        this.start = null;
        return this;
    }

    public GradientDescent learningRate(double h) {
        this.learningRate = h;
        return this;
    }

    public GradientDescent maxSteps(long k) {
        this.maxSteps = k;
        return this;
    }

    public GradientDescent lossTolerance(double t) {
        this.lossTolerance = t;
        return this;
    }

    public GradientDescent gradTolerance(double t) {
        this.gradTolerance = t;
        return this;
    }

    public GradientDescent divergenceBound(double b) {
        this.divergenceBound = b;
        return this;
    }

    public GradientDescent recordEvery(int k) {
        this.recordEvery = k;
        return this;
    }

    /** Also record sharpness (top Hessian eigenvalue) at each recorded step: one Lanczos run each. */
    public GradientDescent recordSharpness(boolean on) {
        this.recordSharpness = on;
        return this;
    }

    /** Skip computing L at the start (it is reported as NaN): for benchmarks of the bare loop. */
    public GradientDescent computeL(boolean on) {
        this.computeL = on;
        return this;
    }

    /** Called with the current step every few thousand steps, for progress displays. */
    public GradientDescent progress(LongConsumer onStep) {
        this.progress = onStep;
        return this;
    }

    public GdSettings settings() {
        if (Double.isNaN(learningRate))
            throw new IllegalArgumentException("learningRate h must be set (finite, > 0)");
        return new GdSettings(learningRate, maxSteps, lossTolerance, gradTolerance, divergenceBound, recordEvery,
                recordSharpness);
    }

    public GdResult run() {
        GdSettings s = settings();
        if (start == null && startPoint == null)
            throw new IllegalArgumentException("start must be set: call from(Start) or from(Factors)");
        Factors p0 = startPoint != null ? startPoint.copy() : start.create(problem);
        problem.requireShape(p0);
        long seed = start != null ? start.seed() : -1;
        double l = computeL ? problem.sharpness(p0) : Double.NaN;
        if (problem instanceof ScalarProblem sp) return runScalar(sp, p0, s, l, seed);
        return runMatrix((FactorizationProblem) problem, p0, s, l, seed);
    }

    private GdResult runScalar(ScalarProblem sp, Factors p0, GdSettings s, double l, long seed) {
        double mu = sp.mu(), h = s.learningRate();
        double x = p0.x().data[0], y = p0.y().data[0];
        Recorder rec = new Recorder(s.maxSteps() / s.recordEvery() + 2, s.recordSharpness());
        Outcome outcome = Outcome.MAX_STEPS;
        long k = 0;
        for (; ; k++) {
            double r = mu - x * y;
            double loss = 0.5 * r * r;
            double gx = -r * y, gy = -r * x;
            double gradNorm = Math.sqrt(gx * gx + gy * gy);
            boolean last = k == s.maxSteps();
            boolean finite = Double.isFinite(loss) && Double.isFinite(gradNorm);
            if (finite && (k % s.recordEvery() == 0 || last || meetsTolerance(loss, gradNorm, s)
                    || loss > s.divergenceBound())) {
                double xn = x * x, yn = y * y;
                if (Recorder.allFinite(xn, yn, loss, gradNorm, 0))
                    rec.add(k, loss, xn, yn, Math.abs(xn - yn), gradNorm,
                            s.recordSharpness() ? sp.sharpness(x, y) : Double.NaN);
            }
            if (!finite || loss > s.divergenceBound()) { outcome = Outcome.DIVERGED; break; }
            if (meetsTolerance(loss, gradNorm, s)) { outcome = Outcome.CONVERGED; break; }
            if (last) break;
            x = x - h * gx;          // both from the old iterate: gx, gy were computed before either moved
            y = y - h * gy;
            if (progress != null && (k + 1) % PROGRESS_INTERVAL == 0) progress.accept(k + 1);
        }
        Factors end = Double.isFinite(x) && Double.isFinite(y) ? Factors.scalar(x, y) : null;
        return new GdResult(problem, p0, end, s, outcome, k, l, seed, rec);
    }

    private GdResult runMatrix(FactorizationProblem fp, Factors p0, GdSettings s, double l, long seed) {
        int n = fp.rows(), m = fp.cols(), d = fp.d();
        // The workspace keeps X, Y transposed and padded so the JIT vectorizes the passes over A. Its dy and
        // residual are bit-identical to FactorizationKernels.residualPass; dx (taken as A Y - X Y^T Y) and the loss
        // agree with it to rounding (see FactorizationKernels), and the same bits come out at any thread count.
        FactorizationKernels.Workspace w = new FactorizationKernels.Workspace(FactorizationKernels.Target.of(fp), d, true);
        w.setFactors(p0.x().data, p0.y().data);
        double h = s.learningRate();
        Recorder rec = new Recorder(s.maxSteps() / s.recordEvery() + 2, s.recordSharpness());
        Outcome outcome = Outcome.MAX_STEPS;
        long k = 0;
        for (; ; k++) {
            double loss = w.evaluate();
            double gradNorm = Math.sqrt(w.directionNorm2());
            boolean last = k == s.maxSteps();
            boolean finite = Double.isFinite(loss) && Double.isFinite(gradNorm);
            if (finite && (k % s.recordEvery() == 0 || last || meetsTolerance(loss, gradNorm, s)
                    || loss > s.divergenceBound())) {
                double xn = w.xNorm2(), yn = w.yNorm2();
                double gap = w.balanceGap();
                if (Recorder.allFinite(xn, yn, gap, loss, gradNorm))
                    rec.add(k, loss, xn, yn, gap, gradNorm,
                            s.recordSharpness() ? fp.sharpness(current(w, n, m, d)) : Double.NaN);
            }
            if (!finite || loss > s.divergenceBound()) { outcome = Outcome.DIVERGED; break; }
            if (meetsTolerance(loss, gradNorm, s)) { outcome = Outcome.CONVERGED; break; }
            if (last) break;
            w.step(h);
            if (progress != null && (k + 1) % PROGRESS_INTERVAL == 0) progress.accept(k + 1);
        }
        Factors end = w.factorsFinite() ? current(w, n, m, d) : null;
        return new GdResult(problem, p0, end, s, outcome, k, l, seed, rec);
    }

    private static Factors current(FactorizationKernels.Workspace w, int n, int m, int d) {
        double[] x = new double[n * d], y = new double[m * d];
        w.getFactors(x, y);
        return new Factors(DMatrixRMaj.wrap(n, d, x), DMatrixRMaj.wrap(m, d, y));
    }

    private static boolean meetsTolerance(double loss, double gradNorm, GdSettings s) {
        // A tolerance of 0 means "off": a zero gradient alone (e.g. the saddle X = Y = 0) is no convergence.
        return (s.lossTolerance() > 0 && loss <= s.lossTolerance())
                || (s.gradTolerance() > 0 && gradNorm <= s.gradTolerance());
    }

}
