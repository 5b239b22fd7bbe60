package org.largelr.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.largelr.cli.SweepArguments;

/**
 * {@code spark-submit --class org.largelr.spark.SparkSweepMain largelr-spark.jar [--partitions P] [--merge]
 * <largelr sweep options>}: the CLI's sweep, with {@code --out} an output directory of Parquet parts. Without a
 * master from spark-submit (or {@code -Dspark.master}) it runs in this JVM on all cores, {@code local[*]}.
 * Exit status 0, 2 for bad input (one line naming the argument), 1 for any other failure.
 */
public final class SparkSweepMain {
    private SparkSweepMain() {}

    static final String USAGE = "usage: [--partitions P] [--merge] [--compare local.csv] <largelr sweep options>\n"
            + "  --out is the output directory; --merge also writes <out>.csv; --compare checks the rows against a\n"
            + "  local sweep's CSV (java -jar largelr.jar sweep ... --out local.csv), every number to the bit;\n"
            + "  --threads is Spark's business here (one task per core)";

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sweep: " + e.getMessage());
            status = 2;
        } catch (RuntimeException e) {
            System.err.println("sweep: failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args) {
        Options o = Options.parse(args);
        if (o.help) {
            System.out.println(USAGE);
            SweepArguments.usage(System.out);
            return 0;
        }
        SparkSweep job = job(o);
        SparkConf conf = new SparkConf();   // spark.* system properties and what spark-submit set
        SparkSession.Builder b = SparkSession.builder().appName("largelr sweep");
        if (!conf.contains("spark.master")) b.master("local[*]");
        SparkSession spark = b.getOrCreate();
        try {
            SparkSweepReport r = job.run(spark);
            if (r.notice() != null) System.err.println("sweep: " + r.notice());
            System.out.println(r.summary());
            var hadoop = spark.sparkContext().hadoopConfiguration();
            if (o.merge) System.out.println("merged " + SparkSweep.mergeCsv(r.output(), hadoop));
            if (o.compare != null) {
                String diff = SameRows.difference(tech.tablesaw.api.Table.read().csv(o.compare), SparkSweep.read(r.output(), hadoop));
                System.out.println(diff == null ? "compare " + o.compare + ": the same rows, every number to the bit"
                        : "compare " + o.compare + ": DIFFERENT: " + diff);
                if (diff != null) return 1;
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The job the arguments describe (checked here, before Spark starts). */
    static SparkSweep job(Options o) {
        SweepRecipe recipe = SweepRecipe.cli(o.sweep);
        SparkSweep job = SparkSweep.of(recipe).output(SweepArguments.parse(o.sweep).out().toString());
        return o.partitions > 0 ? job.partitions(o.partitions) : job;
    }

    /** This runner's own options; everything else is the CLI's. */
    record Options(int partitions, boolean merge, String compare, boolean help, List<String> sweep) {
        static Options parse(String[] args) {
            int partitions = 0;
            boolean merge = false, help = false;
            String compare = null;
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--merge")) merge = true;
                else if (a.equals("--help") || a.equals("-h")) help = true;
                else if (a.equals("--compare")) {
                    if (i + 1 == args.length) throw new IllegalArgumentException("--compare needs a CSV file");
                    compare = args[++i];
                    if (!new java.io.File(compare).isFile())
                        throw new IllegalArgumentException("--compare: no such file: " + compare);
                }
                else if (a.equals("--partitions") || a.startsWith("--partitions=")) {
                    String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                    if (v == null) throw new IllegalArgumentException("--partitions needs a value");
                    try {
                        partitions = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--partitions must be a whole number >= 1, got '" + v + "'");
                    }
                    if (partitions < 1) throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
                } else rest.add(a);
            }
            return new Options(partitions, merge, compare, help, List.copyOf(rest));
        }
    }
}
