package org.largelr.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks made before any work starts, so a bad output path fails in a second, not after hours of computing. */
public final class OutputPath {
    private OutputPath() {}

    /**
     * Throws {@link StoreException} unless {@code out} can be created or replaced: its directory exists and is
     * writable, and {@code out} is not a directory.
     */
    public static Path requireWritable(Path out) {
        if (out == null) throw new IllegalArgumentException("output path must not be null");
        Path abs = out.toAbsolutePath();
        Path parent = abs.getParent();
        if (Files.isDirectory(abs)) throw new StoreException(out, "is a directory");
        if (parent == null || !Files.exists(parent))
            throw new StoreException(out, "its directory " + parent + " does not exist");
        if (!Files.isDirectory(parent)) throw new StoreException(out, parent + " is not a directory");
        if (!Files.isWritable(parent)) throw new StoreException(out, "its directory " + parent + " is not writable");
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(abs))
            throw new StoreException(out, "is not writable");
        return out;
    }

    /** True for an output named {@code *.parquet}: a directory of Parquet parts, not a file. */
    public static boolean isParts(Path out) {
        return out != null && out.getFileName() != null && out.getFileName().toString().endsWith(".parquet");
    }

    /**
     * Throws {@link StoreException} unless the directory of parts {@code dir} can be created or added to: its parent
     * exists and is writable, and {@code dir} is a writable directory or absent (a file of that name is refused).
     */
    public static Path requireWritableParts(Path dir) {
        if (dir == null) throw new IllegalArgumentException("output path must not be null");
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs))
            throw new StoreException(dir, "is a file; a .parquet output is a directory of parts (move it away or use another name)");
        if (Files.isDirectory(abs) && !Files.isWritable(abs)) throw new StoreException(dir, "is not writable");
        requireWritable(abs.resolveSibling(abs.getFileName() + ".lock"));   // its parent is usable
        return dir;
    }

    /** True when both paths name the same file (after links and relative parts); false if either is missing. */
    public static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) return false;
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
