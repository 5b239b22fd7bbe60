package org.largelr.cli;

import java.nio.file.Path;
import java.util.List;

import org.largelr.api.Sweep;

import picocli.CommandLine;

/**
 * The {@code largelr sweep} command line as a {@link Sweep}, for runners that schedule the grid themselves (Spark):
 * picocli parses the arguments into {@link SweepCommand} itself, so the options, their names and their checks are
 * the CLI's. It lives in the CLI's package (on the classpath beside the core jar) to read the parsed fields.
 */
public final class SweepArguments {
    private SweepArguments() {}

    /** The parsed arguments: the grid and the {@code --out} path. */
    public record Parsed(Sweep sweep, Path out) {}

    /**
     * Parses {@code largelr sweep} arguments (without the word {@code sweep}).
     *
     * @throws IllegalArgumentException naming the option, for anything the CLI would reject
     */
    public static Parsed parse(List<String> args) {
        SweepCommand c = new SweepCommand();
        try {
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("sweep: " + Main.oneLine(e.getMessage()), e);
        }
        return new Parsed(c.sweep(), c.out);
    }

    /** The CLI's own help for these options. */
    public static void usage(java.io.PrintStream out) {
        new CommandLine(new SweepCommand()).usage(out);
    }
}
