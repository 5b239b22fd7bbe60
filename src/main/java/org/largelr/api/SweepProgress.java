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

    /**
     * Instead of {@link #update} while the sweep runs, so that long runs show movement before any of them ends:
     * {@code done} steps taken by this call's runs (scalar runs side by side count a step per run), of the
     * {@code total} they may take at most (the budget of every unfinished run plus the steps each finished run
     * took); {@code runsDone} of {@code runsTotal} runs finished. Default: the run count, as {@link #update}.
     */
    default void steps(long done, long total, long runsDone, long runsTotal, double seconds) {
        update(runsDone, runsTotal, seconds);
    }

    /** Called once at the end, also after an interruption. */
    default void finish(long done, long total, double seconds, boolean interrupted) {}

    /**
     * Something the user must know that is not progress, e.g. how many rows of a resumed CSV were skipped and why.
     * Default: a line on System.err (also for {@link #none()}: silence is for progress, not for lost rows).
     */
    default void notice(String message) {
        System.err.println(message);
    }

    /** Silent. */
    static SweepProgress none() {
        return (done, total, seconds) -> {};
    }

    /**
     * For notebooks: at most five lines of text. A line at 25, 50 and 75 % of the work (the steps of {@link #steps},
     * the terminal's line) when the sweep has been running for at least two seconds by then, and one closing line
     * with the count, the time and the rate.
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
                quarters(done, total, seconds, () -> line(done, total, seconds));
            }

            @Override
            public void steps(long done, long total, long runsDone, long runsTotal, double seconds) {
                quarters(done, total, seconds, () -> stepsLine(done, total, runsDone, runsTotal, seconds));
            }

            private void quarters(double done, double total, double seconds, java.util.function.Supplier<String> line) {
                PrintStream out = stream.get();
                while (nextQuarter < 4 && done * 4 >= total * nextQuarter) {
                    if (seconds >= 2) out.println(line.get());
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
            public void steps(long done, long total, long runsDone, long runsTotal, double seconds) {
                if (seconds - last < 0.5) return;
                last = seconds;
                err.print("\r" + stepsLine(done, total, runsDone, runsTotal, seconds) + "   ");
                err.flush();
                printed = true;
            }

            @Override
            public void notice(String message) {
                if (printed) err.print("\r");
                err.println(message);
                err.flush();
                printed = false;
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

    /**
     * "sweep: 4.10e9/1.60e13 steps (0.026%), 1.02e9 steps/s; 1234 of 160000 runs finished; 4.4 h left at most": the
     * time left is at most that at this rate, since runs that end early leave part of their budget unused.
     */
    static String stepsLine(long done, long total, long runsDone, long runsTotal, double seconds) {
        double r = seconds > 0 ? done / seconds : 0;
        return String.format(Locale.ROOT, "sweep: %s/%s steps (%s), %s steps/s; %d of %d runs finished; %s", count(done),
                count(total), percent(done, total), r > 0 ? count(Math.round(r)) : "-", runsDone, runsTotal,
                r > 0 ? duration((total - done) / r) + " left at most" : "time left unknown");
    }

    /** Exact below a million, else three digits ("4.10e9"). */
    private static String count(long n) {
        if (n < 1_000_000) return Long.toString(n);
        int e = (int) Math.floor(Math.log10(n));
        double m = n / Math.pow(10, e);
        if (m >= 9.995) { m /= 10; e++; }   // 9.996e6 would print as 10.00e6
        return String.format(Locale.ROOT, "%.2fe%d", m, e);
    }

    /** "42%", "0.26%", "0.0026%": enough digits that a long sweep's share moves. */
    private static String percent(long done, long total) {
        double p = 100.0 * done / Math.max(1, total);
        if (p >= 10 || p == 0) return String.format(Locale.ROOT, "%.0f%%", p);
        return p < 1e-4 ? "<0.0001%" : String.format(Locale.ROOT, "%.2g%%", p);
    }

    /** "42 s", "12 min", "4.4 h", "3.1 days". */
    private static String duration(double s) {
        if (s < 120) return String.format(Locale.ROOT, "%.0f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.0f min", s / 60);
        if (s < 172800) return String.format(Locale.ROOT, "%.1f h", s / 3600);
        return String.format(Locale.ROOT, s < 864000 ? "%.1f days" : "%.0f days", s / 86400);
    }

    private static String rate(long done, double seconds) {
        return seconds > 0 ? String.format(Locale.ROOT, "%.3g", done / seconds) : "-";
    }
}
