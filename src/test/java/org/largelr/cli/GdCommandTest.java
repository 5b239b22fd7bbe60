package org.largelr.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.largelr.api.Matrices;
import org.largelr.matrix.MatrixCsv;

class GdCommandTest {
    @TempDir Path dir;

    record Outcome(int status, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void scalarRunWritesTheTrajectoryAndSummary() throws Exception {
        Path out = dir.resolve("t.csv");
        Outcome o = run("gd", "--scalar", "--mu", "1", "--x0", "3", "--y0", "0.1", "--lr", "0.3", "--steps", "100",
                "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("step,loss,x_norm2,y_norm2,imbalance,balance_gap,grad_norm", lines.get(0));
        assertEquals(102, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(0.5 * Math.pow(1 - 0.3, 2), Double.parseDouble(first[1]), 1e-15);
        assertEquals(9 - 0.01, Double.parseDouble(first[4]), 1e-12);
        assertTrue(o.out().contains("outcome MAX_STEPS"), o.out());
    }

    @Test
    void maxStepsIsTheBudgetsNameAndStepsItsAlias() throws Exception {
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        Outcome byName = run("gd", "--scalar", "--mu", "1", "--x0", "3", "--y0", "0.1", "--lr", "0.3", "--max-steps", "37",
                "--out", a.toString());
        Outcome byAlias = run("gd", "--scalar", "--mu", "1", "--x0", "3", "--y0", "0.1", "--lr", "0.3", "--steps", "37",
                "--out", b.toString());
        assertEquals(0, byName.status(), byName.err());
        assertEquals(39, Files.readAllLines(a).size(), "header, steps 0..37");
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals(byName.out().replace(a.toString(), "OUT"), byAlias.out().replace(b.toString(), "OUT"));
    }

    @Test
    void matrixRunReadsCsvAndHonoursRecordEveryAndTol() throws Exception {
        Path a = dir.resolve("a.csv"), x = dir.resolve("x.csv"), y = dir.resolve("y.csv"), out = dir.resolve("t.csv");
        MatrixCsv.write(Matrices.withSingularValues(1, 0.5).size(4, 3).seed(1).build(), a);
        MatrixCsv.write(Matrices.gaussian(4, 2).scale(0.5).seed(2).build(), x);
        MatrixCsv.write(Matrices.gaussian(3, 2).scale(0.5).seed(3).build(), y);
        Outcome o = run("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--lr", "0.2",
                "--steps", "100000", "--record-every", "50", "--tol", "1e-16", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("outcome CONVERGED"), o.out());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 3);
        assertEquals("50", lines.get(2).split(",")[0]);
        double lastLoss = Double.parseDouble(lines.get(lines.size() - 1).split(",")[1]);
        assertTrue(lastLoss <= 1e-16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr 0 --steps 10 --out OUT | --h",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr -1 --steps 10 --out OUT | --h",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr NaN --steps 10 --out OUT | --h",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr abc --steps 10 --out OUT | --h",
            "gd --scalar --mu 1 --x0 three --y0 0.1 --lr 0.1 --steps 10 --out OUT | --x0",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr 0.1 --max-steps -5 --out OUT | --max-steps",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr 0.1 --steps 5 --record-every 0 --out OUT | --record-every",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --lr 0.1 --steps 5 --tol -1 --out OUT | --tol",
            "gd --scalar --x0 3 --y0 0.1 --lr 0.1 --steps 5 --out OUT | --mu",
            "gd --scalar --mu 1 --x0 3 --y0 0.1 --steps 5 --out OUT | --lr",
            "gd --a MISSING --x0 MISSING --y0 MISSING --lr 0.1 --steps 5 --out OUT | --a",
            "gd --x0 X --y0 Y --lr 0.1 --steps 5 --out OUT | --a",
            "frobnicate | frobnicate",
    })
    void badInputGivesOneLineNamingTheArgument(String command, String argument) {
        String[] args = command.replace("OUT", dir.resolve("o.csv").toString())
                .replace("MISSING", dir.resolve("nothing.csv").toString()).split(" ");
        Outcome o = run(args);
        assertNotEquals(0, o.status());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(argument), o.err());
    }

    @Test
    void shapeMismatchNamesTheFile() throws Exception {
        Path a = dir.resolve("a.csv"), x = dir.resolve("x.csv"), y = dir.resolve("y.csv");
        MatrixCsv.write(Matrices.gaussian(4, 3).build(), a);
        MatrixCsv.write(Matrices.gaussian(5, 2).build(), x);
        MatrixCsv.write(Matrices.gaussian(3, 2).build(), y);
        Outcome o = run("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--lr", "0.1",
                "--steps", "3", "--out", dir.resolve("o.csv").toString());
        assertEquals(Main.EXIT_BAD_INPUT, o.status());
        assertTrue(o.err().contains("--x0 must have 4 rows"), o.err());
        Files.writeString(y, "1,2\n3\n");
        o = run("gd", "--a", a.toString(), "--x0", x.toString(), "--y0", y.toString(), "--lr", "0.1",
                "--steps", "3", "--out", dir.resolve("o.csv").toString());
        assertTrue(o.err().contains("--y0") && o.err().contains("ragged"), o.err());
    }
}
