package org.largelr.paper;

import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

/**
 * One instance of a check: a problem and a start, under the name its verdicts carry (e.g.
 * {@code "mu=1, d=2, norms (3, 0.1), seed 0"} or {@code "n=8 d=3 seed 2"}). Lists of them come from
 * {@link Experiments#scalarInstances} and {@link Experiments#matrixInstances}; {@link SweepSet#each} runs one sweep
 * per instance.
 *
 * @param name    what the instance is, in words
 * @param problem the problem
 * @param start   the start recipe
 */
public record Instance(String name, Problem problem, Start start) {
    /** Checks that nothing is missing. */
    public Instance {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (start == null) throw new IllegalArgumentException("start must not be null");
    }

    /** The thresholds of this problem at this start (L, 2/L, h0, 1/sigma_1, ...). */
    public Theory theory() {
        return Theory.of(problem, start);
    }
}
