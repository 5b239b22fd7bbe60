package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The probe that decides whether a run's steps split: the last steps of each period alternate split and unsplit,
 * the next period splits only when the split ones were clearly faster, one slow step (a preemption) does not
 * decide, a verdict that repeats probes less often, and a run splits until its first verdict.
 */
class SplitProbeTest {

    /**
     * Feeds one period: its lead-in (checked to follow the standing verdict), then the probe, where split steps take
     * {@code split} ns and unsplit ones {@code solo}; returns the verdict.
     */
    private static boolean probeOnce(ThreadSplit.Probe p, long split, long solo, long outlierAtFirstSolo) {
        for (int i = 0, lead = p.period() - ThreadSplit.Probe.STEPS; i < lead; i++) {
            assertEquals(p.prefersSplit(), p.split(), "step " + i + " of the period follows the verdict");
            p.record(1000);
        }
        for (int i = 0; i < ThreadSplit.Probe.STEPS; i++) {
            boolean s = p.split();
            assertEquals(i % 2 == 0, s, "probe step " + i + " alternates, split first");
            p.record(s ? split : i == 1 ? solo + outlierAtFirstSolo : solo);
        }
        return p.prefersSplit();
    }

    @Test
    void aRunSplitsUntilItsFirstProbe() {
        ThreadSplit.Probe p = new ThreadSplit.Probe();
        for (int i = 0; i < ThreadSplit.Probe.MIN_PERIOD - ThreadSplit.Probe.STEPS; i++) {
            assertTrue(p.split(), "step " + i + " before the first probe splits");
            p.record(5000);
        }
        assertTrue(p.split(), "the probe opens with a split step");
        p.record(5000);
        assertFalse(p.split(), "then an unsplit one");
    }

    @Test
    void splitsOnlyWhenClearlyFaster() {
        assertTrue(probeOnce(new ThreadSplit.Probe(), 600, 1000, 0), "split at 0.6x the time");
        assertFalse(probeOnce(new ThreadSplit.Probe(), 980, 1000, 0), "split at 0.98x: weak evidence, unsplit");
        assertFalse(probeOnce(new ThreadSplit.Probe(), 1200, 1000, 0), "split slower");
    }

    @Test
    void oneSlowStepDoesNotDecide() {
        // Split is slower, but one unsplit step was preempted for 20 ms: the slowest step of each side is left out.
        assertFalse(probeOnce(new ThreadSplit.Probe(), 1100, 1000, 20_000_000));
    }

    @Test
    void aRepeatedVerdictProbesLessOftenAndAChangeStartsOver() {
        ThreadSplit.Probe p = new ThreadSplit.Probe();
        assertFalse(probeOnce(p, 1200, 1000, 0));
        assertEquals(ThreadSplit.Probe.MIN_PERIOD, p.period(), "a verdict against the first (split) probes again soon");
        int period = p.period();
        for (int k = 0; k < 6; k++) {
            assertFalse(probeOnce(p, 1200, 1000, 0));
            assertEquals(Math.min(2 * period, ThreadSplit.Probe.MAX_PERIOD), p.period(), "the period doubles, up to its cap");
            period = p.period();
        }
        assertEquals(ThreadSplit.Probe.MAX_PERIOD, period);
        assertTrue(probeOnce(p, 500, 1000, 0), "the machine got quiet: split");
        assertEquals(ThreadSplit.Probe.MIN_PERIOD, p.period(), "a changed verdict probes again soon");
        assertTrue(p.split(), "the next period's lead-in follows the new verdict");
    }
}
