package org.largelr.sweep;

import java.util.List;

/**
 * One column of a sweep table: its stable name (from {@link org.largelr.api.Columns}) and how its values are
 * stored and printed.
 *
 * @param labels the labels of a {@link Kind#CATEGORY} column (the stored value is the index), else empty
 */
record Column(String name, Kind kind, List<String> labels) {
    enum Kind {
        /** A double, printed in Java's shortest round-trip form. */
        DOUBLE,
        /** A whole number (steps, seed, sizes, run index), stored exactly in a double. */
        INTEGER,
        /** One of a fixed list of labels (outcome, regime, start), stored as its index, printed as the label. */
        CATEGORY
    }

    static Column dbl(String name) {
        return new Column(name, Kind.DOUBLE, List.of());
    }

    static Column integer(String name) {
        return new Column(name, Kind.INTEGER, List.of());
    }

    static Column category(String name, List<String> labels) {
        return new Column(name, Kind.CATEGORY, List.copyOf(labels));
    }

    /** An INTEGER column that may exceed int range (steps, seed): a long in tables and Parquet, else an int. */
    boolean wide() {
        return kind == Kind.INTEGER && (name.equals(org.largelr.api.Columns.STEPS) || name.equals(org.largelr.api.Columns.SEED));
    }

    /** The index of a label, for parsing; throws when it is not one of this column's. */
    int indexOf(String label) {
        int i = labels.indexOf(label);
        if (i < 0) throw new IllegalArgumentException(name + ": '" + label + "' is not one of " + labels);
        return i;
    }
}
