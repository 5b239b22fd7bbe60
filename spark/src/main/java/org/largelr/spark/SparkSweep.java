package org.largelr.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.largelr.api.Sweep;
import org.largelr.api.SweepResult;

import tech.tablesaw.api.Table;

/**
 * A {@link Sweep} run on Apache Spark: the grid's run indices cut into partitions ({@link Partitions}), one Spark
 * task per partition, each computing its range with the library's own engine ({@link Sweep#runRange}) and writing
 * the rows, with the local sweep's columns, as one Parquet file. The rows are the local sweep's, bit for bit, for
 * any number of partitions or executors, since a run's row depends on its index alone.
 *
 * <pre>{@code
 * SparkSweep job = SparkSweep.of(() -> Sweep.scalar(1.0).h(Grid.linear(0.01, 1.2, 400))
 *         .x0(Grid.linear(0.1, 4, 250)).y0(0.5).maxSteps(2000)).output("hdfs:///sweeps/s1");
 * job.run(spark);                          // again after a failure: only the missing partitions are computed
 * Table t = SparkSweep.read("hdfs:///sweeps/s1", spark.sparkContext().hadoopConfiguration());
 * }</pre>
 *
 * <p>The output directory, on any Hadoop-compatible file system: {@code part-00000.parquet ...} (one per
 * partition, a Parquet dataset Spark reads as it is) and {@code _grid} (the grid's fingerprint, its partitioning and
 * columns). A task writes under {@code _tmp/} and renames its file into place when it is whole, so a part that
 * exists is finished; a part whose footer is missing or wrong (cut short, another grid) is computed again.
 */
public final class SparkSweep {
    /** Where attempts write before their rename: ignored by Spark's readers, removed after a complete run. */
    static final String TMP = "_tmp";

    private final SweepRecipe recipe;
    private final String output;
    private final int partitions;   // 0: the default for the cluster

    private SparkSweep(SweepRecipe recipe, String output, int partitions) {
        this.recipe = recipe;
        this.output = output;
        this.partitions = partitions;
    }

    /** A Spark sweep of the grid {@code recipe} builds (on the driver and in every task). */
    public static SparkSweep of(SweepRecipe recipe) {
        if (recipe == null) throw new IllegalArgumentException("recipe must not be null");
        return new SparkSweep(recipe, null, 0);
    }

    /** The output directory (any Hadoop-compatible path: a local path, {@code hdfs://}, {@code s3a://}, ...). */
    public SparkSweep output(String dir) {
        if (dir == null || dir.isBlank()) throw new IllegalArgumentException("--out: the output directory must be given");
        return new SparkSweep(recipe, dir, partitions);
    }

    /**
     * The number of partitions (1..runs); default: 4 per core of the cluster and at most 250 000 runs each. A
     * directory that already holds a manifest keeps its own partitioning.
     */
    public SparkSweep partitions(int count) {
        if (count < 1) throw new IllegalArgumentException("--partitions must be >= 1, got " + count);
        return new SparkSweep(recipe, output, count);
    }

    /**
     * Computes every partition not yet in the output directory, one Spark job of one task per partition (finished
     * ones return at once). Creates the directory and its manifest if new.
     *
     * @throws IllegalArgumentException when the directory belongs to another grid or is not a sweep's
     */
    public SparkSweepReport run(SparkSession spark) {
        if (output == null) throw new IllegalArgumentException("--out: call output(dir) first");
        long start = System.nanoTime();
        Sweep sweep = recipe.sweep();
        String fingerprint = sweep.fingerprint(), grid = sweep.describe();
        List<String> columns = sweep.runRange(0, 0).table().columnNames();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path dir = new Path(output);
        Partitions parts;
        String notice = null;
        try {
            FileSystem fs = dir.getFileSystem(conf);
            Manifest m = Manifest.read(fs, dir);
            if (m == null) {
                if (fs.exists(dir) && hasVisibleFiles(fs, dir))
                    throw new IllegalArgumentException("--out: " + dir + " already holds files but no " + Manifest.FILE
                            + " manifest, so it is not a largelr sweep's output; use a new or empty directory");
                parts = partitions > 0 ? new Partitions(sweep.runs(), partitions)
                        : Partitions.byDefault(sweep.runs(), spark.sparkContext().defaultParallelism());
                fs.mkdirs(dir);
                new Manifest(fingerprint, grid, parts.runs(), parts.count(), columns).write(fs, dir);
            } else {
                if (!m.fingerprint().equals(fingerprint))
                    throw new IllegalArgumentException("--out: " + dir + " holds runs of a different grid (fingerprint "
                            + m.fingerprint() + ": " + m.grid() + "); this grid has fingerprint " + fingerprint + " ("
                            + grid + "); use another directory, or delete it to start over");
                parts = new Partitions(m.runs(), m.partitions());
                if (partitions > 0 && partitions != m.partitions())
                    notice = "resuming " + dir + " with its " + m.partitions() + " partitions (asked for " + partitions + ")";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot use " + dir + ": " + e.getMessage(), e);
        }
        Task task = new Task(recipe, fingerprint, columns, dir.toString(), parts, entries(conf));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("largelr " + grid + " -> " + dir);   // the job's name in Spark's UI
        List<PartDone> done;
        try {
            done = sc.parallelize(IntStream.range(0, parts.count()).boxed().toList(), parts.count()).map(task).collect();
        } finally {
            sc.setJobDescription(null);
        }
        try {
            // Every part is whole now; what a killed attempt left behind goes.
            dir.getFileSystem(conf).delete(new Path(dir, TMP), true);
        } catch (IOException e) {
            String cleanup = "could not remove " + new Path(dir, TMP) + ": " + e.getMessage();
            notice = notice == null ? cleanup : notice + "; " + cleanup;
        }
        List<Integer> computed = new ArrayList<>();
        long computedRuns = 0;
        double taskSeconds = 0;
        for (PartDone d : done)
            if (d.computed()) {
                computed.add(d.partition());
                computedRuns += d.rows();
                taskSeconds += d.seconds();
            }
        return new SparkSweepReport(dir.toString(), fingerprint, grid, parts.runs(), parts.count(), List.copyOf(computed),
                computedRuns, taskSeconds, (System.nanoTime() - start) / 1e9, notice);
    }

    private static boolean hasVisibleFiles(FileSystem fs, Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (!n.startsWith("_") && !n.startsWith(".")) return true;
        }
        return false;
    }

    /**
     * The rows of a finished output directory, in grid order, as one table (columns: {@link org.largelr.api.Columns}).
     *
     * @throws IllegalArgumentException when it is not a sweep's output or some partitions are missing
     */
    public static Table read(String dir, Configuration conf) {
        Path d = new Path(dir);
        try {
            FileSystem fs = d.getFileSystem(conf);
            Manifest m = Manifest.read(fs, d);
            if (m == null) throw new IllegalArgumentException(dir + " is not a largelr sweep's output (no " + Manifest.FILE + ")");
            Partitions parts = new Partitions(m.runs(), m.partitions());
            List<Path> files = new ArrayList<>();
            List<Integer> missing = new ArrayList<>();
            for (int k = 0; k < parts.count(); k++) {
                Path f = new Path(d, Partitions.fileName(k));
                if (ParquetTables.isWhole(f, conf, m.fingerprint(), m.columns(), parts.to(k) - parts.from(k))) files.add(f);
                else missing.add(k);
            }
            if (!missing.isEmpty())
                throw new IllegalArgumentException(dir + " is incomplete: " + missing.size() + " of " + parts.count()
                        + " partitions missing (first: " + missing.get(0) + "); run the same job again to compute them");
            return ParquetTables.read(files, conf, m.grid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@link #read(String, Configuration)} with Hadoop's default configuration (a local path needs nothing more). */
    public static Table read(String dir) {
        return read(dir, new Configuration());
    }

    /**
     * Merges a finished output directory into one CSV beside it, {@code <dir>.csv} (header, then one line per run in
     * grid order), for small grids: a notebook reads it with the core jar alone, {@code Table.read().csv(path)}.
     * Returns its path.
     */
    public static String mergeCsv(String dir, Configuration conf) {
        Table t = read(dir, conf);
        Path d = new Path(dir), csv = new Path(d.getParent(), d.getName() + ".csv"), tmp = new Path(new Path(d, TMP), "merged.csv");
        try {
            FileSystem fs = d.getFileSystem(conf);
            try (Writer w = new OutputStreamWriter(fs.create(tmp, true), StandardCharsets.UTF_8)) {
                t.write().csv(w);
            }
            fs.delete(csv, false);
            if (!fs.rename(tmp, csv)) throw new IOException("cannot rename " + tmp + " to " + csv);
            return csv.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    private static HashMap<String, String> entries(Configuration conf) {
        HashMap<String, String> m = new HashMap<>();
        for (Map.Entry<String, String> e : conf) m.put(e.getKey(), e.getValue());
        return m;
    }

    /** What a task reports: its partition, whether it computed it (or found it whole), rows and seconds. */
    record PartDone(int partition, boolean computed, int rows, double seconds) implements Serializable {}

    /** One partition, as a Spark task runs it. Everything here is sent to the executors. */
    record Task(SweepRecipe recipe, String fingerprint, List<String> columns, String output, Partitions parts,
                HashMap<String, String> hadoop) implements Function<Integer, PartDone> {
        @Override
        public PartDone call(Integer k) throws IOException {
            Configuration conf = new Configuration(false);
            hadoop.forEach(conf::set);
            Path dir = new Path(output), file = new Path(dir, Partitions.fileName(k));
            FileSystem fs = dir.getFileSystem(conf);
            int from = parts.from(k), to = parts.to(k);
            if (fs.exists(file)) {
                if (ParquetTables.isWhole(file, conf, fingerprint, columns, to - from)) return new PartDone(k, false, to - from, 0);
                fs.delete(file, false);   // cut short or of another grid: computed again
            }
            long t0 = System.nanoTime();
            Sweep sweep = recipe.sweep();
            if (!sweep.fingerprint().equals(fingerprint))
                throw new IllegalStateException("partition " + k + ": this executor built the grid " + sweep.fingerprint()
                        + " (" + sweep.describe() + ") where the driver built " + fingerprint + "; the recipe must give the"
                        + " same grid on every node (is every file it reads at the same path everywhere?)");
            SweepResult rows = sweep.runRange(from, to);
            if (!rows.complete())
                throw new IllegalStateException("partition " + k + " was interrupted after " + rows.table().rowCount()
                        + " of " + (to - from) + " runs");
            TaskContext tc = TaskContext.get();
            String attempt = tc == null ? Long.toString(System.nanoTime()) : tc.stageAttemptNumber() + "-" + tc.taskAttemptId();
            Path tmp = new Path(new Path(dir, TMP), Partitions.fileName(k) + ".attempt-" + attempt);
            ParquetTables.write(rows.table(), tmp, conf, Map.of(ParquetTables.FINGERPRINT, fingerprint,
                    "largelr.runs", from + ".." + (to - 1)));
            // The commit: a part under its final name is whole. If another attempt got there first, its rows are ours.
            if (!fs.rename(tmp, file)) {
                fs.delete(tmp, false);
                if (!ParquetTables.isWhole(file, conf, fingerprint, columns, to - from))
                    throw new IOException("partition " + k + ": cannot rename " + tmp + " to " + file);
            }
            return new PartDone(k, true, to - from, (System.nanoTime() - t0) / 1e9);
        }
    }
}
