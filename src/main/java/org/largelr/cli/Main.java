package org.largelr.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point; every failure ends with a non-zero status and one line on stderr that names the argument. */
@Command(name = "largelr", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Large-learning-rate gradient descent on 1/2 ||A - X Y^T||_F^2.",
        subcommands = {GdCommand.class, SweepCommand.class})
public final class Main implements Runnable {
    /** Exit status for bad input or an unusable path. */
    public static final int EXIT_BAD_INPUT = 2;

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
            if (ex instanceof IllegalArgumentException) {
                err.println(commandLine.getCommandName() + ": " + oneLine(ex.getMessage()));
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println(commandLine.getCommandName() + ": failed: " + oneLine(String.valueOf(ex)));
            err.flush();
            return 1;
        });
        return cl.execute(args);
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
