package org.largelr.sweep;

/**
 * A set of run indices of one grid, as bits in pages allocated only where a run is present: a fresh sweep of 2e9
 * runs holds no page, a resumed one about a bit per run it read back (a plain bit set would cost 250 MB up front,
 * a boolean per run 2 GB).
 */
final class RunSet {
    private static final int PAGE_BITS = 1 << 16, WORDS = PAGE_BITS / 64;
    private final long[][] pages;
    private final int size;
    private long count;

    RunSet(int size) {
        this.size = size;
        this.pages = new long[(int) (((long) size + PAGE_BITS - 1) / PAGE_BITS)][];
    }

    /** The number of run indices this set can hold (0 .. size-1). */
    int size() {
        return size;
    }

    synchronized boolean contains(int run) {
        long[] p = pages[run / PAGE_BITS];
        return p != null && (p[(run % PAGE_BITS) >>> 6] & (1L << run)) != 0;
    }

    /** Adds {@code run}; false when it was there already. */
    synchronized boolean add(int run) {
        long[] p = pages[run / PAGE_BITS];
        if (p == null) p = pages[run / PAGE_BITS] = new long[WORDS];
        int w = (run % PAGE_BITS) >>> 6;
        long bit = 1L << run;
        if ((p[w] & bit) != 0) return false;
        p[w] |= bit;
        count++;
        return true;
    }

    synchronized void remove(int run) {
        long[] p = pages[run / PAGE_BITS];
        if (p == null) return;
        int w = (run % PAGE_BITS) >>> 6;
        long bit = 1L << run;
        if ((p[w] & bit) == 0) return;
        p[w] &= ~bit;
        count--;
    }

    synchronized long count() {
        return count;
    }

    /** True when every run in [from, to) is in the set. */
    synchronized boolean containsAll(int from, int to) {
        for (int r = from; r < to; r++) {
            long[] p = pages[r / PAGE_BITS];
            if (p == null || (p[(r % PAGE_BITS) >>> 6] & (1L << r)) == 0) return false;
        }
        return true;
    }

    /** True when no run in [from, to) is in the set. */
    synchronized boolean containsNone(int from, int to) {
        for (int r = from; r < to; r++) {
            long[] p = pages[r / PAGE_BITS];
            if (p == null) {
                r = (r / PAGE_BITS + 1) * PAGE_BITS - 1;   // skip the empty page
                continue;
            }
            if ((p[(r % PAGE_BITS) >>> 6] & (1L << r)) != 0) return false;
        }
        return true;
    }

    /** The largest run in the set, or -1 when it is empty. */
    synchronized int last() {
        for (int pi = pages.length - 1; pi >= 0; pi--) {
            long[] p = pages[pi];
            if (p == null) continue;
            for (int w = WORDS - 1; w >= 0; w--)
                if (p[w] != 0) return pi * PAGE_BITS + w * 64 + 63 - Long.numberOfLeadingZeros(p[w]);
        }
        return -1;
    }
}
