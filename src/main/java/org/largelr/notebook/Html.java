package org.largelr.notebook;

/**
 * A piece of HTML that every kernel shows rendered: rapaio, IJava and JJava (once {@link Kernels#setup()} has run
 * in IJava) display it as {@code text/html}, where a bare {@code String} would show its source. {@link #toString()}
 * is the source, so it still prints, concatenates and compares as the text it is.
 *
 * @param source the HTML markup, never null
 */
public record Html(String source) {
    /** Refuses a null source. */
    public Html {
        Display.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return source;
    }
}
