package org.largelr.spark;

import java.util.List;
import java.util.Locale;

/**
 * What one {@link SparkSweep#run} did.
 *
 * @param computed     the partitions this run computed (the others were already whole in the directory)
 * @param computedRuns runs in those partitions
 * @param taskSeconds  the time their tasks spent computing, summed: runs per second per core is
 *                     {@code computedRuns / taskSeconds}
 * @param seconds      wall time of the whole call, Spark's scheduling included
 * @param notice       a remark worth printing (e.g. a resumed directory keeps its partitioning), or null
 */
public record SparkSweepReport(String output, String fingerprint, String grid, int runs, int partitions,
                               List<Integer> computed, long computedRuns, double taskSeconds, double seconds,
                               String notice) {
    /** Lines for a terminal or a log. */
    public String summary() {
        return String.format(Locale.ROOT, "grid %s%nfingerprint %s%npartitions %d: computed %d, already done %d%n"
                        + "computed runs %d in %.1f s (%.0f runs/s per core, %.0f runs/s overall)%nout %s",
                grid, fingerprint, partitions, computed.size(), partitions - computed.size(), computedRuns, seconds,
                taskSeconds > 0 ? computedRuns / taskSeconds : 0, seconds > 0 ? computedRuns / seconds : 0, output);
    }
}
