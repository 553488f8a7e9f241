package io.stylebatch.report;

import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.RunTables;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.objective.LossValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What the report shows, bounded whatever the catalog's size: counts and task time over every pair, the
 * distribution of the total loss per iteration over every pair (10th, 50th and 90th percentile), the failures
 * (the first {@link #MAX_FAILURES_LISTED} by id, with the count of the rest), and at most
 * {@code max-detailed-pairs} pairs in detail with their loss logs — all of them in a small run; in a larger one
 * the failed, the worst (highest final total loss) and a fixed sample (by a hash of the id), a third each.
 *
 * @param band per logged iteration: {iteration, p10, p50, p90} of the total loss
 */
public record ReportData(long pairs, long succeeded, long totalMs, List<PairOutcome> failures, List<PairOutcome> detailed,
    Map<String, List<LossRecord>> curves, List<double[]> band) {
  public static final int MAX_FAILURES_LISTED = 200;

  public long failed() {
    return pairs - succeeded;
  }

  /** Reads what the report needs from the output's tables with Spark; the driver receives bounded results. */
  public static ReportData fromTables(SparkSession spark, ObjectStore store, OutputLayout layout,
      ReportSettings settings) throws IOException {
    Dataset<Row> table = RunTables.read(spark, store, layout.results(), RunTables.RESULTS_SCHEMA);
    if (table == null) {
      return new ReportData(0, 0, 0, List.of(), List.of(), Map.of(), List.of());
    }
    Dataset<Row> losses = RunTables.read(spark, store, layout.losses(), RunTables.LOSSES_SCHEMA);
    int max = settings.maxDetailedPairs();
    // A small run's rows are collected as they are (no shuffle); a crash's duplicates are settled here.
    List<Row> few = table.limit(2 * max + 1).collectAsList();
    if (few.size() <= max || few.size() <= 2 * max && latest(few).size() <= max) {
      return small(latest(few), losses);
    }
    Dataset<Row> results = RunTables.current(table);
    Dataset<Row> currentLosses = losses == null ? null : losses.withColumn(RunTables.RUN_ID, functions.coalesce(
        functions.col(RunTables.RUN_ID), functions.lit(""))).join(results.select("id", RunTables.RUN_ID),
        RunTables.columns("id", RunTables.RUN_ID), "left_semi");
    results = results.localCheckpoint(true); // several queries follow; a checkpoint, as input_file_name() defeats a cache
    Row counts = results.agg(functions.count("*"), functions.sum(functions.when(
        functions.col("status").equalTo(PairOutcome.SUCCEEDED), 1).otherwise(0)), functions.sum("duration_ms"))
        .first();
    Dataset<Row> failed = results.filter(functions.col("status").notEqual(PairOutcome.SUCCEEDED));
    List<PairOutcome> failures = outcomes(failed.orderBy("id").limit(MAX_FAILURES_LISTED));
    Dataset<Row> ok = results.filter(functions.col("status").equalTo(PairOutcome.SUCCEEDED));
    Map<String, PairOutcome> chosen = new LinkedHashMap<>();
    outcomes(failed.orderBy("id").limit(max / 3)).forEach(o -> chosen.put(o.id(), o));
    outcomes(ok.orderBy(functions.col("total_loss").desc(), functions.col("id")).limit(max / 3))
        .forEach(o -> chosen.putIfAbsent(o.id(), o));
    outcomes(ok.orderBy(functions.xxhash64(functions.col("id")), functions.col("id")).limit(max)).forEach(o -> {
      if (chosen.size() < max) {
        chosen.putIfAbsent(o.id(), o);
      }
    });
    List<PairOutcome> detailed = new ArrayList<>(chosen.values());
    detailed.sort(Comparator.comparing(PairOutcome::id));
    Map<String, List<LossRecord>> curves = new LinkedHashMap<>();
    List<double[]> band = new ArrayList<>();
    if (currentLosses != null) {
      curves = curves(currentLosses, detailed);
      for (Row r : currentLosses.groupBy("iteration").agg(functions.percentile_approx(functions.col("total_loss"),
          functions.lit(new double[] {0.1, 0.5, 0.9}), functions.lit(1000))).orderBy("iteration").collectAsList()) {
        List<Double> q = r.getList(1);
        band.add(new double[] {r.getInt(0), q.get(0), q.get(1), q.get(2)});
      }
    }
    results.unpersist();
    return new ReportData(counts.getLong(0), counts.isNullAt(1) ? 0 : counts.getLong(1),
        counts.isNullAt(2) ? 0 : counts.getLong(2), failures, detailed, curves, band);
  }

  /** Each pair's row of the latest run, by id; with the run id of each. */
  private static Map<String, Map.Entry<String, PairOutcome>> latest(List<Row> rows) {
    Map<String, Map.Entry<String, PairOutcome>> byId = new java.util.TreeMap<>();
    for (Row r : rows) {
      String run = r.isNullAt(r.fieldIndex(RunTables.RUN_ID)) ? "" : r.getAs(RunTables.RUN_ID);
      byId.merge(r.getAs("id"), Map.entry(run, RunTables.outcomeOf(r)),
          (a, b) -> a.getKey().compareTo(b.getKey()) >= 0 ? a : b);
    }
    return byId;
  }

  /** A run with no more pairs than are shown in detail: everything is computed from its collected rows. */
  private static ReportData small(Map<String, Map.Entry<String, PairOutcome>> latest, Dataset<Row> losses) {
    List<PairOutcome> rows = new ArrayList<>();
    latest.values().forEach(e -> rows.add(e.getValue()));
    long succeeded = rows.stream().filter(PairOutcome::succeeded).count();
    long totalMs = rows.stream().mapToLong(PairOutcome::durationMs).sum();
    List<PairOutcome> failures = rows.stream().filter(o -> !o.succeeded()).limit(MAX_FAILURES_LISTED).toList();
    Map<String, List<LossRecord>> curves = new LinkedHashMap<>();
    Object[] ids = rows.stream().map(PairOutcome::id).toArray();
    if (losses != null && ids.length > 0) {
      for (Row r : losses.filter(functions.col("id").isin(ids)).collectAsList()) {
        String run = r.isNullAt(r.fieldIndex(RunTables.RUN_ID)) ? "" : r.getAs(RunTables.RUN_ID);
        if (run.equals(latest.get(r.<String>getAs("id")).getKey())) {
          curves.computeIfAbsent(r.getAs("id"), k -> new ArrayList<>()).add(lossRecord(r));
        }
      }
    }
    curves.values().forEach(log -> log.sort(Comparator.comparingInt(LossRecord::iteration)));
    java.util.TreeMap<Integer, List<Double>> byIteration = new java.util.TreeMap<>();
    curves.values().forEach(log -> log.forEach(r -> byIteration.computeIfAbsent(r.iteration(),
        k -> new ArrayList<>()).add(r.losses().total())));
    List<double[]> band = new ArrayList<>();
    byIteration.forEach((iteration, totals) -> {
      totals.sort(null);
      band.add(new double[] {iteration, rank(totals, 0.1), rank(totals, 0.5), rank(totals, 0.9)});
    });
    return new ReportData(rows.size(), succeeded, totalMs, failures, rows, curves, band);
  }

  /** The nearest-rank percentile of sorted values. */
  private static double rank(List<Double> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  /** The loss logs of {@code pairs}, in iteration order. */
  private static Map<String, List<LossRecord>> curves(Dataset<Row> losses, List<PairOutcome> pairs) {
    Map<String, List<LossRecord>> curves = new LinkedHashMap<>();
    Object[] ids = pairs.stream().map(PairOutcome::id).toArray();
    if (ids.length > 0) {
      for (Row r : losses.filter(functions.col("id").isin(ids)).collectAsList()) {
        curves.computeIfAbsent(r.getAs("id"), k -> new ArrayList<>()).add(lossRecord(r));
      }
    }
    curves.values().forEach(log -> log.sort(Comparator.comparingInt(LossRecord::iteration)));
    return curves;
  }

  private static List<PairOutcome> outcomes(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(RunTables::outcomeOf).toList();
  }

  private static LossRecord lossRecord(Row r) {
    Integer evaluations = r.getAs("evaluations");
    return new LossRecord(r.getAs("iteration"), evaluations == null ? r.<Integer>getAs("iteration") : evaluations,
        new LossValues(r.getAs("content_loss"), r.getAs("style_loss"), r.getAs("tv_loss"), r.getAs("total_loss")),
        r.<Long>getAs("elapsed_ms"), r.isNullAt(r.fieldIndex("scale")) ? 0 : r.<Integer>getAs("scale"));
  }
}
