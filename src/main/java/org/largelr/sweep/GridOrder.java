package org.largelr.sweep;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.largelr.store.AtomicFile;
import org.largelr.store.StoreException;

/**
 * Rewrites a sweep CSV once, in bounded memory: keeping only some of its lines, and, when asked, in grid order.
 * The lines of a sweep CSV come in ascending runs already (each session writes in grid order, bar rows written
 * ahead of a slow run), so ordering is a merge of those sorted stretches, {@link #FAN_IN} at a time, through
 * scratch files beside the CSV; the result replaces the CSV atomically.
 */
final class GridOrder {
    /** Sorted stretches merged at once: a 64 KB buffer each. */
    static final int FAN_IN = 128;

    private GridOrder() {}

    /** The scratch files of a rewrite ({@code k} = 1, 2), removed when it ends; a killed rewrite leaves them. */
    static Path scratchOf(Path csv, int k) {
        return csv.resolveSibling(csv.getFileName() + ".sort" + k);
    }

    /**
     * Replaces {@code csv} by its header and the data lines whose index (0 = first data line) {@code drop} does not
     * hold (null: all), in grid order when {@code order}. A last line without a newline is never kept.
     */
    static void rewrite(Path csv, String header, RunSet drop, boolean order) {
        Path a = scratchOf(csv, 1), b = scratchOf(csv, 2);
        try {
            if (!order) {
                try (AtomicFile f = AtomicFile.replace(csv); Reader in = new Reader(csv, 0, Long.MAX_VALUE)) {
                    f.line(header);
                    in.line();
                    for (int i = 0; in.line() != null; i++) if (drop == null || !drop.contains(i)) f.line(in.text());
                    f.commit();
                }
                return;
            }
            List<Long> starts = new ArrayList<>();   // byte offsets of the sorted stretches in the scratch file
            long end;
            try (Reader in = new Reader(csv, 0, Long.MAX_VALUE); Out out = new Out(a)) {
                in.line();
                int previous = Integer.MIN_VALUE;
                for (int i = 0; in.line() != null; i++) {
                    if (drop != null && drop.contains(i)) continue;
                    int run = in.run();
                    if (run < previous || starts.isEmpty()) starts.add(out.position);
                    previous = run;
                    out.line(in);
                }
                end = out.position;
            }
            while (starts.size() > FAN_IN) {
                List<Long> merged = new ArrayList<>();
                try (Out out = new Out(b)) {
                    for (int g = 0; g < starts.size(); g += FAN_IN) {
                        merged.add(out.position);
                        merge(a, starts, g, Math.min(starts.size(), g + FAN_IN), end, out::line);
                    }
                    end = out.position;
                }
                Files.move(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                starts = merged;
            }
            try (AtomicFile f = AtomicFile.replace(csv)) {
                f.line(header);
                merge(a, starts, 0, starts.size(), end, r -> f.line(r.text()));
                f.commit();
            }
        } catch (IOException e) {
            throw StoreException.of(csv, "cannot rewrite", e);
        } finally {
            try {
                Files.deleteIfExists(a);
                Files.deleteIfExists(b);
            } catch (IOException ignored) {
                // a leftover scratch file is removed by the next writer, which holds the lock
            }
        }
    }

    private interface LineSink {
        void accept(Reader line) throws IOException;
    }

    /** Merges the stretches {@code [from, to)} of {@code file} (each ascending by run) into {@code sink}. */
    private static void merge(Path file, List<Long> starts, int from, int to, long end, LineSink sink) throws IOException {
        PriorityQueue<Reader> heads = new PriorityQueue<>((x, y) -> Integer.compare(x.run(), y.run()));
        List<Reader> open = new ArrayList<>();
        try {
            for (int s = from; s < to; s++) {
                Reader r = new Reader(file, starts.get(s), (s + 1 < starts.size() ? starts.get(s + 1) : end) - starts.get(s));
                open.add(r);
                if (r.line() != null) heads.add(r);
            }
            for (Reader r; (r = heads.poll()) != null; ) {
                sink.accept(r);
                if (r.line() != null) heads.add(r);
            }
        } finally {
            for (Reader r : open) r.close();
        }
    }

    /** Whole lines of a byte range of a file, with the run index (the last cell) of the current one. */
    private static final class Reader implements AutoCloseable {
        private final InputStream in;
        private long left;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private int run;

        Reader(Path file, long offset, long length) throws IOException {
            FileInputStream f = new FileInputStream(file.toFile());
            f.getChannel().position(offset);
            in = new BufferedInputStream(f, 1 << 16);
            left = length;
        }

        /** The next whole line (without its newline), or null at the end; a last line without newline is dropped. */
        byte[] line() throws IOException {
            line.reset();
            while (left > 0) {
                int b = in.read();
                if (b < 0) break;
                left--;
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int r = 0, i = bytes.length - 1;
                    long scale = 1;
                    while (i >= 0 && bytes[i] != ',') {
                        r += (int) ((bytes[i] - '0') * scale);
                        scale *= 10;
                        i--;
                    }
                    run = r;
                    current = bytes;
                    return bytes;
                }
                line.write(b);
            }
            current = null;
            return null;
        }

        private byte[] current;

        int run() {
            return run;
        }

        String text() {
            return new String(current, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A scratch file, with the byte offset reached. */
    private static final class Out implements AutoCloseable {
        private final OutputStream out;
        long position;

        Out(Path file) throws IOException {
            out = new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16);
        }

        void line(Reader r) throws IOException {
            out.write(r.current);
            out.write('\n');
            position += r.current.length + 1;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
