package org.largelr.api;

import java.util.List;
import java.util.Set;

/**
 * The column names of every table the library returns (run trajectories, run summaries, sweeps), in one place.
 * They are stable API: a name here is never renamed silently. One word per quantity: {@code h} is always the
 * learning rate, {@code steps} the step at which a run ended, {@code imbalance} always
 * {@code ||X||_F^2 - ||Y||_F^2} (the quantity gradient flow conserves), {@code c} the factor of an unbalanced
 * start ({@code X0 c, Y0 / c}).
 *
 * <table>
 * <caption>Columns</caption>
 * <tr><th>name</th><th>meaning</th><th>in</th></tr>
 * <tr><td>{@value #H}</td><td>learning rate h</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #H_FACTOR}</td><td>the grid's coordinate when h is relative: h = h_factor x h_unit</td><td>sweep</td></tr>
 * <tr><td>{@value #H_UNIT}</td><td>what h_factor multiplies: {@code 2/L}, {@code h0}, {@code 1/sigma_1}, or {@code 1} for absolute h</td><td>sweep</td></tr>
 * <tr><td>{@value #HL}</td><td>h L, the classical analysis needs it below 2 (missing where L is)</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #TWO_OVER_H}</td><td>2/h, the bound on a reachable limit's sharpness</td><td>sweep</td></tr>
 * <tr><td>{@value #REGIME}</td><td>{@code CLASSICAL} (h &le; 2/L), {@code BEYOND_2_OVER_L} (2/L &lt; h &le; 1/sigma_1),
 *     {@code NO_STABLE_MINIMUM} (h &gt; 1/sigma_1, above the flattest minimum's limit)</td><td>sweep</td></tr>
 * <tr><td>{@value #L}</td><td>top Hessian eigenvalue at the start (missing in the summary of a run told not to compute
 *     it, {@code computeL(false)})</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #MU}</td><td>the scalar target mu (A = [mu])</td><td>scalar sweep</td></tr>
 * <tr><td>{@value #SIGMA1}</td><td>sigma_1(A), the top singular value of the target</td><td>sweep</td></tr>
 * <tr><td>{@value #N}, {@value #M}, {@value #D}</td><td>A is n x m; X is n x d, Y is m x d</td><td>sweep</td></tr>
 * <tr><td>{@value #START}</td><td>the start recipe, described</td><td>sweep</td></tr>
 * <tr><td>{@value #SCALE}</td><td>entry scale of a Gaussian start before any c ({@code Start.scale()}; missing for a recipe that has
 *     none: given points, {@code withNorms}, a Gaussian with two scales)</td><td>matrix sweep</td></tr>
 * <tr><td>{@value #C}</td><td>imbalance factor of the start (X0 c, Y0 / c); 1 when balanced as drawn</td><td>sweep</td></tr>
 * <tr><td>{@value #SEED}</td><td>seed of the random start (-1 when nothing was drawn)</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #X0}, {@value #Y0}</td><td>scalar start actually used (after c)</td><td>scalar sweep</td></tr>
 * <tr><td>{@value #OUTCOME}</td><td>{@code CONVERGED}, {@code DIVERGED} or {@code MAX_STEPS}</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #STEPS}</td><td>the step at which the run ended</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #LOSS}</td><td>loss (at that step, or at the recorded step)</td><td>all</td></tr>
 * <tr><td>{@value #MIN_LOSS}</td><td>the global minimum of the loss (Eckart-Young)</td><td>matrix sweep</td></tr>
 * <tr><td>{@value #X}, {@value #Y}</td><td>final scalar iterate</td><td>scalar sweep</td></tr>
 * <tr><td>{@value #X_NORM2}, {@value #Y_NORM2}</td><td>||X||_F^2, ||Y||_F^2</td><td>all</td></tr>
 * <tr><td>{@value #IMBALANCE_START}</td><td>imbalance at the start</td><td>sweep, summary</td></tr>
 * <tr><td>{@value #IMBALANCE}</td><td>imbalance ||X||_F^2 - ||Y||_F^2 (final, or at the recorded step)</td><td>all</td></tr>
 * <tr><td>{@value #IMBALANCE_RATIO}</td><td>imbalance / imbalance_start (missing when the start is balanced, or when both are beyond double
 *     range)</td><td>sweep</td></tr>
 * <tr><td>{@value #BALANCE_GAP}</td><td>||X^T X - Y^T Y||_F, zero exactly when balanced</td><td>all</td></tr>
 * <tr><td>{@value #STEP}</td><td>step index k of a recorded row</td><td>trajectory</td></tr>
 * <tr><td>{@value #GRAD_NORM}</td><td>gradient norm</td><td>trajectory</td></tr>
 * <tr><td>{@value #SHARPNESS}</td><td>top Hessian eigenvalue (when recorded)</td><td>trajectory</td></tr>
 * <tr><td>{@value #RUN}</td><td>index of the run in its grid</td><td>sweep</td></tr>
 * <tr><td>{@value #NAME}</td><td>the name a notebook gives a run or a part of a stacked table</td><td>{@link Runs}</td></tr>
 * <tr><td>{@value #VALUES_STEP}</td><td>the step the final values are from: {@code steps}, or {@code steps - 1}
 *     when the last step left double range</td><td>summary</td></tr>
 * <tr><td>{@value #OVERFLOW}</td><td>what was beyond double range where the run ended: {@value #NO_OVERFLOW}, the
 *     names of the final values that read +-Infinity (e.g. {@code loss,x_norm2,y_norm2}), or {@code factors} when
 *     the iterate itself left double range</td><td>summary</td></tr>
 * </table>
 *
 * <h2>Runs that overflow: no NaN</h2>
 * A run's final values (loss, x_norm2, y_norm2, imbalance, balance_gap, and x, y) are never NaN, also for a run
 * that diverges at step 0, and they read alike in a summary, a sweep row and its CSV, whichever path computed them:
 * <ul>
 * <li>They are the values at the step where the run ended ({@code steps}); for a DIVERGED run that is the step
 *     divergence was detected.</li>
 * <li>A non-negative value beyond double range there (loss, x_norm2, y_norm2, balance_gap, grad_norm) reads
 *     {@code +Infinity}, also when its formula hit {@code inf - inf} on the way.</li>
 * <li>The imbalance and the balance gap of factors far out (both norms overflow) are computed on the factors scaled
 *     into range: exactly 0 for balanced factors, {@code +-Infinity} only when the value itself is beyond double
 *     range.</li>
 * <li>When the last step took the iterate itself out of double range (an entry overflowed: only a vast h does
 *     that), every final value is that of the step before, the last iterate in range ({@code values_step} =
 *     {@code steps - 1}, {@code overflow} = {@code factors}); {@code steps} still says where the run ended.</li>
 * <li>{@value #L} at a start whose Hessian is beyond double range (entries near 1e154 and beyond) is
 *     {@code +Infinity}, and so is {@value #HL}.</li>
 * <li>A trajectory keeps only rows whose values are all finite: a run that overflowed at step 0 has none, its
 *     summary still has every value.</li>
 * </ul>
 *
 * <h2>Values that do not apply: missing, never NaN</h2>
 * A value that cannot be computed because it does not apply (the columns of {@link #MAY_BE_MISSING}: an
 * {@value #IMBALANCE_RATIO} of a balanced start, or of an imbalance and a start imbalance both beyond double range; the
 * {@value #SCALE} of a recipe that has none; {@value #L} and {@value #HL} of a run told not to compute L) has one
 * representation in each form, the same whichever path computed it:
 * <ul>
 * <li>a Tablesaw table: a missing value ({@code column.isMissing(i)}; {@code get(i)} is null; it prints empty;
 *     Tablesaw's aggregations such as {@code mean} and {@code count} skip it);</li>
 * <li>a CSV ({@code Sweep.csv}, the {@code sweep} command): an empty field, which resuming reads back as missing (in
 *     these columns only: an empty field elsewhere, or a word such as {@code NaN}, is a damaged line);</li>
 * <li>Parquet (a {@code .parquet} output, the Spark runner's parts): a null, in an optional DOUBLE column;</li>
 * <li>the {@code gd} summary, {@code GdResult.toString()} and its notebook display: the word {@value #NOT_APPLICABLE};</li>
 * <li>the Java API: a has-method beside the accessor ({@code GdResult.hasL()}, {@code Start.hasScale()}); the
 *     accessor throws {@link IllegalStateException} saying why, instead of returning a number that is none.</li>
 * </ul>
 */
public final class Columns {
    /** Learning rate h. */
    public static final String H = "h";
    /** The grid's own coordinate of a relative learning rate: {@code h = h_factor * h_unit}. */
    public static final String H_FACTOR = "h_factor";
    /** The unit h_factor multiplies ({@code 2/L}, {@code h0}, {@code 1/sigma_1}, {@code 1}). */
    public static final String H_UNIT = "h_unit";
    /** {@code h L}. */
    public static final String HL = "hL";
    /** {@code 2/h}. */
    public static final String TWO_OVER_H = "two_over_h";
    /** Where h lies: CLASSICAL, BEYOND_2_OVER_L or NO_STABLE_MINIMUM. */
    public static final String REGIME = "regime";
    /** Top Hessian eigenvalue at the start. */
    public static final String L = "L";
    /** Scalar target mu. */
    public static final String MU = "mu";
    /** Top singular value of the target. */
    public static final String SIGMA1 = "sigma1";
    /** Rows of A. */
    public static final String N = "n";
    /** Columns of A. */
    public static final String M = "m";
    /** Inner dimension d (columns of X and Y). */
    public static final String D = "d";
    /** The start recipe, described. */
    public static final String START = "start";
    /** Entry scale of a Gaussian start. */
    public static final String SCALE = "scale";
    /** Imbalance factor of the start. */
    public static final String C = "c";
    /** Seed of the random start. */
    public static final String SEED = "seed";
    /** Scalar start x0 (after c). */
    public static final String X0 = "x0";
    /** Scalar start y0 (after c). */
    public static final String Y0 = "y0";
    /** How the run ended. */
    public static final String OUTCOME = "outcome";
    /** The step at which the run ended. */
    public static final String STEPS = "steps";
    /** Loss. */
    public static final String LOSS = "loss";
    /** Global minimum of the loss. */
    public static final String MIN_LOSS = "min_loss";
    /** Final scalar x. */
    public static final String X = "x";
    /** Final scalar y. */
    public static final String Y = "y";
    /** {@code ||X||_F^2}. */
    public static final String X_NORM2 = "x_norm2";
    /** {@code ||Y||_F^2}. */
    public static final String Y_NORM2 = "y_norm2";
    /** Imbalance at the start. */
    public static final String IMBALANCE_START = "imbalance_start";
    /** {@code ||X||_F^2 - ||Y||_F^2}. */
    public static final String IMBALANCE = "imbalance";
    /** imbalance / imbalance_start. */
    public static final String IMBALANCE_RATIO = "imbalance_ratio";
    /** {@code ||X^T X - Y^T Y||_F}. */
    public static final String BALANCE_GAP = "balance_gap";
    /** Step index of a recorded row. */
    public static final String STEP = "step";
    /** Gradient norm. */
    public static final String GRAD_NORM = "grad_norm";
    /** Top Hessian eigenvalue at a recorded step. */
    public static final String SHARPNESS = "sharpness";
    /** Index of the run in its grid. */
    public static final String RUN = "run";
    /** The name of a run or of a stacked table's part ({@link Runs}). */
    public static final String NAME = "name";
    /** The step a run's final values are from. */
    public static final String VALUES_STEP = "values_step";
    /** What was beyond double range where a run ended. */
    public static final String OVERFLOW = "overflow";
    /** {@link #OVERFLOW} of a run that stayed in double range. */
    public static final String NO_OVERFLOW = "none";

    /** How the {@code gd} summary and {@code toString()} spell a value that does not apply (see the class comment). */
    public static final String NOT_APPLICABLE = "n/a";

    /** The columns whose value may be missing where it does not apply (see the class comment); no other column is. */
    public static final Set<String> MAY_BE_MISSING = Set.of(L, HL, SCALE, IMBALANCE_RATIO);

    /** The trajectory table's columns, in order ({@link #SHARPNESS} last, when recorded). */
    public static final List<String> TRAJECTORY = List.of(STEP, LOSS, X_NORM2, Y_NORM2, IMBALANCE, BALANCE_GAP,
            GRAD_NORM);

    private Columns() {}
}
