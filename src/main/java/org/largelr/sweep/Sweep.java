package org.largelr.sweep;

import org.largelr.problem.FactorizationProblem;

/**
 * Entry point for sweeps, and the table's column names (stable API).
 *
 * <pre>{@code
 * // 200 learning rates x 200 starts of the scalar problem, on all cores
 * Table t = Sweep.scalar(1.0)
 *         .learningRates(Grid.linear(0.01, 1.0, 200))
 *         .x0(Grid.linear(0.1, 3.0, 200)).y0(0.5)
 *         .steps(2000)
 *         .run();
 *
 * // a matrix problem: 64 multiples of 2/L x 8 seeds, streamed to a resumable CSV
 * Table m = Sweep.matrix(problem)
 *         .learningRatesTimes2OverL(Grid.linear(0.25, 2.5, 64))
 *         .scales(Grid.of(0.1)).seeds(0, 8)
 *         .steps(2000).csv(Path.of("sweep.csv"))
 *         .run();
 * }</pre>
 *
 * <p>Columns (names in {@link org.largelr.api.Columns}) of a scalar sweep, in order: {@code h, x0, y0, outcome, steps, loss, x, y, imbalance, x_norm2,
 * y_norm2, hL, L, c, mu, run}. Of a matrix sweep: {@code h, hL, n, m, d, scale, c, seed, outcome, steps, loss,
 * x_norm2, y_norm2, imbalance, balance_gap, L, min_loss, run}. {@code x0, y0} are the start actually used (after
 * the imbalance factor c), {@code x, y} and the norms are the final iterate, {@code imbalance} is
 * {@code x_norm2 - y_norm2}, {@code L} the top Hessian eigenvalue at the start, {@code run} the index in the grid.
 * For a DIVERGED run the values are those at the step divergence was detected (NaN or infinite when they
 * overflowed).
 */
public final class Sweep {
    private Sweep() {}

    /** A sweep of the scalar problem {@code 1/2 (mu - x y)^2}. */
    public static ScalarSweep scalar(double mu) {
        return new ScalarSweep(mu);
    }

    /** A sweep over starts and learning rates of one matrix problem. */
    public static MatrixSweep matrix(FactorizationProblem problem) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        return new MatrixSweep(problem);
    }

    /**
     * A sweep over problem sizes too: for each {@code {n, m, d}} the target A has entries N(0, 1/n) drawn from
     * {@code targetSeed} (the same A for every run of that size).
     */
    public static MatrixSweep randomMatrices(long targetSeed, int[]... sizes) {
        return new MatrixSweep(targetSeed, sizes);
    }
}
