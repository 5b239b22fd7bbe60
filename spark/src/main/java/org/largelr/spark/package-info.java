/**
 * Sweeps on Apache Spark: {@link org.largelr.spark.SparkSweep} runs a {@link org.largelr.api.Sweep}'s grid as
 * partitions of run indices, one Spark task each, rows to Parquet, resumable; {@link org.largelr.spark.SparkSweepMain}
 * is the same from the CLI's sweep options, for {@code spark-submit} and {@code spark/run}.
 */
package org.largelr.spark;
