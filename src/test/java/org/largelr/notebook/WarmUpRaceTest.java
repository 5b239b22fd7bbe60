package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Theory;

/**
 * The background warm-up and a notebook's next cell both touch Tablesaw first in a fresh JVM: that must never
 * deadlock in Tablesaw's class initialisation (a report run hung on notebook 03's {@code theory.thresholds()} while
 * the warm-up built its sweep table). Class initialisation happens once per JVM, so each try is a fresh JVM.
 */
class WarmUpRaceTest {
    /** One try: the warm-up starts, and this thread, after args[0] ms, builds a table the way a notebook's second cell does. */
    public static void main(String[] args) throws Exception {
        Thread warm = Kernels.warmUp();
        Thread.sleep(Long.parseLong(args[0]));   // tries scan the moment the warm-up reaches its first table
        var problem = Problem.factorization(org.largelr.api.Matrices.gaussian(4, 4).seed(1).build(), 2);
        int rows = Theory.of(problem, Start.gaussian(0.25).seed(0)).thresholds().rowCount();
        warm.join();
        System.out.println("rows " + rows);
    }

    @Test
    void warmUpBesideAFirstTableNeverDeadlocks(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int tries = 8;
        int ok = 0;
        for (int batch = 0; batch < tries; batch += 2) {
            List<Process> running = new ArrayList<>();
            for (int i = batch; i < batch + 2; i++)
                running.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        WarmUpRaceTest.class.getName(), String.valueOf(25 * i)).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("try-" + i + ".txt").toFile()).start());
            for (int i = 0; i < running.size(); i++) {
                Process p = running.get(i);
                boolean ended = p.waitFor(60, TimeUnit.SECONDS);
                if (!ended) p.destroyForcibly();
                String out = Files.readString(dir.resolve("try-" + (batch + i) + ".txt"));
                assertTrue(ended, "try " + (batch + i) + " still running after 60 s (deadlock?): " + out);
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.matches("(?s).*rows [1-9][0-9]*\\s*"), out);
                ok++;
            }
        }
        assertEquals(tries, ok);
    }
}
