package org.largelr.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Work on its own daemon thread: its value, its failure and the caller's interrupt all come back through join. */
class BackgroundTest {

    @Test
    void joinGivesTheWorksValueFromADaemonThread() {
        var thread = new java.util.concurrent.atomic.AtomicReference<Thread>();
        Background<Double> b = Background.start("test-work", () -> {
            thread.set(Thread.currentThread());
            return Math.sqrt(2);
        });
        assertEquals(Math.sqrt(2), b.join());
        assertEquals("test-work", thread.get().getName());
        assertTrue(thread.get().isDaemon(), "never holds the JVM");
        assertNotSame(Thread.currentThread(), thread.get());
    }

    @Test
    void whatTheWorkThrewIsThrownByJoin() {
        Background<Double> b = Background.start("test-fail", () -> {
            throw new ArithmeticException("no L");
        });
        ArithmeticException e = assertThrows(ArithmeticException.class, b::join);
        assertEquals("no L", e.getMessage());
    }

    @Test
    void anInterruptWhileWaitingIsKeptForTheCaller() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        Background<Integer> b = Background.start("test-slow", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 7;
        });
        Thread.currentThread().interrupt();   // the caller was interrupted before it joined
        new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the release below still comes
            }
            release.countDown();
        }).start();
        assertEquals(7, b.join(), "join waits the bounded work out");
        assertTrue(Thread.interrupted(), "the interrupt is still set (and now cleared)");
    }
}
