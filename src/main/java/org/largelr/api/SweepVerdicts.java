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
        if (sweep == null) throw new IllegalArgumentException("sweep must not be null");
        for (String c : List.of(Columns.H, Columns.X0, Columns.Y0, Columns.OUTCOME, Columns.LOSS, Columns.X, Columns.Y, Columns.MU))
            if (!sweep.columnNames().contains(c))
                throw new IllegalArgumentException("sweep table lacks column '" + c + "'; a scalar sweep has it");
        NumericColumn<?> lr = sweep.numberColumn(Columns.H), x0 = sweep.numberColumn(Columns.X0), y0 = sweep.numberColumn(Columns.Y0),
                loss = sweep.numberColumn(Columns.LOSS), x = sweep.numberColumn(Columns.X), y = sweep.numberColumn(Columns.Y),
                mu = sweep.numberColumn(Columns.MU);
        List<Verdict> out = new ArrayList<>(sweep.rowCount());
        for (int i = 0; i < sweep.rowCount(); i++) {
            double h = lr.getDouble(i), m = mu.getDouble(i);
            boolean converged = "CONVERGED".equals(sweep.getString(i, Columns.OUTCOME));
            String instance = String.format(Locale.ROOT, "mu=%g, h=%.6g, (x0, y0)=(%.6g, %.6g)", m, h,
                    x0.getDouble(i), y0.getDouble(i));
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
}
