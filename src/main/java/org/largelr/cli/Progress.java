package org.largelr.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress line on stderr, at most one every two seconds, only for runs long enough to need it. */
final class Progress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private final PrintWriter err;
    private final String what;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private boolean printed;

    Progress(PrintWriter err, String what, long total, String unit) {
        this.err = err;
        this.unit = unit;
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) return;
        lastNanos = now;
        double seconds = (now - startNanos) / 1e9, rate = done / seconds;
        double left = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf(Locale.ROOT, "%s: %d/%d %s (%.0f%%), %.3g per s, about %.0f s left%n", what, done, total,
                unit, 100.0 * done / Math.max(1, total), rate, left);
        err.flush();
        printed = true;
    }

    void finish() {
        if (printed) {
            err.printf(Locale.ROOT, "%s: done in %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
            err.flush();
        }
    }
}
