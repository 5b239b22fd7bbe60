package org.largelr.bench;

import org.largelr.api.Grid;
import org.largelr.api.Sweep;
import org.largelr.api.SweepProgress;

/**
 * The first sweep call in a fresh JVM, as a notebook's first cell meets it: case 2's sweep (default stop rule), timed
 * around {@code run()} alone, then twice more in the same JVM. Prints {@code first-ms F second-ms S third-ms T}.
 * bench/run compares F with JMH's warm figure for the same sweep and with NumPy's first call in a fresh Python.
 */
public final class FirstSweepCall {
    private FirstSweepCall() {}

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        String[] names = {"first-ms", "second-ms", "third-ms"};
        for (String name : names) {
            Sweep s = Sweep.scalar(1.0).h(Grid.linear(0.01, 1.0, 400)).x0(Grid.linear(0.1, 3.0, 400)).y0(0.5)
                    .maxSteps(2000).progress(SweepProgress.none());
            long t = System.nanoTime();
            int rows = s.run().table().rowCount();
            double ms = (System.nanoTime() - t) / 1e6;
            if (rows != ScalarSweepBench.RUNS) throw new IllegalStateException("sweep gave " + rows + " rows");
            out.append(out.length() > 0 ? " " : "").append(name).append(' ').append(String.format(java.util.Locale.ROOT, "%.1f", ms));
        }
        System.out.println(out);
    }
}
