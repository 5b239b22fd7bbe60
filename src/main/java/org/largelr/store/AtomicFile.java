package org.largelr.store;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file replaced all at once: lines go to {@code <target>.tmp} in the same directory, which is synced to disk and
 * renamed over the target on {@link #commit()}. Until then the target keeps its old content; a crash leaves at most
 * the temporary file, which the next writer (holding the {@link OutputLock}) deletes.
 *
 * <p>Writes use java.io streams: an NIO channel closes itself when its thread is interrupted, and an interrupt
 * (Ctrl-C, a notebook's stop) must not cost the rows written so far.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target, tmp;
    private final FileOutputStream stream;
    private final BufferedWriter out;
    private boolean done;

    private AtomicFile(Path target) {
        this.target = target;
        this.tmp = tempOf(target);
        try {
            Files.deleteIfExists(tmp);
            stream = new FileOutputStream(tmp.toFile());
        } catch (IOException e) {
            throw StoreException.of(target, "cannot create " + tmp.getFileName(), e);
        }
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Starts replacing {@code target}. */
    public static AtomicFile replace(Path target) {
        return new AtomicFile(target);
    }

    /** Writes {@code text} as the whole new content of {@code target}. */
    public static void write(Path target, String text) {
        try (AtomicFile f = replace(target)) {
            f.write(text);
            f.commit();
        }
    }

    /** The temporary file beside {@code target}. */
    public static Path tempOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Appends text to the temporary file; a failure names the path and the system's reason. */
    public void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw fail("cannot write", e);
        }
    }

    /** Appends one line and a newline, as {@link #write(String)}. */
    public void line(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw fail("cannot write", e);
        }
    }

    /** Syncs the new content to disk and renames it over the target. */
    public void commit() {
        try {
            out.flush();
            stream.getFD().sync();
            out.close();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            throw fail("cannot write", e);
        }
        syncDirectory(target);
    }

    /** Without {@link #commit()}: the target is left as it was and the temporary file removed. */
    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the first error was reported already; this one (often the same full disk) would only hide it
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the next writer deletes it
        }
    }

    private StoreException fail(String doing, IOException e) {
        close();
        return StoreException.of(target, doing, e);
    }

    /** Makes a rename durable (best effort: not every file system lets a directory be opened). */
    public static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | RuntimeException ignored) {
            // the data itself is synced; only the rename's durability is at stake
        }
    }
}
