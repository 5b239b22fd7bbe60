package org.largelr.api;

import java.util.function.Consumer;

import org.largelr.core.StopRule;

/**
 * The knobs a single run and a sweep share, held once (as XChart's {@code ChartBuilder} holds a chart's): the step
 * budget, the stop rule and the threads the work may use. Settings are immutable values: every wither returns a
 * changed copy, so a configuration can be kept, shared and varied without surprises. Each value is checked where
 * it is set, with a message naming the knob.
 *
 * @param <T> the concrete settings type, so withers keep it
 */
public abstract class RunSettings<T extends RunSettings<T>> implements Cloneable {
    private long maxSteps = 1000;
    private double lossTolerance = Double.NaN, gradTolerance = Double.NaN;   // NaN: the problem kind's default
    private double divergenceBound = StopRule.DEFAULT_DIVERGENCE_BOUND;
    private int threads = Runtime.getRuntime().availableProcessors();

    /** A changed copy: the only way settings change. */
    @SuppressWarnings("unchecked")
    protected final T with(Consumer<T> change) {
        try {
            T copy = (T) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Step budget K (default 1000): a run takes at most K steps. */
    public T maxSteps(long k) {
        if (k < 0) throw new IllegalArgumentException("maxSteps must be >= 0, got " + k);
        return with(s -> base(s).maxSteps = k);
    }

    /** Converged once {@code loss <= t}; 0 switches it off. Default: see {@link StopRule#scalarDefault()}. */
    public T lossTolerance(double t) {
        new StopRule(t, 0, 1);   // validates with the rule's message
        return with(s -> base(s).lossTolerance = t);
    }

    /** Converged once {@code ||grad|| <= t}; 0 switches it off. Default: see {@link StopRule#matrixDefault()}. */
    public T gradTolerance(double t) {
        new StopRule(0, t, 1);
        return with(s -> base(s).gradTolerance = t);
    }

    /** Diverged once {@code loss > b} or a value is not finite (default 1e50). */
    public T divergenceBound(double b) {
        new StopRule(0, 0, b);
        return with(s -> base(s).divergenceBound = b);
    }

    /** Every step of the budget is taken unless the run diverges (no tolerance). */
    public T noTolerance() {
        return with(s -> {
            base(s).lossTolerance = 0;
            base(s).gradTolerance = 0;
        });
    }

    /**
     * Threads the work may use (default: all cores). A single matrix run splits a step over two threads only when
     * allowed here and large enough to gain; a sweep runs whole runs in parallel, each on one thread. The numbers
     * never depend on it.
     */
    public T threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        return with(s -> base(s).threads = n);
    }

    private static RunSettings<?> base(RunSettings<?> s) {
        return s;
    }

    /** The step budget. */
    public long maxSteps() { return maxSteps; }

    /** The thread allowance. */
    public int threads() { return threads; }

    /**
     * The stop rule for a problem kind: each tolerance as set here, or the kind's default where it was not set
     * ({@link StopRule#scalarDefault()} for the scalar problem, {@link StopRule#matrixDefault()} otherwise).
     */
    public StopRule stopRule(boolean scalarProblem) {
        StopRule base = scalarProblem ? StopRule.scalarDefault() : StopRule.matrixDefault();
        return new StopRule(Double.isNaN(lossTolerance) ? base.lossTolerance() : lossTolerance,
                Double.isNaN(gradTolerance) ? base.gradTolerance() : gradTolerance, divergenceBound);
    }
}
