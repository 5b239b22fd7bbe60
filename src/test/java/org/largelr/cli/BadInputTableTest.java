package org.largelr.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.largelr.api.GradientDescent;
import org.largelr.api.Grid;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.largelr.api.Sweep;

/**
 * Bad input, row by row: the command line answers each with its documented exit status and one line naming the
 * option; the public API with an IllegalArgumentException naming the argument. Nothing is computed or written.
 */
class BadInputTableTest {
    @TempDir Path dir;

    @BeforeEach
    void inputs() throws Exception {
        Files.writeString(dir.resolve("A.csv"), "1,2\n3,4\n");
        Files.writeString(dir.resolve("X.csv"), "0.1\n0.2\n");
        Files.writeString(dir.resolve("Y.csv"), "0.3\n0.1\n");
        Files.createDirectory(dir.resolve("adir"));
    }

    static final String GD = "gd --a A.csv --x0 X.csv --y0 Y.csv --h 0.1 --max-steps 5 --out OUT";
    static final String GDS = "gd --scalar --mu 1 --x0 1 --y0 0.5 --h 0.1 --max-steps 5 --out OUT";
    static final String SW = "sweep --scalar --mu 1 --x0 1 --y0 0.5 --h 0.1 --max-steps 5 --quiet --out OUT";

    /** {@code base} with the given options replaced or added ("--h 0" replaces base's --h). */
    static String[] args(String base, String change, Path dir) {
        List<String> b = new java.util.ArrayList<>(List.of(base.split(" ")));
        String[] c = change.isBlank() ? new String[0] : change.split(" ");
        for (int i = 0; i < c.length; i++) {
            boolean value = i + 1 < c.length && !c[i + 1].startsWith("--");
            int at = b.indexOf(c[i]);
            if (at >= 0) {
                if (value) b.set(at + 1, c[++i]);
            } else {
                b.add(c[i]);
                if (value) b.add(c[++i]);
            }
        }
        return b.stream().map(s -> s.equals("OUT") ? dir.resolve("out.csv").toString()
                : s.endsWith(".csv") || s.equals("adir") || s.startsWith("missing/") ? dir.resolve(s).toString() : s)
                .toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} naming {3}")
    @CsvSource(delimiter = '|', value = {
            "GD  | --h 0                 | 2 | --h",
            "GD  | --h -1                | 2 | --h",
            "GD  | --h 1e400             | 2 | --h",
            "GD  | --h 0x1p-2            | 2 | --h",
            "GD  | --h 0.1f              | 2 | --h",
            "GD  | --max-steps -1        | 2 | --max-steps",
            "GD  | --max-steps 1.5       | 2 | --max-steps",
            "GD  | --max-steps 1e400     | 2 | --max-steps",
            "GD  | --record-every 0      | 2 | --record-every",
            "GD  | --record-every 1e10   | 2 | --record-every",
            "GD  | --tol NaN             | 2 | --tol",
            "GD  | --tol -1              | 2 | --tol",
            "GD  | --grad-tol Infinity   | 2 | --grad-tol",
            "GD  | --a missing.csv       | 2 | --a",
            "GD  | --a adir              | 2 | --a",
            "GD  | --x0 adir             | 2 | --x0",
            "GD  | --out adir            | 2 | --out",
            "GD  | --out missing/t.csv   | 2 | --out",
            "GD  | --out A.csv           | 2 | --out",
            "GD  | --out X.csv           | 2 | --out",
            "GDS | --x0 1d               | 2 | --x0",
            "GDS | --y0 NaN              | 2 | --y0",
            "GDS | --mu Infinity         | 2 | --mu",
            "GDS | --a A.csv             | 2 | --a",
            "SW  | --h 0.1,,0.2          | 2 | --h",
            "SW  | --h ,0.1              | 2 | --h",
            "SW  | --h 0.1,0.2,          | 2 | --h",
            "SW  | --h 0.1,0             | 2 | --h",
            "SW  | --h 0.1,1e999         | 2 | --h",
            "SW  | --x0 NaN              | 2 | --x0",
            "SW  | --y0 0x10             | 2 | --y0",
            "SW  | --c 0                 | 2 | --c",
            "SW  | --c -2                | 2 | --c",
            "SW  | --threads 0           | 2 | --threads",
            "SW  | --max-steps -1        | 2 | --max-steps",
            "SW  | --tol -1              | 2 | --tol",
            "SW  | --out adir            | 2 | --out",
            "SW  | --out missing/s.csv   | 2 | --out",
            "SW  | --n 5                 | 2 | --n",
    })
    void theCommandLineNamesTheOption(String base, String change, int status, String option) {
        String b = switch (base) {
            case "GD" -> GD;
            case "GDS" -> GDS;
            default -> SW;
        };
        String[] a = args(b, change, dir);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int s = Main.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
        String e = err.toString().strip();
        assertEquals(status, s, String.join(" ", a) + " -> " + e);
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertTrue(e.contains(option), "'" + e + "' names " + option);
        assertFalse(e.contains("Exception") || e.contains("java."), "no class names: " + e);
        assertFalse(Files.exists(dir.resolve("out.csv")), "nothing written");
    }

    record ApiCase(String call, String argument, Supplier<Object> code) {}

    @Test
    void thePublicApiNamesTheArgument() {
        List<ApiCase> cases = List.of(
                new ApiCase("Problem.scalar(NaN)", "mu", () -> Problem.scalar(Double.NaN)),
                new ApiCase("Problem.scalar(Infinity)", "mu", () -> Problem.scalar(Double.POSITIVE_INFINITY)),
                new ApiCase("Problem.factorization(A, 0)", "d", () -> Problem.factorization(new DMatrixRMaj(2, 2), 0)),
                new ApiCase("Grid.linear(.., count 0)", "count", () -> Grid.linear(0, 1, 0)),
                new ApiCase("Grid.of(NaN)", "NaN", () -> Grid.of(Double.NaN)),
                new ApiCase("GradientDescent.on(null)", "problem", () -> GradientDescent.on(null)),
                new ApiCase("maxSteps(-1)", "maxSteps", () -> GradientDescent.on(Problem.scalar(1)).maxSteps(-1)),
                new ApiCase("recordEvery(0)", "recordEvery", () -> GradientDescent.on(Problem.scalar(1)).recordEvery(0)),
                new ApiCase("lossTolerance(NaN)", "lossTolerance", () -> GradientDescent.on(Problem.scalar(1)).lossTolerance(Double.NaN)),
                new ApiCase("lossTolerance(+Infinity)", "lossTolerance",
                        () -> GradientDescent.on(Problem.scalar(1)).lossTolerance(Double.POSITIVE_INFINITY)),
                new ApiCase("gradTolerance(-1)", "gradTolerance", () -> GradientDescent.on(Problem.scalar(1)).gradTolerance(-1)),
                new ApiCase("divergenceBound(0)", "divergenceBound", () -> GradientDescent.on(Problem.scalar(1)).divergenceBound(0)),
                new ApiCase("Start.given(null, Y)", "x0", () -> Start.given(null, new DMatrixRMaj(2, 1))),
                new ApiCase("Start.gaussian(-1)", "scale", () -> Start.gaussian(-1)),
                new ApiCase("Sweep.scalar(1).threads(0)", "threads", () -> Sweep.scalar(1).threads(0)),
                new ApiCase("Sweep.scalar(1).keepTrajectories(0)", "recordEvery", () -> Sweep.scalar(1).keepTrajectories(0)),
                new ApiCase("Sweep.scalar(1).csv(null)", "csv", () -> Sweep.scalar(1).csv(null)),
                new ApiCase("Sweep.scalar(1).h(null)", "h", () -> Sweep.scalar(1).h(null)),
                new ApiCase("Sweep.scalar(1).run() without h", "h",
                        () -> Sweep.scalar(1).x0(Grid.of(1)).y0(1).run()));
        int named = 0;
        StringBuilder failures = new StringBuilder();
        for (ApiCase c : cases) {
            try {
                c.code().get();
                failures.append(c.call()).append(": accepted\n");
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains(c.argument())) named++;
                else failures.append(c.call()).append(": '").append(e.getMessage()).append("' does not name ")
                        .append(c.argument()).append('\n');
            } catch (RuntimeException e) {
                failures.append(c.call()).append(": ").append(e.getClass().getSimpleName()).append(", not IllegalArgumentException\n");
            }
        }
        System.out.println("bad input (API): " + cases.size() + " cases, " + named + " refused naming the argument");
        assertEquals("", failures.toString());
    }
}
