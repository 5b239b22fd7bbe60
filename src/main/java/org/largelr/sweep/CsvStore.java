package org.largelr.sweep;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

import org.largelr.sweep.RowStore.Kept;
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
final class CsvStore extends LockedRowStore {
    private static final Pattern DOUBLE = Pattern.compile("-?(\\d+\\.\\d+(E-?\\d+)?|Infinity)");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private final Path csv, gridFile;
    private final Plan plan;
    private final RunSet done;
    private final Kept kept;
    private final List<Column> columns;
    private final String header;
    private final Consumer<String> notices;
    private FileOutputStream out;
    private final CsvLines text;
    private boolean created;     // the CSV and its grid file exist on disk
    private boolean ordered;     // the lines on disk are in grid order
    private int lastRun = -1;    // run index of the last line on disk

    private CsvStore(Path csv, Plan plan, RunSet done, Kept kept, Consumer<String> notices, OutputLock lock) {
        super(csv, "cannot write", lock);
        this.csv = csv;
        this.gridFile = gridFileOf(csv);
        this.plan = plan;
        this.done = done;
        this.kept = kept;
        this.columns = plan.columns();
        this.header = columns.stream().map(Column::name).collect(Collectors.joining(","));
        this.text = new CsvLines(columns);
        this.notices = notices;
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
     * Takes the lock of {@code csv} and opens it for {@code plan}: an existing file must carry this grid's
     * fingerprint, and its valid rows go into {@code done} and {@code kept}; what was skipped is told to
     * {@code notices}.
     *
     * @throws IllegalArgumentException when the file belongs to another grid or is not a sweep CSV
     * @throws StoreException when the file cannot be used (another writer has it, no permission, ...)
     */
    static CsvStore open(Path csv, Plan plan, RunSet done, Kept kept, Consumer<String> notices) {
        OutputPath.requireWritable(csv);
        Path gridFile = gridFileOf(csv);
        if (Files.isDirectory(gridFile)) throw new StoreException(gridFile, "is a directory, not a grid file");
        OutputLock lock = OutputLock.acquire(csv);
        CsvStore s = new CsvStore(csv, plan, done, kept, notices, lock);
        s.readBack(s::openOrResume);
        return s;
    }

    private void openOrResume() throws IOException {
        Path tmp = AtomicFile.tempOf(csv);
        for (Path left : List.of(tmp, GridOrder.scratchOf(csv, 1), GridOrder.scratchOf(csv, 2)))
            if (Files.deleteIfExists(left))   // we hold the lock: it is a leftover of a writer that was killed
                notices.accept("csv: removed " + left.getFileName() + ", left by an interrupted rewrite of " + csv.getFileName());
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
     * Reads the data lines one at a time (a resumed file may be larger than memory): each valid line's run goes into
     * {@code done} and its row to {@code kept}. A run listed twice is looked at again in a second pass over its
     * lines only: same bits, one is kept; different, none. When anything was dropped the file is rewritten from
     * the lines kept, once, in one pass (and put in grid order if it is complete).
     */
    private void readRows(Lines lines) throws IOException {
        int runColumn = columns.size() - 1;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        RunSet dropLines = new RunSet(Integer.MAX_VALUE);   // line numbers (0 = first data line) not to keep
        java.util.Set<Integer> twice = new java.util.HashSet<>();
        String example = null;   // the first parameter mismatch, for the notice
        boolean inOrder = true;
        int previous = -1, index = -1;
        long kept = 0;
        for (String line; (line = lines.next()) != null; ) {
            index++;
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
                dropLines.add(index);
                continue;
            }
            int run = (int) row[runColumn];
            if (!done.add(run)) {
                twice.add(run);
                dropLines.add(index);
                continue;
            }
            this.kept.keep(run, row);
            kept++;
            if (run < previous) inOrder = false;
            previous = run;
        }
        boolean torn = !lines.tail().isEmpty();
        if (torn) skipped.merge("a last line cut short", 1, Integer::sum);
        lines.close();
        if (!twice.isEmpty()) kept -= settleRunsListedTwice(twice, dropLines, skipped);
        boolean complete = done.count() == plan.runs();
        if (!skipped.isEmpty()) {
            int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
            notices.accept("csv: resuming " + csv + ": kept " + kept + " rows, skipped " + n + " line"
                    + (n == 1 ? "" : "s") + ": " + skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining("; ")) + (example == null ? "" : " (first: " + example + ")")
                    + "; their runs are computed again");
        }
        saved = kept;
        if (!skipped.isEmpty() || (complete && !inOrder)) {
            // only whole, valid lines stay, so appended rows start on a fresh line
            GridOrder.rewrite(csv, header, dropLines, complete && !inOrder);
            inOrder = inOrder || complete;
            previous = done.last();
        }
        ordered = inOrder;
        lastRun = previous;
    }

    /**
     * Second pass for the runs listed more than once: keeps one line of a run whose lines agree bit for bit, drops
     * every line of one whose lines differ (the file cannot say which is right). Returns the rows taken back.
     */
    private int settleRunsListedTwice(java.util.Set<Integer> twice, RunSet dropLines, Map<String, Integer> skipped)
            throws IOException {
        int runColumn = columns.size() - 1;
        Map<Integer, double[]> first = new java.util.HashMap<>();
        Map<Integer, List<Integer>> lineIndexes = new java.util.HashMap<>();
        java.util.Set<Integer> conflicting = new java.util.TreeSet<>();
        try (Lines again = new Lines(csv)) {
            again.next();   // header
            int index = -1;
            for (String line; (line = again.next()) != null; ) {
                index++;
                if (dropLines.contains(index) && problem(line) != null) continue;
                int comma = line.lastIndexOf(',');
                int run;
                try {
                    run = Integer.parseInt(line, comma + 1, line.length(), 10);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!twice.contains(run)) continue;
                double[] row = Results.parseLine(columns, line);
                if (plan.mismatch(run, row) != null) continue;
                lineIndexes.computeIfAbsent(run, r -> new ArrayList<>()).add(index);
                double[] f = first.putIfAbsent(run, row);
                if (f != null && !sameBits(f, row)) conflicting.add(run);
            }
        }
        for (int run : conflicting) {
            kept.drop(run, first.get(run));
            done.remove(run);
            for (int i : lineIndexes.get(run)) dropLines.add(i);
        }
        int sameLines = 0;
        for (Map.Entry<Integer, List<Integer>> e : lineIndexes.entrySet())
            if (!conflicting.contains(e.getKey())) sameLines += e.getValue().size() - 1;
        if (sameLines > 0) skipped.merge("a run listed twice (same values: one kept)", sameLines, Integer::sum);
        if (!conflicting.isEmpty())
            skipped.put("runs listed twice with different values (all their lines dropped, e.g. run "
                    + conflicting.iterator().next() + ")", conflicting.size());
        return conflicting.size();
    }

    private static boolean sameBits(double[] a, double[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Double.compare(a[i], b[i]) != 0) return false;
        return true;
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
                case DOUBLE -> DOUBLE.matcher(cell).matches() || (cell.isEmpty() && columns.get(c).mayBeMissing());
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
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
        created = true;
        ordered = true;
    }

    private static FileOutputStream writer(Path p, boolean append) throws IOException {
        return new FileOutputStream(p.toFile(), append);
    }

    private static String readString(Path p) throws IOException {
        try (InputStream in = new FileInputStream(p.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Appends finished rows, handed to the operating system in one write, so a kill loses none of them. */
    @Override
    protected void write(List<double[]> rows) throws IOException {
        int runColumn = columns.size() - 1;
        if (!created) create();
        text.clear();
        for (double[] r : rows) {
            text.add(r);
            int run = (int) r[runColumn];
            if (run < lastRun) ordered = false;
            lastRun = run;
        }
        out.write(text.bytes(), 0, text.length());
    }

    /**
     * Flushes and closes the CSV; when every run of the grid is in it but not in grid order (a resumed file, or rows
     * that were written ahead of a slow run), puts it in grid order in one streaming merge. A failed reordering is a
     * notice, not a failure: every row is saved, and the next run of the same sweep reorders them.
     */
    @Override
    protected void finish(boolean failed) throws IOException {
        if (out != null) {
            FileOutputStream w = out;
            out = null;
            w.close();
        }
        if (!failed && created && !ordered && saved == plan.runs()) {
            try {
                GridOrder.rewrite(csv, header, null, true);
                ordered = true;
            } catch (StoreException e) {
                notices.accept("csv: all " + plan.runs() + " rows are saved in " + csv + ", in the order they finished;"
                        + " putting them in grid order failed (" + e.reason() + "); running the same sweep again does it");
            }
        }
    }
}
