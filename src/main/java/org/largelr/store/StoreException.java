package org.largelr.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A result file that cannot be used: locked by another process, unwritable, on a full disk. The message is one
 * line for people ("path: reason"); the command line prefixes it with the option that named the path.
 */
public final class StoreException extends RuntimeException {
    private final Path path;
    private final String reason;

    /** A failure of {@code path}, for {@code reason} (one line, e.g. the system's "No space left on device"). */
    public StoreException(Path path, String reason) {
        this(path, reason, null);
    }

    /** As {@link #StoreException(Path, String)}, keeping the exception that caused it. */
    public StoreException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The file the problem is about. */
    public Path path() { return path; }

    /** What went wrong, without the path. */
    public String reason() { return reason; }

    /** {@code doing + ": " + the OS's reason}, e.g. "cannot write: No space left on device". */
    public static StoreException of(Path path, String doing, IOException e) {
        return new StoreException(path, doing + ": " + reason(e), e);
    }

    /** The operating system's reason in an I/O error, without Java class names or repeated paths. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        String m = e.getMessage();
        if (m == null || m.isBlank()) return "input/output error";
        // java.io puts the reason in parentheses after the path: "/x/y.csv (Read-only file system)".
        if (e instanceof FileNotFoundException && m.endsWith(")") && m.lastIndexOf(" (") >= 0)
            return m.substring(m.lastIndexOf(" (") + 2, m.length() - 1);
        return m;
    }
}
