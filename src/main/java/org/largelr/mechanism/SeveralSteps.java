package org.largelr.mechanism;

/**
 * What the instruments that run one start at several steps share: the steps (absolute h or multiples of a unit, as
 * the instrument says) and the budget of each run, each checked where it is set.
 *
 * @param <S> the instrument, so setters keep its type
 */
abstract class SeveralSteps<S extends SeveralSteps<S>> {
    double[] steps;
    long maxSteps = 20_000;

    SeveralSteps(double... steps) {
        this.steps = steps;
    }

    /** Step budget of each run (default 20,000). */
    public S maxSteps(long k) {
        if (k < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + k);
        this.maxSteps = k;
        return self();
    }

    /** Sets the steps, named {@code what} in messages: at least one, each finite and > 0. */
    S steps(String what, double[] values) {
        if (values == null || values.length == 0) throw new IllegalArgumentException(what + " must hold at least one value");
        for (double v : values)
            if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        this.steps = values.clone();
        return self();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
