package io.stylebatch.output;

import io.stylebatch.storage.ObjectStore;
import io.stylebatch.config.Uris;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.LossValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code results/} and {@code losses/} Parquet tables: their schemas, conversion from
 * {@link PairOutcome}s, reading a previous run's rows, and replacing a table as a whole (written to a
 * staging directory first, then swapped in) so that a reader or a rerun never sees a mix of two runs.
 */
public final class RunTables {
  private static final Logger LOG = LoggerFactory.getLogger(RunTables.class);
  public static final StructType RESULTS_SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("content_uri", DataTypes.StringType, false)
      .add("style_uri", DataTypes.StringType, false)
      .add("output_uri", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("error", DataTypes.StringType, true)
      .add("iterations", DataTypes.IntegerType, true)
      .add("evaluations", DataTypes.IntegerType, true)
      .add("content_loss", DataTypes.DoubleType, true)
      .add("style_loss", DataTypes.DoubleType, true)
      .add("tv_loss", DataTypes.DoubleType, true)
      .add("total_loss", DataTypes.DoubleType, true)
      .add("duration_ms", DataTypes.LongType, false)
      .add("optimization_ms", DataTypes.LongType, true)
      .add("executor_id", DataTypes.StringType, true)
      .add("attempt", DataTypes.IntegerType, false)
      .add("settings_fingerprint", DataTypes.StringType, true)
      .add("weights_digest", DataTypes.StringType, true)
      .add("content_version", DataTypes.StringType, true)
      .add("style_version", DataTypes.StringType, true)
      .add("image_bytes", DataTypes.LongType, true)
      .add("image_sha256", DataTypes.StringType, true)
      .add("scales", DataTypes.createArrayType(DataTypes.IntegerType, true), true);

  public static final StructType LOSSES_SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("evaluations", DataTypes.IntegerType, false)
      .add("content_loss", DataTypes.DoubleType, false)
      .add("style_loss", DataTypes.DoubleType, false)
      .add("tv_loss", DataTypes.DoubleType, false)
      .add("total_loss", DataTypes.DoubleType, false)
      .add("elapsed_ms", DataTypes.LongType, false)
      .add("scale", DataTypes.IntegerType, true);

  private RunTables() {}

  public static Row resultRow(PairOutcome o) {
    Provenance p = o.provenance();
    return RowFactory.create(o.id(), o.contentUri(), o.styleUri(), o.outputUri(), o.status(), o.error(),
        o.iterations(), o.evaluations(), o.contentLoss(), o.styleLoss(), o.tvLoss(), o.totalLoss(), o.durationMs(), o.optimizationMs(),
        o.executorId(), o.attempt(), p == null ? null : p.settingsFingerprint(), p == null ? null : p.weightsDigest(),
        p == null ? null : p.contentVersion(), p == null ? null : p.styleVersion(), o.imageBytes(), o.imageSha256(),
        o.scales());
  }

  /** The {@code losses/} rows of one pair's loss log. */
  public static List<Row> lossRows(String id, List<LossRecord> log) {
    List<Row> rows = new ArrayList<>();
    for (LossRecord r : log) {
      rows.add(RowFactory.create(id, r.iteration(), r.evaluations(), r.losses().content(), r.losses().style(), r.losses().tv(),
          r.losses().total(), r.elapsedMs(), r.scale()));
    }
    return rows;
  }

  /** A {@code results/} row as an outcome (without its loss log, which lives in {@code losses/}). */
  public static PairOutcome outcomeOf(Row r) {
    return new PairOutcome(r.getAs("id"), r.getAs("content_uri"), r.getAs("style_uri"), r.getAs("output_uri"),
        r.getAs("status"), r.getAs("error"), r.getAs("iterations"), r.getAs("evaluations"), r.getAs("content_loss"),
        r.getAs("style_loss"), r.getAs("tv_loss"), r.getAs("total_loss"), r.<Long>getAs("duration_ms"), r.getAs("optimization_ms"),
        r.getAs("executor_id"), r.<Integer>getAs("attempt"), new Provenance(r.getAs("settings_fingerprint"),
        r.getAs("weights_digest"), r.getAs("content_version"), r.getAs("style_version")), r.getAs("image_bytes"),
        r.getAs("image_sha256"), r.isNullAt(r.fieldIndex("scales")) ? null : List.copyOf(r.<Integer>getList(r.fieldIndex("scales"))), List.of());
  }

  /**
   * The results of the run in {@code layout} by id; empty if it has written none, or if the table cannot be
   * read (a damaged file): the rows are then rebuilt from the completion records, and the table rewritten.
   */
  public static Map<String, PairOutcome> readResults(SparkSession spark, ObjectStore store, OutputLayout layout)
      throws IOException {
    Map<String, PairOutcome> byId = new LinkedHashMap<>();
    if (!store.exists(ObjectStore.join(layout.results(), "_SUCCESS"))) {
      return byId;
    }
    try {
      // With the schema, columns a table written by an older version lacks read as null.
      Dataset<Row> df = spark.read().schema(RESULTS_SCHEMA).parquet(ObjectStore.path(layout.results()).toString());
      for (Row r : df.collectAsList()) {
        byId.put(r.getAs("id"), outcomeOf(r));
      }
    } catch (Exception e) { // SparkException is checked but not declared by Spark's Scala methods
      LOG.warn("{} cannot be read ({}); its rows are rebuilt from the completion records", layout.results(),
          Uris.redactText(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), e);
      byId.clear();
    }
    return byId;
  }

  /**
   * The loss logs of {@code ids} only, read into memory now so that the table can then be replaced (Spark
   * cannot overwrite a path it is still reading). Pairs missing from the result — the table is missing,
   * partial or unreadable — are rebuilt by the caller from their completion records.
   */
  public static Map<String, List<LossRecord>> readLosses(SparkSession spark, ObjectStore store, OutputLayout layout,
      Collection<String> ids) throws IOException {
    return ids.isEmpty() ? new LinkedHashMap<>()
        : readLosses(spark, store, layout, functions.col("id").isin(ids.toArray()));
  }

  /** The loss log of every pair in {@code layout}'s {@code losses/}, by id, in iteration order. */
  public static Map<String, List<LossRecord>> readLosses(SparkSession spark, ObjectStore store, OutputLayout layout)
      throws IOException {
    return readLosses(spark, store, layout, functions.lit(true));
  }

  private static Map<String, List<LossRecord>> readLosses(SparkSession spark, ObjectStore store, OutputLayout layout,
      org.apache.spark.sql.Column filter) throws IOException {
    Map<String, List<LossRecord>> byId = new LinkedHashMap<>();
    if (!store.exists(ObjectStore.join(layout.losses(), "_SUCCESS"))) {
      return byId;
    }
    try {
      for (Row r : spark.read().schema(LOSSES_SCHEMA).parquet(ObjectStore.path(layout.losses()).toString())
          .filter(filter).orderBy("id", "iteration").collectAsList()) {
        int iteration = r.getAs("iteration");
        // Tables written before the evaluations column counted every evaluation as an iteration.
        Integer evaluations = r.getAs("evaluations");
        byId.computeIfAbsent(r.getAs("id"), k -> new ArrayList<>()).add(new LossRecord(iteration,
            evaluations == null ? iteration : evaluations, new LossValues(r.getAs("content_loss"),
            r.getAs("style_loss"), r.getAs("tv_loss"), r.getAs("total_loss")), r.<Long>getAs("elapsed_ms"),
            r.isNullAt(r.fieldIndex("scale")) ? 0 : r.<Integer>getAs("scale")));
      }
    } catch (Exception e) { // SparkException is checked but not declared by Spark's Scala methods
      LOG.warn("{} cannot be read ({}); its rows are rebuilt from the completion records", layout.losses(),
          Uris.redactText(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), e);
      byId.clear();
    }
    return byId;
  }

  /**
   * Replaces the table at {@code target} with {@code df} (one file). On object stores it is written in
   * place and committed by the configured S3A committer, which makes the files visible only at job
   * commit; elsewhere it is written under {@code staging}, then the old table is moved aside and the new
   * one renamed into place.
   */
  public static void replace(SparkSession spark, ObjectStore store, Dataset<Row> df, String target, String staging)
      throws IOException {
    Path stagingPath = ObjectStore.path(staging);
    Path targetPath = ObjectStore.path(target);
    if (ObjectStore.isObjectStore(targetPath)) {
      df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(targetPath.toString());
      return;
    }
    df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(stagingPath.toString());
    FileSystem fs = store.fileSystem(targetPath);
    Path old = new Path(stagingPath.getParent(), stagingPath.getName() + "-previous");
    fs.delete(old, true);
    if (fs.exists(targetPath) && !fs.rename(targetPath, old)) {
      throw new IOException("could not move " + targetPath + " aside to " + old);
    }
    fs.mkdirs(targetPath.getParent());
    if (!fs.rename(stagingPath, targetPath)) {
      throw new IOException("could not move " + stagingPath + " to " + targetPath);
    }
    fs.delete(old, true);
  }

}
