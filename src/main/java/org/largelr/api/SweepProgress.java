package org.largelr.api;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Where a sweep reports how far it got. Called from one thread (the one that called {@code run()}), a few
 * times a second at most.
 */
public interface SweepProgress {

    /**
     * {@code done} of the {@code total} runs this call has to do are finished (runs already in a resumed CSV
     * are not counted in either), after {@code seconds}.
     */
    void update(long done, long total, double seconds);

    /** Called once at the end, also after an interruption. */
    default void finish(long done, long total, double seconds, boolean interrupted) {}

    /** Silent. */
    static SweepProgress none() {
        return (done, total, seconds) -> {};
    }

    /**
     * For notebooks: at most five lines of text. A line at 25, 50 and 75 % when the sweep has been running for
     * at least two seconds by then, and one closing line with the count, the time and the rate.
     */
    static SweepProgress lines(PrintStream out) {
        if (out == null) throw new IllegalArgumentException("out must not be null");
        return lines(() -> out);
    }

    /**
     * {@link #lines(PrintStream)} to whatever {@code System.out} is when a line is printed: notebook kernels give
     * each cell its own, and a sweep built in one cell may run in another. The default of every sweep.
     */
    static SweepProgress lines() {
        return lines(() -> System.out);
    }

    private static SweepProgress lines(java.util.function.Supplier<PrintStream> stream) {
        return new SweepProgress() {
            private int nextQuarter = 1;

            @Override
            public void update(long done, long total, double seconds) {
                PrintStream out = stream.get();
                while (nextQuarter < 4 && done * 4 >= total * nextQuarter) {
                    if (seconds >= 2) out.println(line(done, total, seconds));
                    nextQuarter++;
                }
                out.flush();
            }

            @Override
            public void finish(long done, long total, double seconds, boolean interrupted) {
                nextQuarter = 1;   // ready for the next run
                PrintStream out = stream.get();
                out.println(String.format(Locale.ROOT, "sweep: %s %d of %d runs in %.1f s (%s runs/s)",
                        interrupted ? "interrupted after" : "done,", done, total, seconds, rate(done, seconds)));
                out.flush();
            }
        };
    }

    /** For terminals: one line on {@code err}, rewritten in place (carriage return) at most twice a second. */
    static SweepProgress terminal(PrintWriter err) {
        return new SweepProgress() {
            private double last = -1;
            private boolean printed;

            @Override
            public void update(long done, long total, double seconds) {
                if (seconds - last < 0.5 && done < total) return;
                last = seconds;
                err.print("\r" + line(done, total, seconds) + "   ");
                err.flush();
                printed = true;
            }

            @Override
            public void finish(long done, long total, double seconds, boolean interrupted) {
                if (printed) err.print("\r");
                printed = false;
                last = -1;
                err.println(String.format(Locale.ROOT, "sweep: %s %d of %d runs in %.1f s (%s runs/s)          ",
                        interrupted ? "interrupted after" : "done,", done, total, seconds, rate(done, seconds)));
                err.flush();
            }
        };
    }

    /** "sweep: 1200/40000 runs (3%), 5.1e+03 runs/s, about 8 s left". */
    static String line(long done, long total, double seconds) {
        double r = seconds > 0 ? done / seconds : 0;
        String left = r > 0 ? String.format(Locale.ROOT, "about %.0f s left", (total - done) / r) : "time left unknown";
        return String.format(Locale.ROOT, "sweep: %d/%d runs (%.0f%%), %s runs/s, %s", done, total,
                100.0 * done / Math.max(1, total), rate(done, seconds), left);
    }

    private static String rate(long done, double seconds) {
        return seconds > 0 ? String.format(Locale.ROOT, "%.3g", done / seconds) : "-";
    }
}
