package org.largelr.paper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.largelr.api.GdResult;
import org.largelr.api.Runs;
import org.largelr.api.Sweep;
import org.largelr.api.SweepResult;
import org.largelr.api.Verdict;

import tech.tablesaw.api.Table;

/**
 * Named sweeps run one after another, e.g. one sweep per instance of a check whose steps depend on the instance
 * (so no single grid holds them): one table of all their rows, and the claims checked per instance or per run.
 * An immutable value; {@link #run()} returns a {@link Result}.
 *
 * <pre>{@code
 * var check = SweepSet.each(Experiments.scalarInstances(Grid.of(1), Grid.of(1, 10), Experiments.PAPER_NORMS, Grid.of(0)),
 *         in -> Experiments.beyondClassical(in.problem(), in.start(), 0.5, 1.0)).run();
 * List<Verdict> verdicts = check.eachRun(Claims::theorem31);
 * }</pre>
 */
public final class SweepSet {
    private final Map<String, Sweep> sweeps;

    private SweepSet(Map<String, Sweep> sweeps) {
        this.sweeps = Collections.unmodifiableMap(sweeps);
    }

    /** One named sweep. */
    public static SweepSet of(String name, Sweep sweep) {
        return new SweepSet(new LinkedHashMap<>()).and(name, sweep);
    }

    /** One sweep per instance, made by {@code sweep} and named as the instance, in the list's order. */
    public static SweepSet each(List<Instance> instances, Function<Instance, Sweep> sweep) {
        if (instances == null || instances.isEmpty()) throw new IllegalArgumentException("instances must hold at least one instance");
        if (sweep == null) throw new IllegalArgumentException("sweep must not be null");
        SweepSet set = new SweepSet(new LinkedHashMap<>());
        for (Instance in : instances) set = set.and(in.name(), sweep.apply(in));
        return set;
    }

    /** This set and one more named sweep (names are unique). */
    public SweepSet and(String name, Sweep sweep) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (sweep == null) throw new IllegalArgumentException("the sweep named '" + name + "' must not be null");
        if (sweeps.containsKey(name)) throw new IllegalArgumentException("a sweep is already named '" + name + "'");
        Map<String, Sweep> more = new LinkedHashMap<>(sweeps);
        more.put(name, sweep);
        return new SweepSet(more);
    }

    /** The sweeps by name, in order. */
    public Map<String, Sweep> sweeps() {
        return sweeps;
    }

    /** Number of runs over all sweeps. */
    public int runs() {
        return sweeps.values().stream().mapToInt(Sweep::runs).sum();
    }

    /** Runs every sweep in turn (each on all cores, as {@link Sweep#run()}). */
    public Result run() {
        Map<String, SweepResult> out = new LinkedHashMap<>();
        sweeps.forEach((name, s) -> out.put(name, s.run()));
        return new Result(out);
    }

    /** What a {@link SweepSet} produced: each sweep's result under its name. */
    public static final class Result {
        private final Map<String, SweepResult> results;

        Result(Map<String, SweepResult> results) {
            this.results = Collections.unmodifiableMap(results);
        }

        /** The results by name, in order. */
        public Map<String, SweepResult> results() {
            return results;
        }

        /** The result of the sweep named {@code name}. */
        public SweepResult get(String name) {
            SweepResult r = results.get(name);
            if (r == null) throw new IllegalArgumentException("no sweep is named '" + name + "'; the names: " + results.keySet());
            return r;
        }

        /**
         * Every sweep's rows in order, each row named by its sweep (column {@code name}, first); the sweeps' tables
         * must have the same columns (sweeps of one problem kind).
         */
        public Table table() {
            return table(new String[0]);
        }

        /**
         * Like {@link #table()} with only these columns of each sweep's table (so scalar and matrix sweeps, whose
         * tables differ, stack).
         */
        public Table table(String... columns) {
            Map<String, Table> parts = new LinkedHashMap<>();
            results.forEach((name, r) -> parts.put(name, columns.length == 0 ? r.table() : r.table().selectColumns(columns)));
            return Runs.stack(results.size() + " sweeps", parts);
        }

        /** Every kept trajectory, sweep after sweep (needs {@code keepTrajectories} on the sweeps). */
        public List<GdResult> trajectories() {
            List<GdResult> out = new ArrayList<>();
            for (SweepResult r : results.values()) out.addAll(r.trajectories());
            return out;
        }

        /** One verdict per run: {@code claim} applied to every kept trajectory, in order. */
        public List<Verdict> eachRun(Function<GdResult, Verdict> claim) {
            if (claim == null) throw new IllegalArgumentException("claim must not be null");
            List<Verdict> out = new ArrayList<>();
            for (GdResult r : trajectories()) out.add(claim.apply(r));
            return out;
        }

        /** The verdicts {@code claim} makes on each sweep's runs, given the sweep's name, in order. */
        public List<Verdict> eachInstance(BiFunction<String, List<GdResult>, List<Verdict>> claim) {
            if (claim == null) throw new IllegalArgumentException("claim must not be null");
            List<Verdict> out = new ArrayList<>();
            results.forEach((name, r) -> out.addAll(claim.apply(name, r.trajectories())));
            return out;
        }

        @Override
        public String toString() {
            long runs = results.values().stream().mapToLong(SweepResult::finished).sum();
            return results.size() + " sweeps, " + runs + " runs";
        }
    }
}
