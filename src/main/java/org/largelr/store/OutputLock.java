package org.largelr.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The exclusive right to write one result file: an operating-system lock on {@code <out>.lock}, which says who has
 * it ("pid 1234 on host since 2026-..."). A second writer, in this process or another, is refused at once instead
 * of interleaving its rows with the first one's. The OS drops the lock when its holder dies, even by kill -9.
 *
 * <p>The lock file stays beside the output, empty when nobody holds it. Deleting it would let a writer that opened
 * it just before the deletion lock a file nobody else sees; and while the lock is held this process never opens the
 * lock file a second time, because closing any descriptor of a file drops the process's POSIX locks on it.
 */
public final class OutputLock implements AutoCloseable {
    private final RandomAccessFile file;
    private final FileLock lock;

    private OutputLock(RandomAccessFile file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /** The lock file of an output. */
    public static Path lockFileOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code out} or throws {@link StoreException} naming the process that holds it. Never waits.
     */
    public static OutputLock acquire(Path out) {
        Path lockFile = lockFileOf(out);
        RandomAccessFile f;
        try {
            f = new RandomAccessFile(lockFile.toFile(), "rw");
        } catch (IOException e) {
            throw StoreException.of(out, "cannot create its lock file " + lockFile.getFileName(), e);
        }
        FileLock lock;
        boolean here = false;
        try {
            lock = f.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this very process
            here = true;
        } catch (IOException e) {
            closeQuietly(f);
            throw StoreException.of(out, "cannot lock " + lockFile.getFileName(), e);
        }
        if (lock == null) {
            closeQuietly(f);
            throw new StoreException(out, "is being written by " + (here ? "another run in this process" : "another process")
                    + " (" + holder(lockFile)
                    + ", lock file " + lockFile.getFileName() + "); wait for it to finish or use another output file");
        }
        try {
            f.setLength(0);
            f.write((who() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            closeQuietly(f);
            throw StoreException.of(out, "cannot write its lock file " + lockFile.getFileName(), e);
        }
        return new OutputLock(f, lock);
    }

    /** "pid 1234 on host h since 2026-12-01T20:00:00Z", or why that is unknown. */
    static String holder(Path lockFile) {
        try {
            String s = Files.readString(lockFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return s.isEmpty() ? "a process that has not written its name yet" : s;
        } catch (IOException e) {
            return "a process that cannot be named: " + StoreException.reason(e);
        }
    }

    private static String who() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now();
    }

    /** Empties the lock file (through the descriptor that holds the lock) and releases it. */
    @Override
    public void close() {
        try {
            file.setLength(0);
        } catch (IOException ignored) {
            // stale text is harmless: it is read only when the lock is taken
        }
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // closing the file below releases it too
        }
        closeQuietly(file);
    }

    private static void closeQuietly(RandomAccessFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // nothing was written through it that matters
        }
    }

}
