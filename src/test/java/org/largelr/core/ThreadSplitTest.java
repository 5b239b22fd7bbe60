package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The split hands out every chunk exactly once, whoever runs it, and the caller returns only when all are done. */
class ThreadSplitTest {

    @Test
    void everyChunkRunsOnceAndIsDoneOnReturn() {
        int chunks = 4, steps = 3000;
        AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
        AtomicInteger byHelper = new AtomicInteger();
        Thread caller = Thread.currentThread();
        for (int s = 0; s < steps; s++) {
            int step = s;
            ThreadSplit.INSTANCE.run(c -> {
                // a little work, so the helper has a chance to take chunks
                double x = 0;
                for (int i = 0; i < 2000; i++) x += Math.sqrt(i + c + step);
                if (x < 0) throw new AssertionError();
                runs.incrementAndGet(c);
                if (Thread.currentThread() != caller) byHelper.incrementAndGet();
            }, chunks);
            for (int c = 0; c < chunks; c++)
                assertEquals(step + 1, runs.get(c), "chunk " + c + " after step " + step);
        }
        if (Runtime.getRuntime().availableProcessors() >= 2)
            assertTrue(byHelper.get() > 0, "the helper never took a chunk in " + steps + " steps");
    }

    @Test
    void aFailingChunkIsReportedToTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int s = 0; s < 200; s++)
                ThreadSplit.INSTANCE.run(c -> {
                    if (c == 3) throw new ArithmeticException("chunk 3");
                }, 4);
        });
        assertInstanceOf(ArithmeticException.class, e.getCause());
        AtomicInteger after = new AtomicInteger();
        ThreadSplit.INSTANCE.run(c -> after.incrementAndGet(), 4);
        assertEquals(4, after.get(), "the split works again after a failure");
    }
}
