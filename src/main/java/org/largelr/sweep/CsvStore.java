package org.largelr.sweep;

import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.largelr.store.AtomicFile;
import org.largelr.store.OutputLock;
import org.largelr.store.OutputPath;
import org.largelr.store.StoreException;

/**
 * The CSV a sweep streams its rows to, and the grid file beside it ({@code <csv>.grid}) that says which grid the
 * rows belong to. The CSV stays plain (header line, then one line per run, in the order runs finished) so any
 * tool reads it.
 *
 * <p>One writer at a time: the store holds the {@link OutputLock} of the CSV from {@link #open} to {@link #close}.
 * Resuming checks every line (numbers in the form this class writes, run index in the grid, parameters equal to
 * the grid's for that run, no run twice) and keeps each good one; the rest are reported and their runs computed
 * again. Files are created with the first finished row, so a sweep refused or stopped before it leaves nothing
 * behind, and replaced only atomically (a temporary file renamed over them).
 *
 * <p>All file access goes through java.io streams: NIO channels close themselves when the thread using them is
 * interrupted, and an interrupt (a notebook's stop button) must never cost the rows already finished.
 */
final class CsvStore implements RowStore {
    private static final Pattern DOUBLE = Pattern.compile("-?(\\d+\\.\\d+(E-?\\d+)?|Infinity)|NaN");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private final Path csv, gridFile;
    private final Plan plan;
    private final Results results;
    private final List<Column> columns;
    private final String header;
    private final Consumer<String> notices;
    private final OutputLock lock;
    private BufferedWriter out;
    private boolean created;     // the CSV and its grid file exist on disk
    private boolean ordered;     // the lines on disk are in grid order
    private int lastRun = -1;    // run index of the last line on disk
    private StoreException failure;
    private boolean closed;

    private CsvStore(Path csv, Plan plan, Results results, Consumer<String> notices, OutputLock lock) {
        this.csv = csv;
        this.gridFile = gridFileOf(csv);
        this.plan = plan;
        this.results = results;
        this.columns = plan.columns();
        this.header = columns.stream().map(Column::name).collect(Collectors.joining(","));
        this.notices = notices;
        this.lock = lock;
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

    /** {@link #open(Path, Plan, Results, Consumer)} with notices to System.err. */
    static CsvStore open(Path csv, Plan plan, Results results) {
        return open(csv, plan, results, System.err::println);
    }

    /**
     * Takes the lock of {@code csv} and opens it for {@code plan}: an existing file must carry this grid's
     * fingerprint, and its valid rows go into {@code results}; what was skipped is told to {@code notices}.
     *
     * @throws IllegalArgumentException when the file belongs to another grid or is not a sweep CSV
     * @throws StoreException when the file cannot be used (another writer has it, no permission, ...)
     */
    static CsvStore open(Path csv, Plan plan, Results results, Consumer<String> notices) {
        OutputPath.requireWritable(csv);
        Path gridFile = gridFileOf(csv);
        if (Files.isDirectory(gridFile)) throw new StoreException(gridFile, "is a directory, not a grid file");
        OutputLock lock = OutputLock.acquire(csv);
        CsvStore s = new CsvStore(csv, plan, results, notices, lock);
        try {
            s.openOrResume();
        } catch (IOException e) {
            lock.close();
            throw StoreException.of(csv, "cannot read", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return s;
    }

    private void openOrResume() throws IOException {
        Path tmp = AtomicFile.tempOf(csv);
        if (Files.deleteIfExists(tmp))   // we hold the lock: it is a leftover of a writer that was killed
            notices.accept("csv: removed " + tmp.getFileName() + ", left by an interrupted rewrite of " + csv.getFileName());
        if (!Files.isRegularFile(csv) || Files.size(csv) == 0) return;   // created with the first row
        try (Lines lines = new Lines(csv)) {
            String first = lines.next();
            if (first == null) first = lines.tail();
            if (first.startsWith("\uFEFF")) first = first.substring(1);
            first = first.strip();
            if (!lines.hasDataLines() && (first.equals(header) || header.startsWith(first))) {
                // Only a header (or part of one): nothing to lose, whichever grid wrote it. Start over.
                lines.close();
                Files.deleteIfExists(gridFile);
                Files.delete(csv);
                return;
            }
            if (!Files.isRegularFile(gridFile))
                throw new IllegalArgumentException("csv: cannot resume " + csv + ": its grid file " + gridFile.getFileName()
                        + " is missing, so it is unknown which grid the rows belong to; move " + csv.getFileName()
                        + " away to start over");
            List<String> grid = readString(gridFile).lines().toList();
            String fp = fingerprint(plan);
            String stored = grid.stream().filter(l -> l.startsWith("fingerprint: ")).map(l -> l.substring(13).strip())
                    .findFirst().orElse("(none)");
            if (!stored.equals(fp)) {
                String what = grid.stream().filter(l -> l.startsWith("grid: ")).map(l -> l.substring(6))
                        .findFirst().orElse("?");
                throw new IllegalArgumentException("csv: " + csv + " holds runs of a different grid (fingerprint "
                        + stored + ": " + what + "); this grid has fingerprint " + fp + " (" + plan.describe()
                        + "); use another file, or delete it to start over");
            }
            if (!first.equals(header))
                throw new IllegalArgumentException("csv: " + csv + " does not start with this sweep's header '" + header
                        + "' (found '" + first + "'); use another file, or delete it to start over");
            created = true;
            readRows(lines);
        }
        out = writer(csv, true);
    }

    /**
     * Reads the data lines one at a time (a resumed file may be larger than memory allows twice); keeps the valid
     * ones in the results; rewrites the file from them when anything was dropped.
     */
    private void readRows(Lines lines) throws IOException {
        int runColumn = columns.size() - 1;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        java.util.Set<Integer> conflicting = new java.util.TreeSet<>();
        String example = null;   // the first parameter mismatch, for the notice
        boolean inOrder = true;
        int previous = -1, kept = 0;
        for (String line; (line = lines.next()) != null; ) {
            String why = problem(line);
            double[] row = null;
            if (why == null) {
                row = Results.parseLine(columns, line);
                String differs = plan.mismatch((int) row[runColumn], row);
                if (differs != null) {
                    why = "lines whose parameters differ from the grid's for their run";
                    if (example == null) example = differs;
                }
            }
            if (why != null) {
                skipped.merge(why, 1, Integer::sum);
                continue;
            }
            int run = (int) row[runColumn];
            if (!results.put(run, row)) {
                if (sameBits(results.row(run), row)) skipped.merge("a run listed twice (same values: one kept)", 1, Integer::sum);
                else conflicting.add(run);
                continue;
            }
            kept++;
            if (run < previous) inOrder = false;
            previous = run;
        }
        if (!lines.tail().isEmpty()) skipped.merge("a last line cut short", 1, Integer::sum);
        for (int run : conflicting) results.forget(run);
        if (!conflicting.isEmpty())
            skipped.put("runs listed twice with different values (all their lines dropped, e.g. run "
                    + conflicting.iterator().next() + ")", conflicting.size());
        kept -= conflicting.size();
        boolean complete = results.count() == plan.runs();
        if (!skipped.isEmpty()) {
            int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
            notices.accept("csv: resuming " + csv + ": kept " + kept + " rows, skipped " + n + " line"
                    + (n == 1 ? "" : "s") + ": " + skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining("; ")) + (example == null ? "" : " (first: " + example + ")")
                    + "; their runs are computed again");
        }
        lines.close();
        if (!skipped.isEmpty() || (complete && !inOrder)) {
            rewriteFromResults();   // only whole, valid lines stay, so appended rows start on a fresh line
            inOrder = true;
            previous = lastDone();
        }
        ordered = inOrder;
        lastRun = previous;
    }

    private static boolean sameBits(double[] a, double[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Double.compare(a[i], b[i]) != 0) return false;
        return true;
    }

    private int lastDone() {
        boolean[] done = results.doneCopy();
        for (int r = done.length - 1; r >= 0; r--) if (done[r]) return r;
        return -1;
    }

    /**
     * The lines of a file, read as bytes so that a line cut short (no final newline) is told apart: {@link #next()}
     * gives only whole lines; {@link #tail()} what followed the last newline.
     */
    private static final class Lines implements AutoCloseable {
        private final InputStream in;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
        private String tail;
        private int peeked = -2;

        Lines(Path file) throws IOException {
            in = new java.io.BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16);
        }

        String next() throws IOException {
            if (tail != null) return null;
            line.reset();
            int b;
            while ((b = read()) >= 0 && b != '\n') line.write(b);
            String s = line.toString(StandardCharsets.UTF_8);
            if (b < 0) {
                tail = s;
                return null;
            }
            return s;
        }

        /** Whether anything but blank space follows the current position (for "only a header" files). */
        boolean hasDataLines() throws IOException {
            int b;
            while ((b = read()) >= 0) {
                if (!Character.isWhitespace(b)) {
                    peeked = b;
                    return true;
                }
            }
            tail = "";
            return false;
        }

        private int read() throws IOException {
            if (peeked != -2) {
                int b = peeked;
                peeked = -2;
                return b;
            }
            return in.read();
        }

        String tail() {
            return tail == null ? "" : tail;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Why a line is not one this store wrote, or null when its cells are all of the right form. */
    private String problem(String line) {
        if (line.isBlank()) return "blank lines";
        String[] cells = line.split(",", -1);
        if (cells.length != columns.size()) return "lines with a wrong number of values";
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            boolean ok = switch (columns.get(c).kind()) {
                case DOUBLE -> DOUBLE.matcher(cell).matches();
                case INTEGER -> INTEGER.matcher(cell).matches();
                case CATEGORY -> columns.get(c).labels().contains(cell);
            };
            if (!ok) return "lines with a value that is not a number of this table";
        }
        long run = Long.parseLong(cells[cells.length - 1]);
        if (run < 0 || run >= plan.runs()) return "lines whose run index is outside the grid (0.." + (plan.runs() - 1) + ")";
        return null;
    }

    private void create() throws IOException {
        AtomicFile.write(gridFile, "largelr sweep grid: resuming " + csv.getFileName()
                + " requires the same grid\nfingerprint: " + fingerprint(plan) + "\nruns: " + plan.runs() + "\ngrid: "
                + plan.describe() + "\ncolumns: " + header + "\n");
        out = writer(csv, false);
        out.write(header);
        out.write('\n');
        created = true;
        ordered = true;
    }

    private static BufferedWriter writer(Path p, boolean append) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(p.toFile(), append), StandardCharsets.UTF_8));
    }

    private static String readString(Path p) throws IOException {
        try (InputStream in = new FileInputStream(p.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Appends finished rows and flushes them to the operating system, so a kill loses none of them. */
    @Override
    public synchronized void append(List<String> lines) {
        if (lines.isEmpty()) return;
        if (failure != null) throw failure;
        if (closed) throw new IllegalStateException("csv store of " + csv + " is closed");
        try {
            if (!created) create();
            for (String l : lines) {
                out.write(l);
                out.write('\n');
                int run = Integer.parseInt(l.substring(l.lastIndexOf(',') + 1));
                if (run < lastRun) ordered = false;
                lastRun = run;
            }
            out.flush();
        } catch (IOException e) {
            failure = StoreException.of(csv, "cannot write", e);
            throw failure;
        }
    }

    /** Kept for the runner: the grid-order rewrite happens in {@link #close()}, while the lock is still held. */
    @Override
    public synchronized void rewriteInGridOrder(Results results, int runs) {
        close();
    }

    /**
     * Flushes and closes the CSV; when every run of the grid is in it, puts the rows in grid order (so the file no
     * longer depends on timing); then releases the lock. A failed reordering is a notice, not a failure: every row
     * is saved, and the next run of the same sweep reorders them.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    if (failure == null) failure = StoreException.of(csv, "cannot write", e);
                }
                out = null;
            }
            if (failure == null && created && !ordered && results.count() == plan.runs()) {
                try {
                    rewriteFromResults();
                } catch (StoreException e) {
                    notices.accept("csv: all " + plan.runs() + " rows are saved in " + csv + ", in the order they finished;"
                            + " putting them in grid order failed (" + e.reason() + "); running the same sweep again does it");
                }
            }
        } finally {
            lock.close();
        }
        if (failure != null) throw failure;
    }

    private void rewriteFromResults() {
        try (AtomicFile f = AtomicFile.replace(csv)) {
            f.line(header);
            boolean[] done = results.doneCopy();
            for (int r = 0; r < done.length; r++) if (done[r]) f.line(Results.csvLine(columns, results.row(r)));
            f.commit();
        }
        ordered = true;
    }

    static List<String> lines(List<Column> columns, List<double[]> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (double[] r : rows) out.add(Results.csvLine(columns, r));
        return out;
    }
}
