package org.largelr.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.largelr.store.OutputLock;
import org.largelr.store.StoreException;

/**
 * The lifecycle every row store shares: the output's lock held from opening to {@link #close}, the count of saved
 * rows, and a failure that sticks (after a failed write every further append throws it, and close throws it once
 * the lock is released). Subclasses only write rows and finish their file.
 */
abstract class LockedRowStore implements RowStore {
    private final Path path;
    private final String writing;
    private final OutputLock lock;
    /** Rows saved: read back and kept, plus appended. */
    protected long saved;
    private StoreException failure;
    private boolean closed;

    /** A store of {@code path} holding its {@code lock}; {@code writing} says what a failed write was doing ("cannot write"). */
    LockedRowStore(Path path, String writing, OutputLock lock) {
        this.path = path;
        this.writing = writing;
        this.lock = lock;
    }

    /** Reading back what an output already holds, which may fail with an I/O error. */
    interface Reading {
        void run() throws IOException;
    }

    /** Runs {@code read} on a store just opened; on any failure the lock is released before the error goes up. */
    final void readBack(Reading read) {
        try {
            read.run();
        } catch (IOException e) {
            lock.close();
            throw StoreException.of(path, "cannot read", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Writes the rows (values in the plan's column order) so that a kill loses none of them. */
    protected abstract void write(List<double[]> rows) throws IOException;

    /** After a failed write: lets go of what was being written. */
    protected void abandon() {}

    /** Finishes the output at close, before the lock is released; {@code failed} says a write failed before. */
    protected abstract void finish(boolean failed) throws IOException;

    /** Whether the store failed (no further row can be written). */
    protected final boolean failed() {
        return failure != null;
    }

    @Override
    public final synchronized void append(List<double[]> rows) {
        if (rows.isEmpty()) return;
        if (failure != null) throw failure;
        if (closed) throw new IllegalStateException("the row store of " + path + " is closed");
        try {
            write(rows);
        } catch (IOException | RuntimeException e) {
            failure = failure(e);
            abandon();
            throw failure;
        }
        saved += rows.size();
    }

    @Override
    public final synchronized long saved() {
        return saved;
    }

    @Override
    public final synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            finish(failure != null);
        } catch (IOException | RuntimeException e) {
            if (failure == null) failure = failure(e);   // else the first error is the one reported
        } finally {
            lock.close();
        }
        if (failure != null) throw failure;
    }

    /** What a failed write or finish ends the store with: a store error as it is, any other with its reason. */
    private StoreException failure(Exception e) {
        return e instanceof StoreException se ? se : StoreException.of(path, writing,
                e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
}
