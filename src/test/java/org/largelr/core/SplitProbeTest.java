package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The probe that decides whether a run's steps split: the first steps of each period alternate split and unsplit,
 * the next split only when the split ones were clearly faster, one slow step (a preemption) does not decide, and
 * a verdict that repeats probes less often.
 */
class SplitProbeTest {

    /** Feeds one probe period: split steps take {@code split} ns, unsplit ones {@code solo}; returns the verdict. */
    private static boolean probeOnce(ThreadSplit.Probe p, long split, long solo, long outlierAtFirstSolo) {
        for (int i = 0; i < ThreadSplit.Probe.STEPS; i++) {
            boolean s = p.split();
            assertEquals(i % 2 == 0, s, "probe step " + i + " alternates, split first");
            p.record(s ? split : i == 1 ? solo + outlierAtFirstSolo : solo);
        }
        return p.prefersSplit();
    }

    /** Runs the rest of the period, checking every step follows the verdict. */
    private static void finishPeriod(ThreadSplit.Probe p) {
        for (int i = ThreadSplit.Probe.STEPS; i < p.period(); i++) {
            assertEquals(p.prefersSplit(), p.split(), "step " + i + " of the period follows the verdict");
            p.record(1000);
        }
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
        int period = p.period();
        finishPeriod(p);
        for (int k = 0; k < 6; k++) {
            assertFalse(probeOnce(p, 1200, 1000, 0));
            assertEquals(Math.min(2 * period, ThreadSplit.Probe.MAX_PERIOD), p.period(), "the period doubles, up to its cap");
            period = p.period();
            finishPeriod(p);
        }
        assertEquals(ThreadSplit.Probe.MAX_PERIOD, period);
        assertTrue(probeOnce(p, 500, 1000, 0), "the machine got quiet: split");
        assertEquals(ThreadSplit.Probe.MIN_PERIOD, p.period(), "a changed verdict probes again soon");
        finishPeriod(p);
        assertTrue(p.split(), "the next period opens with a probe step (split)");
    }
}
