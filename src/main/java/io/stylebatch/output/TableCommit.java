package io.stylebatch.output;

import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run changes {@code results/} and {@code losses/} without ever removing a readable table: it appends
 * files holding only the rows it produced (pairs computed or recovered), then retires the rows those supersede
 * by rewriting just the files that hold them (a copy without them is appended first, the old file deleted
 * after). Files are never replaced in place, so an interruption at any point leaves every committed row
 * readable; what it can leave is a duplicate or a missing row, and the next run's {@link #retire} (duplicates:
 * the latest run's row wins, as in {@link RunTables#current}) and resume plan (missing rows: rebuilt from the
 * completion records) settle both. The lease keeps a second run from writing at the same time.
 */
public final class TableCommit {
  private static final Logger LOG = LoggerFactory.getLogger(TableCommit.class);
  /** Rows per file of {@code results/} (about 100 MB of Parquet) and of {@code losses/}. */
  static final long RESULT_ROWS_PER_FILE = 1_000_000;
  static final long LOSS_ROWS_PER_FILE = 4_000_000;

  private final SparkSession spark;
  private final ObjectStore store;
  private final OutputLayout layout;

  public TableCommit(SparkSession spark, ObjectStore store, OutputLayout layout) {
    this.spark = spark;
    this.store = store;
    this.layout = layout;
  }

  /**
   * Appends a run's loss rows, then its result rows (a pair's result never points at loss rows not yet there).
   *
   * @param resultRows, lossRows how many rows each frame holds (sizes the files)
   * @return whether either table held rows of earlier runs, which {@link #retire} must then look at
   */
  public boolean append(Dataset<Row> results, long resultRows, Dataset<Row> losses, long lossRows)
      throws IOException {
    boolean earlier = RunTables.hasData(store, layout.results()) || RunTables.hasData(store, layout.losses());
    if (lossRows > 0) {
      write(files(losses, lossRows, LOSS_ROWS_PER_FILE).sortWithinPartitions("id", "iteration"), layout.losses());
    }
    if (resultRows > 0) {
      write(files(results, resultRows, RESULT_ROWS_PER_FILE).sortWithinPartitions("id"), layout.results());
    }
    return earlier;
  }

  /** One file without a shuffle where the rows fit; otherwise spread by pair over as many files as needed. */
  private static Dataset<Row> files(Dataset<Row> rows, long count, long perFile) {
    int n = files(count, perFile);
    return n == 1 ? rows.coalesce(1) : rows.repartition(n, functions.col("id"));
  }

  /**
   * Leaves each table with exactly the current row(s) of each pair of {@code manifestIds} (a one-column
   * {@code id} frame): rows of older runs, of pairs no longer in the manifest and duplicates are dropped by
   * rewriting the files that hold them; files that cannot be read, or hold no rows, are deleted.
   */
  public void retire(Dataset<Row> manifestIds) throws IOException {
    Dataset<Row> results = located(layout.results(), RunTables.RESULTS_SCHEMA);
    if (results == null) {
      return;
    }
    Dataset<Row> keep = RunTables.ranked(results.join(manifestIds, results.col("id").equalTo(manifestIds.col("id")),
        "left_semi"), "id").select("id", RunTables.RUN_ID, RunTables.FILE).localCheckpoint(true);
    // Checkpointed, not cached: a plan with input_file_name() never matches a cache, and files are deleted below.
    try {
      rewrite(layout.results(), RunTables.RESULTS_SCHEMA, results, keep, "id");
      Dataset<Row> losses = located(layout.losses(), RunTables.LOSSES_SCHEMA);
      if (losses != null) {
        Dataset<Row> lossFiles = losses.select("id", RunTables.RUN_ID, RunTables.FILE).distinct();
        Dataset<Row> keepLosses = RunTables.ranked(lossFiles.join(keep.select("id", RunTables.RUN_ID),
            RunTables.columns("id", RunTables.RUN_ID),
            "left_semi"), "id").select("id", RunTables.RUN_ID, RunTables.FILE);
        rewrite(layout.losses(), RunTables.LOSSES_SCHEMA, losses, keepLosses, "id", "iteration");
      }
    } finally {
      keep.unpersist();
    }
  }

  /** The table's rows with their run id (empty for tables of older versions) and file; null when never written. */
  private Dataset<Row> located(String table, StructType schema) throws IOException {
    Dataset<Row> rows = RunTables.read(spark, store, table, schema);
    return rows == null ? null : rows.select("id", RunTables.RUN_ID).withColumn(RunTables.FILE,
        functions.input_file_name()).withColumn(RunTables.RUN_ID,
        functions.coalesce(functions.col(RunTables.RUN_ID), functions.lit("")));
  }

  private void rewrite(String table, StructType schema, Dataset<Row> located, Dataset<Row> keep, String... order)
      throws IOException {
    // One pass: every file that has rows, and whether it has a row not to keep.
    Dataset<Row> marked = located.join(keep.withColumn("_kept", functions.lit(true)),
        RunTables.columns("id", RunTables.RUN_ID, RunTables.FILE), "left")
        .groupBy(RunTables.FILE).agg(functions.max(functions.col("_kept").isNull()).as("_stale"));
    Set<Path> withRows = new HashSet<>();
    List<String> stale = new ArrayList<>();
    for (Row r : marked.collectAsList()) {
      withRows.add(fromSpark(r.getString(0)));
      if (r.getBoolean(1)) {
        stale.add(r.getString(0));
      }
    }
    List<Path> empty = new ArrayList<>();
    for (Path file : RunTables.dataFiles(store, table)) {
      if (!withRows.contains(Path.getPathWithoutSchemeAndAuthority(file))) {
        empty.add(file);
      }
    }
    if (stale.isEmpty() && empty.isEmpty()) {
      return;
    }
    Dataset<Row> kept = null;
    for (String file : stale) {
      // One file at a time, matched to the rows kept from exactly that file.
      Dataset<Row> rows = spark.read().schema(schema).parquet(file)
          .withColumn(RunTables.RUN_ID, functions.coalesce(functions.col(RunTables.RUN_ID), functions.lit("")))
          .join(keep.filter(functions.col(RunTables.FILE).equalTo(file)).select("id", RunTables.RUN_ID),
              RunTables.columns("id", RunTables.RUN_ID),
              "left_semi")
          .selectExpr(schema.fieldNames());
      kept = kept == null ? rows : kept.unionByName(rows);
    }
    long rows = kept == null ? 0 : kept.count();
    LOG.info("{}: retiring {} file(s) with superseded rows ({} rows kept, rewritten) and {} unreadable or empty",
        table, stale.size(), rows, empty.size());
    if (rows > 0) {
      long perFile = order.length > 1 ? LOSS_ROWS_PER_FILE : RESULT_ROWS_PER_FILE;
      write(files(kept, rows, perFile).sortWithinPartitions(order[0], java.util.Arrays.copyOfRange(order, 1, order.length)), table);
    }
    FileSystem fs = store.fileSystem(ObjectStore.path(table));
    for (String file : stale) {
      fs.delete(new Path(java.net.URI.create(file)), false);
    }
    for (Path file : empty) {
      fs.delete(file, false);
    }
  }

  /** A file as Spark names it ({@code input_file_name()}: a URI), as a path without scheme and authority. */
  private static Path fromSpark(String uri) {
    return Path.getPathWithoutSchemeAndAuthority(new Path(java.net.URI.create(uri)));
  }

  private static void write(Dataset<Row> rows, String table) {
    rows.write().mode(SaveMode.Append).parquet(ObjectStore.path(table).toString());
  }

  private static int files(long rows, long perFile) {
    return (int) Math.max(1, (rows + perFile - 1) / perFile);
  }
}
