package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * The split: on return every chunk has a winning copy whose run went to the end; the helper wins some chunks when
 * it gets a core; a run that lost may stop early; a failing chunk is reported and the split keeps working.
 */
class ThreadSplitTest {

    @Test
    void everyChunkHasACompletedWinner() {
        int chunks = 4, steps = 3000;
        AtomicIntegerArray completedAt = new AtomicIntegerArray(2 * chunks);
        AtomicInteger helperWins = new AtomicInteger();
        int[] winners = new int[chunks];
        for (int s = 1; s <= steps; s++) {
            int step = s;
            ThreadSplit.INSTANCE.run((c, copy) -> {
                for (int piece = 0; piece < 4; piece++) {
                    if (ThreadSplit.INSTANCE.won(c)) return;   // the other copy is done: stop, as the workspace does
                    double x = 0;
                    for (int i = 0; i < 500; i++) x += Math.sqrt(i + c + step);
                    if (x < 0) throw new AssertionError();
                }
                completedAt.set(2 * c + copy, step);
            }, chunks, winners);
            for (int c = 0; c < chunks; c++) {
                assertTrue(winners[c] == ThreadSplit.CALLER || winners[c] == ThreadSplit.HELPER, "winner " + winners[c]);
                assertEquals(step, completedAt.get(2 * c + winners[c]), "chunk " + c + " won by an unfinished run, step " + step);
                if (winners[c] == ThreadSplit.HELPER) helperWins.incrementAndGet();
            }
        }
        if (Runtime.getRuntime().availableProcessors() >= 2)
            assertTrue(helperWins.get() > 0, "the helper never won a chunk in " + steps + " steps");
    }

    @Test
    void aRunWithoutTheHelperNeverStopsOnAnotherRunsMarks() throws Exception {
        // The first run holds the helper and waits inside chunk 1 with chunk 0 done; a second run at the same time (a
        // notebook's background warm-up beside the user's cell) does its chunks alone and must see none of them won.
        var chunkOneStarted = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread first = new Thread(() -> ThreadSplit.INSTANCE.run((c, copy) -> {
            if (c != 1) return;
            chunkOneStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 2, new int[2]));
        first.start();
        assertTrue(chunkOneStarted.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(200);   // the first run's chunk 0 is marked finished by now
        AtomicInteger stopsSeen = new AtomicInteger();
        ThreadSplit.INSTANCE.run((c, copy) -> {
            if (ThreadSplit.INSTANCE.won(c)) stopsSeen.incrementAndGet();
        }, 2, new int[2]);
        release.countDown();
        first.join();
        assertEquals(0, stopsSeen.get(), "the second run was told to stop by the first run's marks");
    }

    @Test
    void aFailingChunkIsReportedAndTheSplitKeepsWorking() {
        int[] winners = new int[4];
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            for (int s = 0; s < 200; s++)
                ThreadSplit.INSTANCE.run((c, copy) -> {
                    if (c == 3) throw new ArithmeticException("chunk 3");
                }, 4, winners);
        });
        Throwable cause = e;
        while (cause != null && !(cause instanceof ArithmeticException)) cause = cause.getCause();
        assertNotNull(cause, "the chunk's own exception is in the chain: " + e);
        AtomicIntegerArray ran = new AtomicIntegerArray(4);
        ThreadSplit.INSTANCE.run((c, copy) -> ran.set(c, 1), 4, winners);
        for (int c = 0; c < 4; c++) assertEquals(1, ran.get(c), "chunk " + c + " after a failure");
    }

    @Test
    void tooManyChunksAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadSplit.INSTANCE.run((c, copy) -> { }, ThreadSplit.MAX_CHUNKS + 1, new int[ThreadSplit.MAX_CHUNKS + 1]));
        assertTrue(e.getMessage().contains("count"));
    }
}
