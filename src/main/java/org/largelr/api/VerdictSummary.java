package org.largelr.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.largelr.table.Tables;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A check cell over many instances makes long verdict tables; this folds them to one row per claim: how many
 * instances checked it, how many held, and the instance where it came closest to failing (or failed), with both
 * sides of the inequality there.
 *
 * <p>Columns (stable API): {@code kind, claim, checks, held, closest_instance, lhs, relation, rhs, margin}, where
 * {@code margin} is the relative slack {@code (rhs - lhs) / max(|lhs|, |rhs|)} for {@code <=, <} (and
 * {@code (lhs - rhs) / max(|lhs|, |rhs|)} for {@code >=, >}): negative means the check failed, 0 an equality.
 */
public final class VerdictSummary {
    private VerdictSummary() {}

    /** Relative slack of a check; NaN when a side is NaN. */
    public static double margin(Check c) {
        if (Double.isNaN(c.lhs()) || Double.isNaN(c.rhs())) return Double.NaN;
        double diff = c.relation().startsWith("<") ? c.rhs() - c.lhs() : c.lhs() - c.rhs();
        double scale = Math.max(Math.abs(c.lhs()), Math.abs(c.rhs()));
        if (scale == 0) return 0;
        if (Double.isInfinite(scale)) return diff > 0 ? 1 : diff < 0 ? -1 : 0;
        return diff / scale;
    }

    /** One row per (kind, claim), in the order claims first appear. */
    public static Table table(List<Verdict> verdicts) {
        if (verdicts == null || verdicts.isEmpty())
            throw new IllegalArgumentException("verdicts must hold at least one instance");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Verdict v : verdicts)
            for (Check c : v.checks())
                rows.computeIfAbsent(c.kind() + "\u0000" + c.claim(), k -> new Row(c.kind(), c.claim())).add(v, c);
        StringColumn kind = StringColumn.create("kind"), claim = StringColumn.create("claim"),
                inst = StringColumn.create("closest_instance"), rel = StringColumn.create("relation");
        IntColumn checks = IntColumn.create("checks"), held = IntColumn.create("held");
        DoubleColumn lhs = DoubleColumn.create("lhs"), rhs = DoubleColumn.create("rhs"),
                margin = DoubleColumn.create("margin");
        for (Row r : rows.values()) {
            kind.append(r.kind);
            claim.append(r.claim);
            checks.append(r.checks);
            held.append(r.held);
            inst.append(r.worstInstance);
            lhs.append(r.worst.lhs());
            rel.append(r.worst.relation());
            rhs.append(r.worst.rhs());
            margin.append(r.worstMargin);
        }
        return Tables.readable(Table.create("verdict summary", kind, claim, checks, held, inst, lhs, rel, rhs, margin));
    }

    private static final class Row {
        final String kind, claim;
        int checks, held;
        Check worst;
        String worstInstance;
        double worstMargin, worstKey = Double.POSITIVE_INFINITY;

        Row(String kind, String claim) {
            this.kind = kind;
            this.claim = claim;
        }

        void add(Verdict v, Check c) {
            checks++;
            if (c.holds()) held++;
            double m = margin(c);
            // A failed check (or one that cannot be evaluated) ranks below every check that holds.
            double key = !c.holds() || Double.isNaN(m) ? Double.NEGATIVE_INFINITY : m;
            if (worst == null || key < worstKey) {
                worst = c;
                worstInstance = v.instance();
                worstMargin = m;
                worstKey = key;
            }
        }
    }
}
