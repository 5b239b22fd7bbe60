package org.largelr.cli;

import java.io.PrintWriter;

import org.largelr.store.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point; every failure ends with a non-zero status and one line on stderr that names the argument. */
@Command(name = "largelr", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Large-learning-rate gradient descent on 1/2 ||A - X Y^T||_F^2.",
        subcommands = {GdCommand.class, SweepCommand.class})
public final class Main implements Runnable {
    /** Exit status for bad input or an unusable path. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status after Ctrl-C (128 + SIGINT), as shells expect; SIGTERM gives 143 (the JVM's own). */
    public static final int EXIT_INTERRUPTED = 130;
    /** Exit status when the command failed for a reason that is not the input's (out of memory, a bug). */
    public static final int EXIT_FAILED = 1;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(ex.getCommandLine().getCommandName() + ": " + oneLine(ex.getMessage()));
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            int status = EXIT_BAD_INPUT;
            String message;
            if (ex instanceof IllegalArgumentException) message = ex.getMessage();
            else if (ex instanceof StoreException se) message = "--out " + se.getMessage();
            else if (ex instanceof java.io.UncheckedIOException io) message = io.getMessage();
            else {
                status = EXIT_FAILED;
                message = "failed: " + (ex.getMessage() == null ? "internal error" : ex.getMessage());
            }
            err.println(name + ": " + oneLine(message));
            err.flush();
            return status;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("largelr: out of memory (give java more with -Xmx, or ask for less: fewer runs, a larger"
                    + " --record-every)");
            err.flush();
            return EXIT_FAILED;
        }
    }

    /**
     * A number in a summary: finite ones with all 17 digits, a value too large for a double as Infinity, and one
     * lost to overflow inside its formula (a NaN) as "overflow", so no summary shows NaN.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return "overflow";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        return String.format(java.util.Locale.ROOT, "%.17g", v);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required: gd or sweep (see --help)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"largelr " + (v == null ? "(development build)" : v)};
        }
    }
}
