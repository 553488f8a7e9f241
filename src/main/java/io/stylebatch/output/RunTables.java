package io.stylebatch.output;

import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code results/} and {@code losses/} Parquet tables: their schemas (each row carries the {@code run_id}
 * that wrote it), conversion from {@link PairOutcome}s, and reading them tolerantly. How a run adds its rows
 * and retires the rows it supersedes is {@link TableCommit}.
 */
public final class RunTables {
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
      .add("scales", DataTypes.createArrayType(DataTypes.IntegerType, true), true)
      .add("run_id", DataTypes.StringType, true);

  public static final StructType LOSSES_SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("evaluations", DataTypes.IntegerType, false)
      .add("content_loss", DataTypes.DoubleType, false)
      .add("style_loss", DataTypes.DoubleType, false)
      .add("tv_loss", DataTypes.DoubleType, false)
      .add("total_loss", DataTypes.DoubleType, false)
      .add("elapsed_ms", DataTypes.LongType, false)
      .add("scale", DataTypes.IntegerType, true)
      .add("run_id", DataTypes.StringType, true);

  /**
   * The run that wrote a row; run ids sort by start time ({@code yyyyMMdd-HHmmss.SSS-xxxxxxxx}, UTC, to the
   * millisecond: two runs of one output follow each other, held apart by the lease, so a later run sorts later).
   */
  public static final String RUN_ID = "run_id";
  /** A temporary column: the file a row was read from. */
  static final String FILE = "_file";

  private RunTables() {}

  /** The {@code results/} row of {@code o}, as written by run {@code runId}. */
  public static Row resultRow(PairOutcome o, String runId) {
    Provenance p = o.provenance();
    return RowFactory.create(o.id(), o.contentUri(), o.styleUri(), o.outputUri(), o.status(), o.error(),
        o.iterations(), o.evaluations(), o.contentLoss(), o.styleLoss(), o.tvLoss(), o.totalLoss(), o.durationMs(), o.optimizationMs(),
        o.executorId(), o.attempt(), p == null ? null : p.settingsFingerprint(), p == null ? null : p.weightsDigest(),
        p == null ? null : p.contentVersion(), p == null ? null : p.styleVersion(), o.imageBytes(), o.imageSha256(),
        o.scales() == null ? null : scala.collection.JavaConverters.asScalaBuffer(o.scales()).toSeq(), runId);
  }

  /** The {@code losses/} rows of one pair's loss log. */
  public static List<Row> lossRows(String id, List<LossRecord> log, String runId) {
    List<Row> rows = new ArrayList<>();
    for (LossRecord r : log) {
      rows.add(RowFactory.create(id, r.iteration(), r.evaluations(), r.losses().content(), r.losses().style(), r.losses().tv(),
          r.losses().total(), r.elapsedMs(), r.scale(), runId));
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
   * A table as written, with the columns a table written by an older version lacks read as null, and files that
   * cannot be read (a damaged or truncated file) skipped: their pairs then lack rows, and the next run rebuilds
   * them from the completion records. Null when the table holds no data file. A file a crashed commit left
   * (without {@code _SUCCESS}) is read like any other: its rows are complete, and the next commit settles them.
   */
  public static Dataset<Row> read(SparkSession spark, ObjectStore store, String table, StructType schema)
      throws IOException {
    if (!hasData(store, table)) {
      return null;
    }
    return spark.read().schema(schema).option("ignoreCorruptFiles", "true")
        .parquet(ObjectStore.path(table).toString());
  }

  /** Whether the table's folder holds a data file. */
  public static boolean hasData(ObjectStore store, String table) throws IOException {
    return !dataFiles(store, table).isEmpty();
  }

  /** The table's data files: hidden files and folders (a crashed write's, {@code _SUCCESS}) are not data. */
  public static List<org.apache.hadoop.fs.Path> dataFiles(ObjectStore store, String table) throws IOException {
    org.apache.hadoop.fs.Path dir = ObjectStore.path(table);
    List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
    try {
      for (org.apache.hadoop.fs.FileStatus st : store.fileSystem(dir).listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(st.getPath());
        }
      }
    } catch (java.io.FileNotFoundException e) {
      return List.of();
    }
    return files;
  }

  /**
   * Each pair's current row: the one of the latest run (then of the greatest file name, for a file a crashed run
   * left copied twice). After a run has finished, every pair has exactly one row, and this is the table itself.
   */
  public static Dataset<Row> current(Dataset<Row> table) {
    return ranked(table.withColumn(FILE, functions.input_file_name())
        .withColumn(RUN_ID, functions.coalesce(functions.col(RUN_ID), functions.lit(""))), "id")
        .drop(FILE);
  }

  /**
   * A frame of rows the driver holds, cut into slices of at most 20,000 rows, so that no single task carries a
   * catalog's worth of rows (a local relation would be one task).
   */
  public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
    int slices = Math.max(1, (rows.size() + 19_999) / 20_000);
    return spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, slices), schema);
  }

  /** Column names as the Scala sequence Spark's joins take. */
  public static scala.collection.Seq<String> columns(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(names)).toSeq();
  }

  /** The first row of each group of {@code key} by descending run id and file name. */
  static Dataset<Row> ranked(Dataset<Row> rows, String... key) {
    WindowSpec latest = Window.partitionBy(java.util.Arrays.stream(key).map(functions::col).toArray(Column[]::new))
        .orderBy(functions.col(RUN_ID).desc(), functions.col(FILE).desc());
    return rows.withColumn("_rank", functions.row_number().over(latest)).filter("_rank = 1").drop("_rank");
  }
}
