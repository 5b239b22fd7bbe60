package org.largelr.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.largelr.api.Outcome;
import org.largelr.store.AtomicFile;
import org.largelr.store.OutputLock;
import org.largelr.store.StoreException;

/**
 * A sweep's rows as Parquet: a directory {@code <name>.parquet/} of parts {@code part-00000.parquet, ...} and a
 * grid file {@code _grid} (readers skip names starting with an underscore, so pandas, polars, DuckDB and Spark read
 * the directory as one table). Column types are those of the Spark runner's parts: DOUBLE, INT32, INT64 (steps,
 * seed) and UTF-8 strings, every value required but where a value does not apply (an optional DOUBLE column of
 * {@code Columns.MAY_BE_MISSING}, null there), so both write one format. The parts are written by {@link PartFile}.
 *
 * <p>Faults: the directory is locked like a CSV ({@link OutputLock}); a part is written to {@code part-N.parquet.tmp}
 * and renamed into place once whole and synced, so a part is all there or absent. A part is closed every
 * {@link #PART_ROWS} rows or {@link #PART_NANOS} (a kill loses at most that much work) and when the sweep ends or is
 * interrupted. Resume: a part counts when its footer reads, carries this grid's fingerprint and columns, and holds
 * exactly the runs its footer lists, none of them in another part; other parts are renamed {@code .rejected} and
 * their runs computed again. Rows are in the order their runs ended (a long batch saves its early finishers at
 * once); sort by {@code run} for grid order. The values are not read back, only footers: a part cannot be torn or spliced, as a
 * CSV line can, because it only ever appears whole.
 */
final class ParquetStore extends LockedRowStore {
    static final String GRID_FILE = "_grid";
    static final String FINGERPRINT = "largelr.fingerprint", RUNS = "largelr.runs", OUTCOMES = "largelr.outcomes";
    static final int PART_ROWS = 1 << 20;
    static final long PART_NANOS = 30_000_000_000L;
    private static final String FIRST_LINE = "largelr sweep parts";

    private final Path dir;
    private final Plan plan;
    private final List<Column> columns;
    private final String fingerprint;
    private final Consumer<String> notices;
    private int nextPart;
    private Part part;

    static boolean isParquet(Path p) {
        return org.largelr.store.OutputPath.isParts(p);
    }

    private ParquetStore(Path dir, Plan plan, OutputLock lock, Consumer<String> notices) {
        super(dir, "cannot write a part", lock);
        this.dir = dir;
        this.plan = plan;
        this.columns = plan.columns();
        this.fingerprint = CsvStore.fingerprint(plan);
        this.notices = notices;
    }

    static ParquetStore open(Path dir, Plan plan, RunSet done, Kept kept, Consumer<String> notices) {
        org.largelr.store.OutputPath.requireWritableParts(dir);
        OutputLock lock = OutputLock.acquire(dir);
        Plan.loadMeanwhile("org.apache.parquet.format.Util");   // the footer's Thrift classes, beside the runs
        ParquetStore s = new ParquetStore(dir, plan, lock, notices);
        s.readBack(() -> {
            if (Files.isDirectory(dir)) s.resume(done, kept);
        });
        return s;
    }

    private void resume(RunSet done, Kept kept) throws IOException {
        List<Path> parts = new ArrayList<>();
        List<Path> other = new ArrayList<>();
        try (DirectoryStream<Path> ls = Files.newDirectoryStream(dir)) {
            for (Path p : ls) {
                String n = p.getFileName().toString();
                if (n.endsWith(".parquet.tmp")) {   // we hold the lock: a part a killed writer did not finish
                    Files.delete(p);
                    notices.accept("parquet: removed " + n + ", a part left unfinished by an interrupted sweep");
                } else if (n.matches("part-\\d+\\.parquet")) parts.add(p);
                else if (!n.equals(GRID_FILE) && !n.endsWith(".rejected")) other.add(p);
            }
        }
        Path gridFile = dir.resolve(GRID_FILE);
        if (!Files.isRegularFile(gridFile)) {
            if (parts.isEmpty() && other.isEmpty()) return;
            throw new IllegalArgumentException("parquet: cannot use " + dir + ": it has no grid file " + GRID_FILE
                    + ", so it is not a sweep output of this tool (or its grid is unknown); use another --out");
        }
        Map<String, String> grid = new HashMap<>();
        List<String> lines = Files.readAllLines(gridFile, StandardCharsets.UTF_8);
        for (String l : lines) {
            int colon = l.indexOf(": ");
            if (colon > 0) grid.put(l.substring(0, colon), l.substring(colon + 2));
        }
        if (lines.isEmpty() || !lines.get(0).equals(FIRST_LINE))
            throw new IllegalArgumentException("parquet: " + gridFile + " is not a largelr sweep grid file; use another --out");
        if (!fingerprint.equals(grid.get("fingerprint")))
            throw new IllegalArgumentException("parquet: " + dir + " holds runs of a different grid (fingerprint "
                    + grid.get("fingerprint") + ": " + grid.getOrDefault("grid", "?") + "); this grid has fingerprint "
                    + fingerprint + " (" + plan.describe() + "); use another directory, or delete it to start over");
        if (kept.wantsRows() && !parts.isEmpty())
            throw new IllegalArgumentException("parquet: " + dir + " holds parts of this grid, and a sweep that returns a"
                    + " table cannot take their rows back (they are not read); resume with runToFile() or the sweep"
                    + " command, or use a CSV");
        parts.sort(null);
        Map<String, Integer> rejected = new LinkedHashMap<>();
        List<String> names = columns.stream().map(Column::name).toList();
        for (Path p : parts) {
            String n = p.getFileName().toString();
            nextPart = Math.max(nextPart, Integer.parseInt(n.substring(5, n.length() - 8)) + 1);
            String why = null;
            Footer f = null;
            try {
                f = Footer.read(p);
            } catch (IOException | RuntimeException e) {
                why = "an unreadable footer";
            }
            List<int[]> ranges = null;
            if (why == null) {
                if (!fingerprint.equals(f.meta.get(FINGERPRINT))) why = "another grid's fingerprint";
                else if (!f.columns.equals(names)) why = "other columns";
                else if ((ranges = ranges(f.meta.get(RUNS), plan.runs())) == null) why = "no valid run list";
                else if (count(ranges) != f.rows) why = "a row count that differs from its run list";
                else if (outcomes(f.meta.get(OUTCOMES)) == null) why = "no outcome counts";
                else
                    for (int[] r : ranges)
                        if (!done.containsNone(r[0], r[1])) why = "runs that another part holds";
            }
            if (why != null) {
                rejected.merge(why, 1, Integer::sum);
                Files.move(p, p.resolveSibling(n + ".rejected"), StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            for (int[] r : ranges) for (int run = r[0]; run < r[1]; run++) done.add(run);
            kept.counted(outcomes(f.meta.get(OUTCOMES)));
            saved += f.rows;
        }
        if (!rejected.isEmpty())
            notices.accept("parquet: resuming " + dir + ": kept " + saved + " rows; set aside as .rejected: "
                    + rejected.entrySet().stream().map(e -> e.getValue() + " part" + (e.getValue() == 1 ? "" : "s")
                    + " with " + e.getKey()).collect(Collectors.joining("; ")) + "; their runs are computed again");
    }

    private static long count(List<int[]> ranges) {
        long n = 0;
        for (int[] r : ranges) n += r[1] - r[0];
        return n;
    }

    /** "0-255,512-767" (ends inclusive) as [from, to) pairs inside [0, runs), or null when it is not that. */
    static List<int[]> ranges(String text, int runs) {
        if (text == null) return null;
        List<int[]> out = new ArrayList<>();
        try {
            for (String part : text.isEmpty() ? new String[0] : text.split(",")) {
                int dash = part.indexOf('-');
                int a = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int b = dash < 0 ? a : Integer.parseInt(part.substring(dash + 1));
                if (a < 0 || b < a || b >= runs) return null;
                out.add(new int[] {a, b + 1});
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    static long[] outcomes(String text) {
        if (text == null) return null;
        long[] c = new long[Outcome.values().length];
        try {
            for (String kv : text.split(",")) {
                int eq = kv.indexOf('=');
                c[Outcome.valueOf(kv.substring(0, eq)).ordinal()] = Long.parseLong(kv.substring(eq + 1));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return c;
    }

    /** What a part's footer says: rows, column names, key-value metadata (read with parquet-format's Thrift). */
    private record Footer(long rows, List<String> columns, Map<String, String> meta) {
        static Footer read(Path file) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long size = f.length();
                byte[] tail = new byte[8];
                if (size < 12) throw new IOException("too short");
                f.seek(size - 8);
                f.readFully(tail);
                if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1') throw new IOException("no footer");
                long len = (tail[0] & 0xffL) | (tail[1] & 0xffL) << 8 | (tail[2] & 0xffL) << 16 | (tail[3] & 0xffL) << 24;
                if (len <= 0 || len > size - 12) throw new IOException("bad footer length");
                byte[] footer = new byte[(int) len];
                f.seek(size - 8 - len);
                f.readFully(footer);
                FileMetaData md;
                try (InputStream in = new java.io.ByteArrayInputStream(footer)) {
                    md = Util.readFileMetaData(in);
                }
                List<String> cols = new ArrayList<>();
                List<SchemaElement> schema = md.getSchema();
                for (int i = 1; i < schema.size(); i++) cols.add(schema.get(i).getName());
                Map<String, String> meta = new HashMap<>();
                if (md.getKey_value_metadata() != null)
                    for (KeyValue kv : md.getKey_value_metadata()) meta.put(kv.getKey(), kv.getValue());
                return new Footer(md.getNum_rows(), cols, meta);
            }
        }
    }

    @Override
    protected void write(List<double[]> rows) throws IOException {
        if (part == null) part = new Part(nextPart++);
        for (double[] r : rows) part.write(r);
        if (part.rows >= PART_ROWS || System.nanoTime() - part.started >= PART_NANOS) {
            Part p = part;
            part = null;
            commitOrAbandon(p);
        }
    }

    @Override
    protected void abandon() {
        if (part != null) part.abandon();
        part = null;
    }

    @Override
    protected void finish(boolean failed) throws IOException {
        Part p = part;
        part = null;
        if (p != null && !failed) commitOrAbandon(p);
    }

    private static void commitOrAbandon(Part p) throws IOException {
        try {
            p.commit();
        } catch (IOException | RuntimeException e) {
            p.abandon();
            throw e;
        }
    }

    /** One part being written: rows, the runs they are (as ranges) and their outcomes, for the footer. */
    private final class Part {
        final Path file, tmp;
        final PartFile writer;
        final long started = System.nanoTime();
        final StringBuilder runs = new StringBuilder();
        final long[] outcomes = new long[Outcome.values().length];
        final int outcomeColumn;
        long rows;
        int rangeFrom = -1, rangeTo = -1;

        Part(int number) throws IOException {
            Files.createDirectories(dir);
            Path gridFile = dir.resolve(GRID_FILE);
            if (!Files.exists(gridFile))
                AtomicFile.write(gridFile, FIRST_LINE + "\nfingerprint: " + fingerprint + "\nruns: " + plan.runs()
                        + "\ngrid: " + plan.describe() + "\ncolumns: "
                        + columns.stream().map(Column::name).collect(Collectors.joining(",")) + "\n");
            file = dir.resolve(String.format(java.util.Locale.ROOT, "part-%05d.parquet", number));
            tmp = dir.resolve(file.getFileName() + ".tmp");
            outcomeColumn = plan.columnIndex(org.largelr.api.Columns.OUTCOME);
            writer = new PartFile(tmp, columns);
        }

        void write(double[] r) throws IOException {
            writer.write(r);
            rows++;
            int run = (int) r[columns.size() - 1];
            if (outcomeColumn >= 0) outcomes[(int) r[outcomeColumn]]++;
            if (run == rangeTo) rangeTo++;
            else {
                flushRange();
                rangeFrom = run;
                rangeTo = run + 1;
            }
        }

        private void flushRange() {
            if (rangeFrom < 0) return;
            if (runs.length() > 0) runs.append(',');
            runs.append(rangeFrom);
            if (rangeTo - 1 > rangeFrom) runs.append('-').append(rangeTo - 1);
        }

        /** Footer metadata, written when the part is committed. */
        Map<String, String> footer() {
            flushRange();
            rangeFrom = -1;
            Map<String, String> m = new LinkedHashMap<>();
            m.put(FINGERPRINT, fingerprint);
            m.put(RUNS, runs.toString());
            StringBuilder o = new StringBuilder();
            for (Outcome x : Outcome.values()) o.append(o.length() > 0 ? "," : "").append(x.name()).append('=').append(outcomes[x.ordinal()]);
            m.put(OUTCOMES, o.toString());
            return m;
        }

        void commit() throws IOException {
            writer.finish(footer());   // synced
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.syncDirectory(file);
        }

        void abandon() {
            writer.abandon();
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next writer, holding the lock, removes it
            }
        }
    }
}
