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
import java.util.UUID;

/**
 * The exclusive right to write one result file: an operating-system lock on {@code <out>.lock}, which holds who has
 * it ("pid 1234 on host since 2026-..."). A second writer, in this process or another, is refused at once instead
 * of interleaving its rows with the first one's. The OS drops the lock when its holder dies, even by kill -9.
 *
 * <p>The lock file is deleted on release. So that a writer never holds a lock on a file that was deleted under it
 * (while a third one locks the new file of the same name), a writer checks after locking that the file at the path
 * is still the one it wrote its token to, and tries again otherwise.
 */
public final class OutputLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    private final Path lockFile;
    private final RandomAccessFile file;
    private final FileLock lock;
    private final String token;

    private OutputLock(Path lockFile, RandomAccessFile file, FileLock lock, String token) {
        this.lockFile = lockFile;
        this.file = file;
        this.lock = lock;
        this.token = token;
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
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RandomAccessFile f;
            try {
                f = new RandomAccessFile(lockFile.toFile(), "rw");
            } catch (IOException e) {
                throw StoreException.of(out, "cannot create its lock file " + lockFile.getFileName(), e);
            }
            FileLock lock;
            try {
                lock = f.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;   // held by this very process
            } catch (IOException e) {
                closeQuietly(f);
                throw StoreException.of(out, "cannot lock " + lockFile.getFileName(), e);
            }
            if (lock == null) {
                closeQuietly(f);
                throw new StoreException(out, "is being written by another process (" + holder(lockFile)
                        + ", lock file " + lockFile.getFileName() + "); wait for it to finish or use another output file");
            }
            String token = UUID.randomUUID().toString();
            try {
                f.setLength(0);
                f.write((who() + "\ntoken " + token + "\n").getBytes(StandardCharsets.UTF_8));
                if (stillOurs(lockFile, token)) return new OutputLock(lockFile, f, lock, token);
            } catch (IOException e) {
                closeQuietly(f);
                throw StoreException.of(out, "cannot write its lock file " + lockFile.getFileName(), e);
            }
            closeQuietly(f);   // the path now names a newer lock file: compete for that one
        }
        throw new StoreException(out, "its lock file " + lockFile.getFileName() + " keeps being replaced by other writers");
    }

    private static boolean stillOurs(Path lockFile, String token) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8).contains("token " + token);
        } catch (IOException e) {
            return false;
        }
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

    /** Deletes the lock file (while still holding the lock) and releases it. */
    @Override
    public void close() {
        if (stillOurs(lockFile, token)) {
            try {
                Files.deleteIfExists(lockFile);
            } catch (IOException ignored) {
                // a stale lock file is harmless: the next writer locks and rewrites it
            }
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
