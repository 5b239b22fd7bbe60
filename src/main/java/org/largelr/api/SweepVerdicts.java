package org.largelr.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The settled claims checked on every row of a scalar sweep table (columns {@code h, x0, y0, outcome, loss,
 * x, y, mu}): a converged run ends at a global minimum with {@code (x - y)^2 <= 2/h - 2 mu}, and no run with
 * {@code h > 1/mu} converges (both derived from the stability of minima, digest section A).
 */
public final class SweepVerdicts {
    private SweepVerdicts() {}

    /** One verdict per row that the claims cover (see the class comment); {@code lossTolerance} bounds a limit's loss. */
    public static List<Verdict> scalar(Table sweep, double lossTolerance) {
        requireColumns(sweep, Columns.H, Columns.X0, Columns.Y0, Columns.OUTCOME, Columns.LOSS, Columns.X, Columns.Y, Columns.MU);
        NumericColumn<?> lr = sweep.numberColumn(Columns.H), x0 = sweep.numberColumn(Columns.X0), y0 = sweep.numberColumn(Columns.Y0),
                loss = sweep.numberColumn(Columns.LOSS), x = sweep.numberColumn(Columns.X), y = sweep.numberColumn(Columns.Y),
                mu = sweep.numberColumn(Columns.MU);
        List<Verdict> out = new ArrayList<>(sweep.rowCount());
        for (int i = 0; i < sweep.rowCount(); i++) {
            double h = lr.getDouble(i), m = mu.getDouble(i);
            boolean converged = converged(sweep, i);
            String instance = instance(m, h, x0.getDouble(i), y0.getDouble(i));
            List<Check> checks = new ArrayList<>();
            if (h > Theory.noStableMinimumAbove(m)) {
                checks.add(Check.hypothesis("h > 1/mu: no stable minimum", h, ">", Theory.noStableMinimumAbove(m)));
                checks.add(Check.that("does not converge", !converged));
            } else if (converged) {
                double diff = x.getDouble(i) - y.getDouble(i);
                checks.add(Check.conclusion("limit is a global minimum: loss <= tol", loss.getDouble(i), "<=",
                        lossTolerance));
                checks.add(Check.conclusion("balancing: (x - y)^2 <= 2/h - 2 mu (derived)", diff * diff, "<=",
                        Theory.balanceBound(h, m) + Theory.slack(h)));
            } else {
                continue;   // inside (0, 1/mu] but not converged within the budget: no claim made
            }
            out.add(new Verdict(instance, checks));
        }
        return out;
    }

    /**
     * One verdict per row with {@code h <= h0 = 4/(x0^2 + y0^2 + 8)}: the run converges. For the paper's own starts
     * (norms (9, 1), (19, 1), (99, 1)) that step lies inside Theorem 3.1's range (paper); at any other start the
     * formula is extrapolated, and so is the claim: a failure here refutes the extrapolation, not the paper. A run
     * that used up its budget counts as not converged.
     */
    public static List<Verdict> h0Extrapolated(Table sweep) {
        requireColumns(sweep, Columns.H, Columns.X0, Columns.Y0, Columns.OUTCOME, Columns.MU);
        NumericColumn<?> lr = sweep.numberColumn(Columns.H), x0 = sweep.numberColumn(Columns.X0),
                y0 = sweep.numberColumn(Columns.Y0), mu = sweep.numberColumn(Columns.MU);
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < sweep.rowCount(); i++) {
            double h = lr.getDouble(i), a = x0.getDouble(i), b = y0.getDouble(i), h0 = Theory.h0(a * a + b * b);
            if (!(h <= h0)) continue;
            out.add(new Verdict(instance(mu.getDouble(i), h, a, b), List.of(
                    Check.hypothesis("h <= h0 = 4/(x0^2+y0^2+8) (paper's formula, extrapolated to this start)", h, "<=", h0),
                    Check.that("converges", converged(sweep, i)))));
        }
        return out;
    }

    /**
     * One verdict per row with {@code 1/mu < h < 2/L}: a step the classical analysis (L at the start) admits, above
     * which no minimum is stable (derived), so the run must not converge. Such rows exist where the start is flat,
     * {@code L < 2 mu}: there, for this quartic objective, {@code h < 2/L} is no guarantee of convergence.
     */
    public static List<Verdict> classicalWithoutStableMinimum(Table sweep) {
        requireColumns(sweep, Columns.H, Columns.X0, Columns.Y0, Columns.OUTCOME, Columns.MU, Columns.L);
        NumericColumn<?> lr = sweep.numberColumn(Columns.H), x0 = sweep.numberColumn(Columns.X0),
                y0 = sweep.numberColumn(Columns.Y0), mu = sweep.numberColumn(Columns.MU), l = sweep.numberColumn(Columns.L);
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < sweep.rowCount(); i++) {
            double h = lr.getDouble(i), m = mu.getDouble(i), classical = Theory.classicalLimit(l.getDouble(i)),
                    noStable = Theory.noStableMinimumAbove(Math.abs(m));
            if (!(h > noStable && h < classical)) continue;
            out.add(new Verdict(instance(m, h, x0.getDouble(i), y0.getDouble(i)), List.of(
                    Check.hypothesis("h < 2/L (classical, L at the start)", h, "<", classical),
                    Check.hypothesis("h > 1/mu: no stable minimum (derived)", h, ">", noStable),
                    Check.that("does not converge", !converged(sweep, i)))));
        }
        return out;
    }

    private static boolean converged(Table sweep, int row) {
        return Outcome.CONVERGED.name().equals(sweep.getString(row, Columns.OUTCOME));
    }

    private static String instance(double mu, double h, double x0, double y0) {
        return String.format(Locale.ROOT, "mu=%g, h=%.6g, (x0, y0)=(%.6g, %.6g)", mu, h, x0, y0);
    }

    private static void requireColumns(Table sweep, String... columns) {
        if (sweep == null) throw new IllegalArgumentException("sweep must not be null");
        for (String c : columns)
            if (!sweep.columnNames().contains(c))
                throw new IllegalArgumentException("sweep table lacks column '" + c + "'; a scalar sweep has it");
    }
}
