package org.largelr.sweep;

/** One column of a sweep table: its stable name and how its values are stored and printed. */
record Column(String name, Kind kind) {
    enum Kind {
        /** A double, printed in Java's shortest round-trip form. */
        DOUBLE,
        /** A whole number (steps, seed, sizes, run index), stored exactly in a double. */
        INTEGER,
        /** An {@link org.largelr.gd.Outcome} ordinal, printed as its name. */
        OUTCOME
    }

    static Column dbl(String name) {
        return new Column(name, Kind.DOUBLE);
    }

    static Column integer(String name) {
        return new Column(name, Kind.INTEGER);
    }

    static Column outcome(String name) {
        return new Column(name, Kind.OUTCOME);
    }
}
