package io.stylebatch.job;

import io.stylebatch.job.executor.JobCounters;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.job.executor.TaskStatus;
import io.stylebatch.job.plan.ResumePlan;
import io.stylebatch.job.plan.TaskGroups;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.PairRecords;
import io.stylebatch.output.RunMarker;
import io.stylebatch.output.RunTables;
import io.stylebatch.output.TableCommit;
import io.stylebatch.report.ReportData;
import io.stylebatch.report.RunInfo;
import io.stylebatch.report.RunReport;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run, in the order that keeps the output consistent if it is interrupted at any point: the rows
 * of the pairs this run computed or recovered appended to {@code losses/} and {@code results/} from their
 * completion records by Spark tasks, the rows they supersede retired ({@link TableCommit}), the report built
 * from the tables, then the {@code _SUCCESS} marker last ({@code _FAILED} instead when too many pairs failed:
 * exit 3). The driver holds ids and counts, never rows or loss logs.
 */
final class RunFinalizer {
  private static final Logger LOG = LoggerFactory.getLogger(RunFinalizer.class);

  private final SparkSession spark;
  private final ObjectStore store;
  private final OutputLayout layout;
  private final JobSettings settings;
  private final String runId;
  private final RunInfo info;

  RunFinalizer(SparkSession spark, ObjectStore store, OutputLayout layout, JobSettings settings, RunInfo info) {
    this.spark = spark;
    this.store = store;
    this.layout = layout;
    this.settings = settings;
    this.runId = info.runId();
    this.info = info;
  }

  /** Writes everything for {@code pairs} and returns how the run ended. */
  RunSummary finish(List<PairSpec> pairs, ResumePlan plan, TaskStatus computed, JobCounters counters,
      RunPhases phases) throws IOException {
    phases.begin("write tables");
    List<String> written = new ArrayList<>(plan.toRun().size() + plan.recovered().size());
    plan.toRun().forEach(t -> written.add(t.pair().id()));
    written.addAll(plan.recovered());
    writeTables(pairs, written, computed.unrecorded());
    store.delete(layout.stagingRoot(), true);
    int succeeded = plan.done() + computed.succeeded();
    int failed = pairs.size() - succeeded;
    if (settings.report().enabled()) {
      phases.begin("write report");
      writeReport(pairs.size());
    }
    phases.begin("write marker");
    ExitCode code = exitCode(pairs.size(), failed);
    // The previous run's marker stays until this run's result is known; then exactly one marker remains.
    new RunMarker(runId, Instant.now().toString(), pairs.size(), succeeded, failed, plan.done())
        .write(store, code == ExitCode.OK ? layout.success() : layout.failed());
    store.delete(code == ExitCode.OK ? layout.failed() : layout.success(), false);
    phases.end();
    return summarize(pairs.size(), succeeded, failed, plan.done(), counters, code, phases.finished());
  }

  /**
   * Appends the rows of {@code ids} — read from their completion records by Spark tasks, plus the outcomes
   * whose record could not be written — and retires what they supersede, and the rows of pairs no longer in
   * the manifest.
   */
  private void writeTables(List<PairSpec> pairs, List<String> ids, List<PairOutcome> unrecorded) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    java.util.Set<String> direct = new java.util.HashSet<>();
    unrecorded.forEach(o -> direct.add(o.id()));
    List<String> toRead = ids.stream().filter(id -> !direct.contains(id)).toList();
    ObjectStore s = store;
    OutputLayout l = layout;
    String run = runId;
    jsc.setJobDescription("write the rows of " + ids.size() + " pairs");
    org.apache.spark.util.LongAccumulator missing = spark.sparkContext().longAccumulator("records missing");
    JavaRDD<PairOutcome> outcomes = jsc.parallelize(toRead, TaskGroups.slices(spark, toRead.size()))
        .map(id -> {
          PairOutcome o = PairRecords.read(s, l, id);
          if (o == null) {
            missing.add(1);
          }
          return o;
        }).filter(Objects::nonNull)
        .union(jsc.parallelize(unrecorded, 1)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> results = spark.createDataFrame(outcomes.map(o -> RunTables.resultRow(o, run)),
          RunTables.RESULTS_SCHEMA);
      Dataset<Row> losses = spark.createDataFrame(outcomes.flatMap(o -> RunTables.lossRows(o.id(),
          o.losses() == null ? List.of() : o.losses(), run).iterator()), RunTables.LOSSES_SCHEMA);
      TableCommit commit = new TableCommit(spark, store, layout);
      boolean earlier = commit.append(results, ids.size(), losses, expectedLossRows(pairs, ids));
      if (missing.value() > 0) {
        LOG.warn("{} run {}: {} of {} pairs had no readable completion record and no row; the next run computes "
            + "them", settings.appName(), runId, missing.value(), ids.size());
      }
      if (!earlier) {
        return; // a first run: the tables hold only its own rows, one per pair
      }
      List<Row> manifestIds = new ArrayList<>(pairs.size());
      pairs.forEach(p -> manifestIds.add(RowFactory.create(p.id())));
      commit.retire(RunTables.frame(spark, manifestIds, new StructType().add("id", DataTypes.StringType, false)));
    } finally {
      outcomes.unpersist(false);
    }
  }

  /** The loss rows the pairs {@code ids} log at most (sizes the table files): the first and last row of each scale and one per interval. */
  private static long expectedLossRows(List<PairSpec> pairs, List<String> ids) {
    java.util.Set<String> wanted = new java.util.HashSet<>(ids);
    long rows = 0;
    for (PairSpec p : pairs) {
      if (wanted.contains(p.id())) {
        var schedule = io.stylebatch.transfer.ScaleSchedule.of(p.settings());
        rows += schedule.evaluations() / Math.max(1, p.settings().get(io.stylebatch.transfer.settings.TransferSetting
            .LOG_INTERVAL)) + 2L * schedule.scales().size();
      }
    }
    return rows;
  }

  /** The report, from the tables: summaries over every pair, details for a bounded selection. */
  private void writeReport(int pairs) {
    try {
      RunInfo finished = new RunInfo(runId, info.started(), Instant.now(), info.weightsUri(), info.randomWeights(),
          info.settings());
      spark.sparkContext().setJobDescription("report of " + pairs + " pairs");
      String report = RunReport.write(store, layout, ReportData.fromTables(spark, store, layout, settings.report()),
          settings.report(), settings.input(), finished);
      LOG.info("{} run {}: report at {}", settings.appName(), runId, report);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} run {}: could not write the report ({}); scripts/report.sh can rebuild it", settings.appName(),
          runId, e.toString());
    }
  }

  private ExitCode exitCode(int pairs, int failed) {
    double failedFraction = pairs == 0 ? 0 : (double) failed / pairs;
    return failedFraction > settings.maxFailedFraction() ? ExitCode.TOO_MANY_FAILURES : ExitCode.OK;
  }

  private RunSummary summarize(int pairs, int succeeded, int failed, int skipped, JobCounters counters, ExitCode code,
      List<RunPhases.Phase> phases) {
    double failedFraction = pairs == 0 ? 0 : (double) failed / pairs;
    String message = code == ExitCode.OK ? null : String.format(Locale.ROOT,
        "%d of %d pairs failed (%.1f%%), more than stylebatch.job.max-failed-fraction = %s; see %s", failed,
        pairs, 100 * failedFraction, settings.maxFailedFraction(), layout.results());
    LOG.info("{} run {} finished: {} succeeded, {} failed, {} skipped; exit code {}; {}", settings.appName(), runId,
        succeeded, failed, skipped, code.code(), RunPhases.describe(phases));
    return new RunSummary(runId, code, pairs, succeeded, failed, skipped, counters.weightLoads(),
        counters.styleTargetComputations(), message, info.randomWeights(), phases);
  }
}
