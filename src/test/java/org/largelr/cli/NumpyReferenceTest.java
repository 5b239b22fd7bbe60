package org.largelr.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.largelr.api.Matrices;
import org.largelr.matrix.MatrixCsv;

/**
 * Our CLI against the independent NumPy reference ({@code ../shared/peers/numpy_gd.py}), 1000 steps of
 * converging runs, to 1e-9 relative. Skipped on a developer machine without the reference or NumPy; in CI
 * (CI=true) their absence is a failure, so CI never silently runs a weaker suite.
 */
class NumpyReferenceTest {
    static final Path REFERENCE = Path.of(System.getProperty("largelr.numpyReference", "../shared/peers/numpy_gd.py"));
    static final String PYTHON = "/usr/bin/python3";

    @TempDir Path dir;

    static void requireReference() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean have = Files.isRegularFile(REFERENCE) && Files.isExecutable(Path.of(PYTHON))
                && exec(List.of(PYTHON, "-c", "import numpy")) == 0;
        if (ci) assertTrue(have, "CI needs " + REFERENCE.toAbsolutePath() + " and /usr/bin/python3 with numpy "
                + "(environment/setup installs python3-numpy)");
        Assumptions.assumeTrue(have, "NumPy reference not available here");
    }

    static int exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void matrixTrajectoryAgreesWithNumpy() throws Exception {
        requireReference();
        Path a = dir.resolve("a.csv"), x = dir.resolve("x.csv"), y = dir.resolve("y.csv");
        MatrixCsv.write(Matrices.withSingularValues(2, 1, 0.5).size(8, 6).seed(4).build(), a);
        MatrixCsv.write(Matrices.gaussian(8, 3).scale(0.9).seed(5).build(), x);   // unbalanced start
        MatrixCsv.write(Matrices.gaussian(6, 3).scale(0.1).seed(6).build(), y);
        compare(List.of("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--lr", "0.2",
                "--steps", "1000"));
    }

    @Test
    void scalarTrajectoryAgreesWithNumpy() throws Exception {
        requireReference();
        compare(List.of("gd", "--scalar", "--mu", "1", "--x0", "3", "--y0", "0.1", "--lr", "0.3", "--steps", "1000"));
    }

    @Test
    void recordEveryAgreesWithNumpy() throws Exception {
        requireReference();
        compare(List.of("gd", "--scalar", "--mu", "2", "--x0", "1.5", "--y0", "0.2", "--lr", "0.2", "--steps", "1000",
                "--record-every", "7"));
    }

    private void compare(List<String> args) throws Exception {
        Path ours = dir.resolve("ours.csv"), theirs = dir.resolve("numpy.csv");
        List<String> ourArgs = new ArrayList<>(args);
        ourArgs.addAll(List.of("--out", ours.toString()));
        GdCommandTest.Outcome o = GdCommandTest.run(ourArgs.toArray(String[]::new));
        assertEquals(0, o.status(), o.err());
        List<String> cmd = new ArrayList<>(List.of(PYTHON, REFERENCE.toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", theirs.toString()));
        assertEquals(0, exec(cmd), "numpy reference failed: " + cmd);
        List<String> a = Files.readAllLines(ours), b = Files.readAllLines(theirs);
        assertEquals(b.get(0), a.get(0), "header");
        assertEquals(b.size(), a.size(), "row count");
        double worst = 0;
        for (int i = 1; i < a.size(); i++) {
            String[] ra = a.get(i).split(","), rb = b.get(i).split(",");
            assertEquals(Long.parseLong(rb[0]), Long.parseLong(ra[0]), "step at row " + i);
            for (int c = 1; c < ra.length; c++) {
                double va = Double.parseDouble(ra[c]), vb = Double.parseDouble(rb[c]);
                double rel = Math.abs(va - vb) / Math.max(Math.abs(vb), 1e-300);
                // Near zero (an exactly balanced or converged quantity) relative error is meaningless:
                // compare against the column's scale at the start instead.
                double scale = Math.abs(Double.parseDouble(b.get(1).split(",")[c]));
                double err = Math.min(rel, Math.abs(va - vb) / Math.max(scale, 1e-300));
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-9, "row " + i + " column " + b.get(0).split(",")[c] + ": ours " + va
                        + " vs numpy " + vb);
            }
        }
        assertTrue(worst <= 1e-9);
    }
}
