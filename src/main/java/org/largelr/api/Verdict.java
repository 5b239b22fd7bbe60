package org.largelr.api;

import java.util.ArrayList;
import java.util.List;

import org.largelr.table.Tables;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A list of evaluated {@link Check}s for one instance. A theorem is confirmed on the instance when every
 * hypothesis holds and every conclusion holds; when a hypothesis fails the conclusions are not owed.
 */
public final class Verdict {
    private final String instance;
    private final List<Check> checks;

    /** A verdict on {@code instance} (a short description) made of these checks. */
    public Verdict(String instance, List<Check> checks) {
        this.instance = instance;
        this.checks = List.copyOf(checks);
    }

    /** What was checked, in words. */
    public String instance() { return instance; }

    /** The checks, in order. */
    public List<Check> checks() { return checks; }

    /** True when every hypothesis holds. */
    public boolean hypothesesHold() {
        return checks.stream().filter(c -> c.kind().equals(Check.HYPOTHESIS)).allMatch(Check::holds);
    }

    /** True when every conclusion holds. */
    public boolean conclusionsHold() {
        return checks.stream().filter(c -> c.kind().equals(Check.CONCLUSION)).allMatch(Check::holds);
    }

    /** Adds checks, returning a new verdict. */
    public Verdict with(Check... more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(List.of(more));
        return new Verdict(instance, all);
    }

    /**
     * Throws {@link AssertionError} naming the instance and the numbers of every failed check; a failed
     * hypothesis also throws, since a check cell must only run instances inside the theorem.
     */
    public Verdict assertHolds() {
        List<String> failed = new ArrayList<>();
        for (Check c : checks) if (!c.holds()) failed.add(c.toString());
        if (!failed.isEmpty())
            throw new AssertionError("check failed on " + instance + ":\n  " + String.join("\n  ", failed));
        return this;
    }

    /**
     * The end of a notebook's check cell: throws {@link AssertionError} listing every failed check of every
     * instance, otherwise returns the line {@code VERDICT: PASS <checks>/<checks> checks on <n> instances}
     * that the report shows on its index page.
     */
    public static String conclude(List<Verdict> verdicts) {
        return conclude("VERDICT", verdicts);
    }

    /**
     * Like {@link #conclude(List)} for a secondary check (a boundary cell): the line reads
     * {@code <label>: PASS <checks>/<checks> checks on <n> instances}, and a failure throws the same way.
     */
    public static String conclude(String label, List<Verdict> verdicts) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label must not be blank");
        if (verdicts == null || verdicts.isEmpty())
            throw new IllegalArgumentException("verdicts must hold at least one instance");
        int total = 0;
        List<String> failed = new ArrayList<>();
        for (Verdict v : verdicts)
            for (Check c : v.checks) {
                total++;
                if (!c.holds()) failed.add(v.instance + ": " + c);
            }
        if (!failed.isEmpty())
            throw new AssertionError(label + ": FAIL " + failed.size() + "/" + total + " checks failed:\n  "
                    + String.join("\n  ", failed));
        return label + ": PASS " + total + "/" + total + " checks on " + verdicts.size() + " instances";
    }

    /** Columns: instance, kind, claim, lhs, relation, rhs, holds. */
    public Table table() {
        return table(List.of(this));
    }

    /** All checks of many verdicts in one table. */
    public static Table table(List<Verdict> verdicts) {
        StringColumn inst = StringColumn.create("instance"), kind = StringColumn.create("kind"),
                claim = StringColumn.create("claim"), rel = StringColumn.create("relation");
        DoubleColumn lhs = DoubleColumn.create("lhs"), rhs = DoubleColumn.create("rhs");
        BooleanColumn holds = BooleanColumn.create("holds");
        for (Verdict v : verdicts)
            for (Check c : v.checks) {
                inst.append(v.instance);
                kind.append(c.kind());
                claim.append(c.claim());
                lhs.append(c.lhs());
                rel.append(c.relation());
                rhs.append(c.rhs());
                holds.append(c.holds());
            }
        return Tables.readable(Table.create("verdict", inst, kind, claim, lhs, rel, rhs, holds));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Verdict for ").append(instance).append('\n');
        for (Check c : checks) sb.append("  ").append(c).append('\n');
        return sb.toString();
    }
}
