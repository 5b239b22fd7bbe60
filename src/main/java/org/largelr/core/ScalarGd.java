package org.largelr.core;

import org.largelr.api.Outcome;

/**
 * The GD loop of the scalar problem {@code 1/2 (mu - x y)^2}: {@code x+ = x + h r y}, {@code y+ = y + h r x}
 * with {@code r = mu - x y}, both from the old iterate. Single runs and the replays of {@link ScalarLanes} both go
 * through {@link #advance}, so a lane is bit-identical to a run on its own.
 */
public final class ScalarGd implements StepObserver.Iterate {
    /** Returned by {@link #advance} when the run has not ended in the given steps. */
    public static final int RUNNING = -1;

    private final double mu, h;
    private final long maxSteps;
    private final StopRule rule;
    /** The iterate, and the loss and gradient at it once evaluated. */
    public double x, y;
    private double loss, gradNorm;
    /** The step at which the run ended (valid once {@link #advance} returned an outcome). */
    public long endStep;

    /** A run from {@code (x0, y0)} with step h, budget maxSteps and this stop rule. */
    public ScalarGd(double mu, double h, long maxSteps, StopRule rule, double x0, double y0) {
        this.mu = mu;
        this.h = h;
        this.maxSteps = maxSteps;
        this.rule = rule;
        this.x = x0;
        this.y = y0;
    }

    /**
     * Runs steps k in [from, to): evaluates at the iterate, stops there (DIVERGED, CONVERGED or, at
     * {@code k == maxSteps}, MAX_STEPS) or takes the step. Returns the outcome's ordinal, or {@link #RUNNING}.
     */
    public int advance(long from, long to, StepObserver observer) {
        long shown = observer == null ? Long.MAX_VALUE : from;   // the next step the observer asked to see
        for (long k = from; k < to; k++) {
            double r = mu - x * y;
            loss = 0.5 * r * r;
            double gx = -r * y, gy = -r * x;
            gradNorm = Math.sqrt(gx * gx + gy * gy);
            int end = rule.diverged(loss, gradNorm) ? Outcome.DIVERGED.ordinal()
                    : rule.converged(loss, gradNorm) ? Outcome.CONVERGED.ordinal()
                    : k == maxSteps ? Outcome.MAX_STEPS.ordinal() : RUNNING;
            if (k == shown || (end != RUNNING && observer != null)) {
                observer.onStep(k, this, end != RUNNING);
                shown = observer.next(k);
            }
            if (end != RUNNING) {
                endStep = k;
                return end;
            }
            x = x - h * gx;          // both from the old iterate: gx, gy were computed before either moved
            y = y - h * gy;
        }
        return RUNNING;
    }

    /** The whole run: every step of the budget unless the rule stops it first. */
    public Outcome run(StepObserver observer) {
        return Outcome.values()[advance(0, maxSteps + 1, observer)];
    }

    /** Loss at the last evaluated iterate. */
    @Override public double loss() { return loss; }

    @Override public double gradNorm() { return gradNorm; }

    @Override public double xNorm2() { return x * x; }

    @Override public double yNorm2() { return y * y; }

    @Override public double balanceGap() { return Math.abs(x * x - y * y); }

    @Override
    public void copyFactors(double[] xs, double[] ys) {
        xs[0] = x;
        ys[0] = y;
    }
}
