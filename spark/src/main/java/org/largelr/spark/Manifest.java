package org.largelr.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output directory's {@code _grid} file: which grid its parts belong to (the sweep's fingerprint, the same
 * one a local sweep's CSV carries), how it is partitioned and its columns. Spark ignores files whose names start
 * with an underscore, so the directory stays readable as one Parquet dataset.
 */
record Manifest(String fingerprint, String grid, int runs, int partitions, List<String> columns) {
    static final String FILE = "_grid";
    private static final String FIRST_LINE = "largelr spark sweep";

    static Path of(Path dir) {
        return new Path(dir, FILE);
    }

    /** The manifest in {@code dir}, or null when there is none. */
    static Manifest read(FileSystem fs, Path dir) throws IOException {
        Path f = of(dir);
        if (!fs.exists(f)) return null;
        Map<String, String> kv = new LinkedHashMap<>();
        String first;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(f), StandardCharsets.UTF_8))) {
            first = r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                int colon = line.indexOf(": ");
                if (colon > 0) kv.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        if (!FIRST_LINE.equals(first) || !kv.keySet().containsAll(List.of("fingerprint", "runs", "partitions", "columns")))
            throw new IllegalArgumentException("--out: " + f + " is not a largelr sweep manifest; use another directory");
        return new Manifest(kv.get("fingerprint"), kv.getOrDefault("grid", "?"), Integer.parseInt(kv.get("runs")),
                Integer.parseInt(kv.get("partitions")), List.of(kv.get("columns").split(",")));
    }

    /** Writes it whole or not at all (a temporary name, then a rename). */
    void write(FileSystem fs, Path dir) throws IOException {
        Path tmp = new Path(dir, FILE + ".tmp"), f = of(dir);
        try (OutputStream o = fs.create(tmp, true)) {
            o.write(String.join("\n", FIRST_LINE, "fingerprint: " + fingerprint, "grid: " + grid, "runs: " + runs,
                    "partitions: " + partitions, "columns: " + String.join(",", columns), "").getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(tmp, f)) throw new IOException("cannot rename " + tmp + " to " + f);
    }
}
