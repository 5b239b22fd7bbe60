package org.largelr.sweep;

import java.util.List;

/**
 * One column of a sweep table: its stable name (from {@link org.largelr.api.Columns}) and how its values are
 * stored and printed.
 *
 * @param labels the labels of a {@link Kind#CATEGORY} column (the stored value is the index), else empty
 * @param mayBeMissing whether a row may hold {@link #MISSING} here (a DOUBLE column of {@code Columns.MAY_BE_MISSING})
 */
record Column(String name, Kind kind, List<String> labels, boolean mayBeMissing) {
    /**
     * A row's value where it does not apply (Tablesaw's own marker of a missing double); written as an empty CSV
     * field and a Parquet null, never as a number.
     */
    static final double MISSING = Double.NaN;

    enum Kind {
        /** A double, printed in Java's shortest round-trip form. */
        DOUBLE,
        /** A whole number (steps, seed, sizes, run index), stored exactly in a double. */
        INTEGER,
        /** One of a fixed list of labels (outcome, regime, start), stored as its index, printed as the label. */
        CATEGORY
    }

    static Column dbl(String name) {
        return new Column(name, Kind.DOUBLE, List.of(), org.largelr.api.Columns.MAY_BE_MISSING.contains(name));
    }

    static Column integer(String name) {
        return new Column(name, Kind.INTEGER, List.of(), false);
    }

    static Column category(String name, List<String> labels) {
        return new Column(name, Kind.CATEGORY, List.copyOf(labels), false);
    }

    /** An INTEGER column that may exceed int range (steps, seed): a long in tables and Parquet, else an int. */
    boolean wide() {
        return kind == Kind.INTEGER && (name.equals(org.largelr.api.Columns.STEPS) || name.equals(org.largelr.api.Columns.SEED));
    }

    /** Whether {@code v} is this column's {@link #MISSING} (only a column that may be missing has one). */
    boolean missing(double v) {
        return mayBeMissing && Double.isNaN(v);
    }

    /** The labels as UTF-8 bytes, for the writers that put them out as bytes (CSV lines, Parquet pages). */
    byte[][] labelBytes() {
        return labels.stream().map(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /** The index of a label, for parsing; throws when it is not one of this column's. */
    int indexOf(String label) {
        int i = labels.indexOf(label);
        if (i < 0) throw new IllegalArgumentException(name + ": '" + label + "' is not one of " + labels);
        return i;
    }
}
