package org.largelr.api;


import java.util.Locale;

/**
 * One inequality of a theorem, evaluated: {@code lhs relation rhs}.
 *
 * @param kind     "hypothesis" or "conclusion"
 * @param claim    what is claimed, in words, with its source (e.g. "Thm 3.1" or "derived")
 * @param lhs      left-hand side
 * @param relation one of {@code <=, <, >=, >}
 * @param rhs      right-hand side
 */
public record Check(String kind, String claim, double lhs, String relation, double rhs) {
    /** The two kinds of check. */
    public static final String HYPOTHESIS = "hypothesis", CONCLUSION = "conclusion";

    /** Checks that the relation is one of {@code <=, <, >=, >}. */
    public Check {
        switch (relation) {
            case "<=", "<", ">=", ">" -> { }
            default -> throw new IllegalArgumentException("relation must be one of <=, <, >=, >; got " + relation);
        }
    }

    /** A hypothesis of a theorem on this instance: {@code lhs relation rhs}. */
    public static Check hypothesis(String claim, double lhs, String relation, double rhs) {
        return new Check(HYPOTHESIS, claim, lhs, relation, rhs);
    }

    /** A conclusion owed when the hypotheses hold: {@code lhs relation rhs}. */
    public static Check conclusion(String claim, double lhs, String relation, double rhs) {
        return new Check(CONCLUSION, claim, lhs, relation, rhs);
    }

    /**
     * A yes/no claim as a check: holds exactly when {@code holds} is true (shown as {@code 1 >= 1} or
     * {@code 0 >= 1}), e.g. {@code Check.that("h = 0.44 diverges", run.outcome() == Outcome.DIVERGED)}.
     */
    public static Check that(String claim, boolean holds) {
        return new Check(CONCLUSION, claim + " (1 = yes)", holds ? 1 : 0, ">=", 1);
    }

    /** NaN on either side never holds: a check that cannot be evaluated is a failed check. */
    public boolean holds() {
        if (Double.isNaN(lhs) || Double.isNaN(rhs)) return false;
        return switch (relation) {
            case "<=" -> lhs <= rhs;
            case "<" -> lhs < rhs;
            case ">=" -> lhs >= rhs;
            default -> lhs > rhs;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%s] %s: %.6g %s %.6g -> %s", kind, claim, lhs, relation, rhs,
                holds() ? "holds" : "FAILS");
    }
}
