package org.largelr.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.largelr.api.Check;
import org.largelr.api.Factors;
import org.largelr.api.GdResult;
import org.largelr.api.Problem;
import org.largelr.api.Theory;
import org.largelr.api.Verdict;

/**
 * The claims checked on the runs of {@link Experiments}, as {@link Verdict}s of {@link Check}s (both sides of every
 * inequality kept). Each claim names its source: <em>paper</em>, <em>second-hand</em> or <em>derived here</em>
 * (docs/paper.md); a check cell ends with {@code Verdict.conclude(verdicts)}.
 */
public final class Claims {
    /** A scalar limit is a global minimum when {@code |x y^T - mu|} is at most this. */
    public static final double RESIDUAL_TOLERANCE = 1e-10;

    private Claims() {}

    /**
     * The stability bounds on a scalar limit (derived here): {@code S = ||x||^2 + ||y||^2 <= 2/h} and, since
     * {@code x y^T = mu} there, {@code ||x - y||^2 <= 2/h - 2 mu}; each with {@link Theory#slack} room.
     */
    public static List<Check> scalarStability(double h, double mu, Factors limit) {
        return List.of(
                Check.conclusion("S = |x|^2 + |y|^2 <= 2/h (stability, derived)", limit.xNorm2() + limit.yNorm2(), "<=",
                        Theory.sharpnessBound(h) + Theory.slack(h)),
                Check.conclusion("|x - y|^2 <= 2/h - 2 mu (balancing, derived)", distance2(limit), "<=",
                        Theory.balanceBound(h, mu) + Theory.slack(h)));
    }

    /** A scalar limit is a global minimum: {@code |x y^T - mu| <= 1e-10}. */
    public static Check globalMinimum(double mu, Factors limit, String source) {
        return Check.conclusion("global minimum: |x y^T - mu| <= 1e-10 (" + source + ")", Math.abs(dot(limit) - mu), "<=",
                RESIDUAL_TOLERANCE);
    }

    /**
     * Theorem 3.1 on one run of a 1x1 target. Hypotheses: {@code h <= h0} (for the paper's three starts the paper's
     * own experiment step; for any other start or mu the formula extrapolated, derived here) and {@code h > 2/L}
     * (instance choice). Conclusions: converged and a global minimum (paper, Thm 3.1 / abstract), the stability
     * bounds (derived), and {@code h0 L / 2 > 1} for this start (computed here).
     */
    public static Verdict theorem31(GdResult run) {
        double mu = scalarTarget(run, "Theorem 3.1"), h = run.h(), l = run.L();
        Factors s0 = run.start(), end = run.end();
        double h0 = Theory.h0(s0.xNorm2() + s0.yNorm2()), xn = norm(s0.xNorm2()), yn = norm(s0.yNorm2());
        boolean paperStart = Experiments.isPaperStart(xn, yn);
        List<Check> checks = new ArrayList<>(List.of(
                Check.hypothesis(paperStart ? "h <= h0 (paper: the experiment's largest step for this start)"
                        : "h <= h0 (the paper's formula extrapolated to this start, derived here)", h, "<=", h0 * (1 + 1e-12)),
                Check.hypothesis("h > 2/L: beyond the classical limit (instance choice)", h, ">", Theory.classicalLimit(l)),
                Check.that("GD converged (paper, Thm 3.1)", run.converged())));
        if (end == null) {
            checks.add(Check.conclusion("global minimum: |x y^T - mu| <= 1e-10 (paper, Thm 3.1)", Double.NaN, "<=", RESIDUAL_TOLERANCE));
        } else {
            checks.add(globalMinimum(mu, end, "paper, Thm 3.1"));
            checks.addAll(scalarStability(h, mu, end));
        }
        checks.add(Check.conclusion("h0 L / 2 > 1: h0 beyond 2/L for this start (computed here)", h0 * l / 2, ">", 1));
        String instance = String.format(Locale.ROOT, "mu=%s, d=%d, norms (%s, %s)%s, h=%.4g (%.3f h0)", num(mu), s0.d(),
                num(xn), num(yn), run.seed() >= 0 ? ", seed " + run.seed() : "", h, h / h0);
        return new Verdict(instance, checks);
    }

    /** One verdict per converged run of a 1x1 target: a global minimum and the stability bounds (derived). */
    public static List<Verdict> scalarLimits(List<GdResult> runs) {
        List<Verdict> out = new ArrayList<>();
        for (GdResult r : runs) {
            if (!r.converged()) continue;
            double mu = r.problem().target().get(0, 0);
            List<Check> checks = new ArrayList<>(List.of(globalMinimum(mu, r.end(), "derived")));
            checks.addAll(scalarStability(r.h(), mu, r.end()));
            out.add(new Verdict(scalarRunName(r), checks));
        }
        return out;
    }

    /**
     * Past {@code 1/mu} no scalar minimum is stable ({@code S >= 2 mu > 2/h} at every minimum, derived here): the
     * hypothesis {@code h > 1/mu} and the claim that the run did not converge.
     */
    public static Verdict noConvergencePastOneOverMu(GdResult run) {
        double mu = scalarTarget(run, "no convergence past 1/mu");
        return new Verdict(scalarRunName(run), List.of(
                Check.hypothesis("h > 1/mu (outside the range)", run.h(), ">", Theory.noStableMinimumAbove(mu)),
                Check.that("not converged", !run.converged())));
    }

    /**
     * A classical step keeps the imbalance, the experiment's step balances (derived here), on the two runs of
     * {@link Experiments#halfClassicalAndH0}: {@code h = 1/L} is a small step ({@code h L / 2 <= 1}), converges and
     * keeps {@code D_inf / D_0 >= 0.9}; {@code h = h0} leaves {@code |D_inf / D_0| <= 0.6} (thresholds ours).
     */
    public static List<Verdict> smallStepKeepsH0Balances(String instance, List<GdResult> runs) {
        if (runs == null || runs.size() != 2)
            throw new IllegalArgumentException("runs must be the two runs h = 1/L and h = h0, got " + (runs == null ? 0 : runs.size()));
        GdResult small = runs.get(0), large = runs.get(1);
        return List.of(new Verdict(instance, List.of(
                Check.hypothesis("small step: h L / 2 <= 1", small.hL() / 2, "<=", 1),
                Check.that("h = 1/L converges", small.converged()),
                Check.conclusion("h = 1/L keeps the imbalance: D_inf/D_0", ratio(small), ">=", 0.9),
                Check.conclusion("h = h0 balances: |D_inf/D_0|", Math.abs(ratio(large)), "<=", 0.6))));
    }

    private static double scalarTarget(GdResult run, String claim) {
        Problem p = run.problem();
        if (p.rows() != 1 || p.cols() != 1)
            throw new IllegalArgumentException(claim + " is about a 1x1 target (mu); got a " + p.rows() + "x" + p.cols() + " target");
        return p.target().get(0, 0);
    }

    /** {@code "mu=1, (x0, y0), h=0.3"} for d = 1, {@code "mu=1, d=10, norms (9, 1), seed 0, h=0.3"} otherwise. */
    private static String scalarRunName(GdResult r) {
        Factors s = r.start();
        String start = s.d() == 1 ? String.format(Locale.ROOT, "(%s, %s)", num(s.x().get(0)), num(s.y().get(0)))
                : String.format(Locale.ROOT, "d=%d, norms (%s, %s)%s", s.d(), num(norm(s.xNorm2())), num(norm(s.yNorm2())),
                        r.seed() >= 0 ? ", seed " + r.seed() : "");
        return String.format(Locale.ROOT, "mu=%s, %s, h=%.4g", num(r.problem().target().get(0, 0)), start, r.h());
    }

    /**
     * The landscape of one matrix problem and start (runs ascending in h). Per run:
     * <ul>
     *   <li>{@code h > 1/sigma_1}: it does not converge to a global minimum (derived);</li>
     *   <li>{@code h <= convergeUpTo / sigma_1}: it converges (for {@code h <= 2/L} the classical expectation, L
     *       measured at the start; above 2/L the paper's "converges well beyond 2/L", asserted up to this
     *       fraction of the stability limit, a range of our reading);</li>
     *   <li>every converged run with {@code h <= 1/sigma_1}: a global minimum (loss within {@code lossTolerance} of
     *       Eckart–Young), sharpness {@code <= 2/h}, and {@code >= 2 sigma_1} when {@code d >= rank A} (derived).</li>
     * </ul>
     * A run with {@code convergeUpTo / sigma_1 < h <= 1/sigma_1} that does not converge gets no verdict.
     */
    public static List<Verdict> landscape(List<GdResult> runs, double convergeUpTo, double lossTolerance, String label) {
        Instance in = Instance.of(runs);
        Theory th = in.theory;
        double lim = th.noStableMinimumAbove(), classical = th.classicalLimit(), min = in.problem.minimumLoss();
        List<Verdict> out = new ArrayList<>();
        for (GdResult r : runs) {
            double h = r.h();
            String inst = (label == null || label.isEmpty() ? "" : label + ", ")
                    + String.format(Locale.ROOT, "h=%.5g (%.3f x 2/L, %.3f / sigma_1)", h, h / classical, h * th.sigmaMax());
            List<Check> checks = new ArrayList<>();
            if (h > lim) {
                checks.add(Check.hypothesis("h > 1/sigma_1", h, ">", lim));
                checks.add(Check.that("not converged to a global minimum above 1/sigma_1 (derived)",
                        !(r.converged() && r.finalLoss() - min <= lossTolerance)));
                out.add(new Verdict(inst, checks));
                continue;
            }
            boolean asserted = h <= convergeUpTo * lim * (1 + 1e-12);
            if (!asserted && !r.converged()) continue;
            if (h <= classical) checks.add(Check.hypothesis("classical range h <= 2/L", h, "<=", classical));
            else if (asserted) checks.add(Check.hypothesis("2/L < h <= " + num(convergeUpTo) + "/sigma_1", h, "<=", convergeUpTo * lim * (1 + 1e-12)));
            else checks.add(Check.hypothesis("h <= 1/sigma_1 and the run converged", h, "<=", lim));
            checks.add(Check.that(h <= classical ? "run converged (classical expectation)"
                    : "run converged (paper: well beyond 2/L; range ours)", r.converged()));
            double sharp = in.limitChecks(r, lossTolerance, checks);
            if (in.exactFit)
                checks.add(Check.conclusion("sharpness(limit) >= 2 sigma_1 (flattest global minimum, derived)", sharp, ">=",
                        th.flattestMinimumSharpness() * (1 - Theory.SLACK)));
            out.add(new Verdict(inst, checks));
        }
        return out;
    }

    /**
     * The matrix check on one instance (runs of one problem and start, ascending in h, all {@code <= margin /
     * sigma_1}). Per run with {@code h <= 2/L}: it converges (classical expectation). Per converged run, all derived
     * here: a global minimum (Eckart–Young), sharpness {@code <= 2/h}; when {@code d >= rank A}
     * {@code lambda_max(X^T X + Y^T Y) <= sharpness = ||X||_2^2 + ||Y||_2^2}; the per-step imbalance identity
     * ({@link MatrixImbalanceIdentity}) within {@code identityTolerance}. Per instance: GD converges for some tested
     * step beyond 2/L (paper, abstract: "well beyond 2/L"; how far is not stated, so only {@code > 2/L} is asserted
     * and the largest converging multiple is reported as the check's left side); on an instance whose tested steps all lie
     * at or below 2/L (when {@code 2/L >= margin / sigma_1}) this claim cannot be tested and is not made.
     */
    public static List<Verdict> matrixInstance(List<GdResult> runs, String label, double lossTolerance, double identityTolerance) {
        Instance in = Instance.of(runs);
        Theory th = in.theory;
        double classical = th.classicalLimit(), largest = 0;
        List<Verdict> out = new ArrayList<>();
        for (GdResult r : runs) {
            double h = r.h();
            String inst = String.format(Locale.ROOT, "%s, h=%.3f x 2/L=%.5g (%.3f/sigma_1)", label, h / classical, h, h * th.sigmaMax());
            List<Check> checks = new ArrayList<>();
            if (h <= classical) {
                checks.add(Check.hypothesis("h <= 2/L (classical step)", h, "<=", classical));
                checks.add(Check.that("run converged (classical expectation)", r.converged()));
            } else if (r.converged()) {
                checks.add(Check.hypothesis("h > 2/L (beyond the classical step)", h, ">", classical));
            }
            if (r.converged()) {
                largest = Math.max(largest, h / classical);
                double sharp = in.limitChecks(r, lossTolerance, checks);
                Factors end = r.end();
                if (in.exactFit) {
                    checks.add(Check.conclusion("lambda_max(X^T X + Y^T Y) <= sharpness(limit) (derived)", MatrixMinima.gramTop(end), "<=",
                            sharp * (1 + Theory.SLACK)));
                    checks.add(Check.conclusion("sharpness(limit) = ||X||_2^2 + ||Y||_2^2: relative difference <= 1e-6 (derived)",
                            Math.abs(sharp - MatrixMinima.spectralSum(end)) / sharp, "<=", 1e-6));
                }
                checks.add(Check.conclusion("identity X+^T X+ - Y+^T Y+ = D + h^2(...) on every step: max relative error (derived)",
                        MatrixImbalanceIdentity.of(r).maxRelativeError(), "<=", identityTolerance));
            }
            if (!checks.isEmpty()) out.add(new Verdict(inst, checks));
        }
        double widest = runs.stream().mapToDouble(GdResult::h).max().orElseThrow() / classical;
        if (widest > 1)   // testable only where the grid holds a step beyond 2/L (none when 2/L > margin / sigma_1)
            out.add(new Verdict(label + ": largest converging step", List.of(
                    Check.hypothesis("a tested step lies beyond 2/L: largest tested h / (2/L)", widest, ">", 1),
                    Check.conclusion("converges for some tested h > 2/L: largest converged h / (2/L) (paper, abstract: "
                            + "well beyond 2/L)", largest, ">", 1))));
        return out;
    }

    /**
     * A small step keeps the imbalance (derived: gradient flow conserves {@code D = ||X||_F^2 - ||Y||_F^2} and GD moves
     * it by {@code O(h^2 ||R||^2)} per step): for the instance's smallest step, if it is {@code <= 2/L} and converged,
     * {@code D_end / D_0 >= atLeast} (threshold ours), and the instance's largest converged step keeps less.
     * Returns no verdict when the smallest step did not converge.
     */
    public static List<Verdict> imbalanceKept(List<GdResult> runs, String label, double atLeast) {
        GdResult small = runs.get(0), large = null;
        for (GdResult r : runs) {
            if (r.h() < small.h()) small = r;
            if (r.converged() && (large == null || r.h() > large.h())) large = r;
        }
        if (!small.converged()) return List.of();
        double kept = ratio(small);
        List<Check> checks = new ArrayList<>(List.of(
                Check.hypothesis("small step h <= 2/L", small.h(), "<=", Theory.classicalLimit(small.L())),
                Check.conclusion("small step keeps the imbalance: D_end / D_0 >= " + num(atLeast), kept, ">=", atLeast)));
        String inst = String.format(Locale.ROOT, "%s, h=%.3f x 2/L", label, small.hL() / 2);
        if (large != small) {
            checks.add(Check.conclusion("largest converged step of the instance keeps less: |D_end / D_0|",
                    Math.abs(ratio(large)), "<", Math.abs(kept)));
            inst += String.format(Locale.ROOT, " vs %.3f x 2/L (|D_end/D_0| = %.3f)", large.hL() / 2, Math.abs(ratio(large)));
        }
        return List.of(new Verdict(inst, checks));
    }

    /** The runs of one problem and start: its thresholds, and whether an exact fit exists ({@code d >= rank A}). */
    private record Instance(Problem problem, Theory theory, boolean exactFit) {
        static Instance of(List<GdResult> runs) {
            if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("runs must hold at least one run");
            Problem p = runs.get(0).problem();
            return new Instance(p, Theory.of(p, runs.get(0).start()), p.d() >= MatrixMinima.numericalRank(p.target()));
        }

        /** Adds "a global minimum" and "sharpness <= 2/h" (derived) for a converged run; returns the sharpness. */
        double limitChecks(GdResult r, double lossTolerance, List<Check> checks) {
            double sharp = Limits.sharpness(r), h = r.h();
            checks.add(Check.conclusion("limit is a global minimum: loss - Eckart-Young min <= tol", r.finalLoss() - problem.minimumLoss(),
                    "<=", lossTolerance));
            checks.add(Check.conclusion("sharpness(limit) <= 2/h (stability, derived)", sharp, "<=", Theory.sharpnessBound(h) + Theory.slack(h)));
            return sharp;
        }
    }

    private static double ratio(GdResult r) {
        return r.finalImbalance() / r.initialImbalance();
    }

    /** {@code x y^T} of 1 x d factors. */
    static double dot(Factors f) {
        double s = 0;
        for (int i = 0; i < f.d(); i++) s += f.x().data[i] * f.y().data[i];
        return s;
    }

    /** {@code ||x - y||^2} of 1 x d factors. */
    public static double distance2(Factors f) {
        double s = 0;
        for (int i = 0; i < f.d(); i++) {
            double e = f.x().data[i] - f.y().data[i];
            s += e * e;
        }
        return s;
    }

    /** A norm from its square, rounded to 9 decimals so that a prescribed norm reads as given. */
    static double norm(double norm2) {
        return Math.rint(Math.sqrt(norm2) * 1e9) / 1e9;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
