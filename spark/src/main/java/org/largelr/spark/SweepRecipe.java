package org.largelr.spark;

import java.io.Serializable;
import java.util.List;

import org.largelr.cli.SweepArguments;
import org.largelr.api.Sweep;

/**
 * How to build a sweep, sent to every executor instead of the sweep itself: each builds the same immutable
 * {@link Sweep} (and checks its fingerprint against the driver's), so the grid is described once, with the library's
 * own API or the CLI's options. A lambda works: {@code SweepRecipe r = () -> Sweep.scalar(1.0).h(...)...;}.
 */
@FunctionalInterface
public interface SweepRecipe extends Serializable {
    /** The sweep; called on the driver and in every task, so it must give the same grid everywhere. */
    Sweep sweep();

    /**
     * The grid of a {@code largelr sweep} command line (without the word {@code sweep}); {@code --out} is ignored
     * here. A matrix read with {@code --a} must be at that path on every node.
     */
    static SweepRecipe cli(List<String> args) {
        SweepArguments.parse(args);   // fails here, on the driver, for bad arguments
        return new Cli(List.copyOf(args));
    }

    /** The CLI's arguments, parsed again where the sweep is needed. */
    record Cli(List<String> args) implements SweepRecipe {
        @Override
        public Sweep sweep() {
            return SweepArguments.parse(args).sweep();
        }
    }
}
