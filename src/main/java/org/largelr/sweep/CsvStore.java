package org.largelr.sweep;

import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CSV a sweep streams its rows to, and the grid file beside it ({@code <csv>.grid}) that says which grid the
 * rows belong to. The CSV stays plain (header line, then one line per run, in the order runs finished) so any
 * tool reads it; resuming reads it back, drops a last line cut short by a kill, and appends.
 *
 * <p>All file access goes through java.io streams: NIO channels close themselves when the thread using them is
 * interrupted, and an interrupt (a notebook's stop button) must never cost the rows already finished.
 */
final class CsvStore implements RowStore {
    private final Path csv, gridFile;
    private final List<Column> columns;
    private final String header;
    private BufferedWriter out;

    private CsvStore(Path csv, List<Column> columns) {
        this.csv = csv;
        this.gridFile = gridFileOf(csv);
        this.columns = columns;
        this.header = columns.stream().map(Column::name).collect(Collectors.joining(","));
    }

    static Path gridFileOf(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".grid");
    }

    static String fingerprint(Plan plan) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(plan.canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the values' bits, in hex: identifies a target matrix without printing it. */
    static String digest(double[] values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * 1024);
            for (double v : values) {
                if (b.remaining() < 8) {
                    b.flip();
                    md.update(b);
                    b.clear();
                }
                b.putLong(Double.doubleToLongBits(v));
            }
            b.flip();
            md.update(b);
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens {@code csv} for {@code plan}: a new file gets a header and a grid file; an existing one must carry
     * this grid's fingerprint, and its rows go into {@code results}.
     *
     * @throws IllegalArgumentException when the file belongs to another grid or is not a sweep CSV
     */
    static CsvStore open(Path csv, Plan plan, Results results) {
        CsvStore s = new CsvStore(csv, plan.columns());
        try {
            s.openOrResume(plan, results, plan.runs());
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot use " + csv + ": " + e.getMessage(), e);
        }
        return s;
    }

    private void openOrResume(Plan plan, Results results, int runs) throws IOException {
        String fp = fingerprint(plan);
        boolean existing = Files.isRegularFile(csv) && Files.size(csv) > 0;
        if (existing) {
            if (!Files.isRegularFile(gridFile))
                throw new IllegalArgumentException("csv: cannot resume " + csv + ": its grid file " + gridFile.getFileName()
                        + " is missing, so it is unknown which grid the rows belong to; move " + csv.getFileName()
                        + " away to start over");
            List<String> grid = readString(gridFile).lines().toList();
            String stored = grid.stream().filter(l -> l.startsWith("fingerprint: ")).map(l -> l.substring(13).strip())
                    .findFirst().orElse("(none)");
            if (!stored.equals(fp)) {
                String what = grid.stream().filter(l -> l.startsWith("grid: ")).map(l -> l.substring(6))
                        .findFirst().orElse("?");
                throw new IllegalArgumentException("csv: " + csv + " holds runs of a different grid (fingerprint "
                        + stored + ": " + what + "); this grid has fingerprint " + fp + " (" + plan.describe()
                        + "); use another file, or delete it to start over");
            }
            readRows(results, runs);
            out = writer(csv, true);
        } else {
            writeGridFile(plan, fp);
            out = writer(csv, false);
            out.write(header);
            out.write('\n');
            out.flush();
        }
    }

    private void writeGridFile(Plan plan, String fp) throws IOException {
        writeString(gridFile, "largelr sweep grid: resuming " + csv.getFileName()
                + " requires the same grid\nfingerprint: " + fp + "\nruns: " + plan.runs() + "\ngrid: "
                + plan.describe() + "\ncolumns: " + header + "\n");
    }

    private void readRows(Results results, int runs) throws IOException {
        byte[] bytes;
        try (InputStream in = new FileInputStream(csv.toFile())) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int firstBreak = text.indexOf('\n');
        String first = (firstBreak < 0 ? text : text.substring(0, firstBreak)).strip();
        if (!first.equals(header))
            throw new IllegalArgumentException("csv: " + csv + " does not start with this sweep's header '" + header
                    + "' (found '" + first + "'); use another file, or delete it to start over");
        if (firstBreak < 0) {   // header cut short: rewrite it
            writeString(csv, header + "\n");
            return;
        }
        int runColumn = columns.size() - 1;
        long keep = firstBreak + 1;   // bytes of complete, valid lines
        int pos = firstBreak + 1;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) break;   // a line cut short by a kill: dropped, its run is computed again
            String line = text.substring(pos, end);
            double[] row;
            try {
                row = Results.parseLine(columns, line);
            } catch (RuntimeException e) {
                break;   // garbage from a torn write: keep what came before it
            }
            double run = row[runColumn];
            if (run < 0 || run >= runs || run != Math.rint(run)) break;
            results.put((int) run, row);
            pos = end + 1;
            keep = pos;
        }
        if (keep < bytes.length) {
            // Truncate at the first bad byte so appended rows start on a fresh line.
            Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
            try (OutputStream o = new FileOutputStream(tmp.toFile())) {
                o.write(bytes, 0, (int) utf8Length(text, (int) keep));
            }
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static BufferedWriter writer(Path p, boolean append) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(p.toFile(), append), StandardCharsets.UTF_8));
    }

    private static void writeString(Path p, String s) throws IOException {
        try (BufferedWriter w = writer(p, false)) {
            w.write(s);
        }
    }

    private static String readString(Path p) throws IOException {
        try (InputStream in = new FileInputStream(p.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long utf8Length(String text, int chars) {
        return text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Appends finished rows and flushes them to the operating system, so a kill loses none of them. */
    @Override
    public synchronized void append(List<String> lines) {
        if (out == null || lines.isEmpty()) return;
        try {
            for (String l : lines) {
                out.write(l);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** After a complete sweep: the same rows again, in grid order, so the file no longer depends on timing. */
    @Override
    public synchronized void rewriteInGridOrder(Results results, int runs) {
        close();
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (BufferedWriter w = writer(tmp, false)) {
            w.write(header);
            w.write('\n');
            boolean[] done = results.doneCopy();
            for (int r = 0; r < runs; r++) {
                if (!done[r]) continue;
                w.write(Results.csvLine(columns, results.row(r)));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot replace " + csv + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot close " + csv + ": " + e.getMessage(), e);
        } finally {
            out = null;
        }
    }

    static List<String> lines(List<Column> columns, List<double[]> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (double[] r : rows) out.add(Results.csvLine(columns, r));
        return out;
    }
}
