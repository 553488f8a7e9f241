package io.stylebatch.job;

import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.RunMarker;
import io.stylebatch.output.RunTables;
import io.stylebatch.report.RunInfo;
import io.stylebatch.report.RunReport;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run, in the order that keeps the output consistent if it is interrupted at any point:
 * {@code losses/} and {@code results/} replaced as wholes, scratch space removed, the report, then the
 * {@code _SUCCESS} marker last ({@code _FAILED} instead when too many pairs failed: exit 3).
 */
final class RunFinalizer {
  private static final Logger LOG = LoggerFactory.getLogger(RunFinalizer.class);
  /** Spark's order of {@code (id, iteration)}: strings by their UTF-8 bytes, unsigned. */
  static final Comparator<Row> LOSS_ORDER = Comparator.<Row, byte[]>comparing(
      r -> r.getString(0).getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned).thenComparingInt(r -> r.getInt(1));

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

  /** Writes everything for {@code pairs} (manifest order) and returns how the run ended. */
  RunSummary finish(List<PairSpec> pairs, ResumePlan plan, List<PairOutcome> computed, ResumePlan.Evidence evidence,
      JobCounters counters, RunPhases phases) throws IOException {
    Map<String, PairOutcome> fresh = new HashMap<>(plan.recovered());
    computed.forEach(o -> fresh.put(o.id(), o));
    phases.begin("write tables");
    Map<String, List<LossRecord>> logs = skippedLossLogs(plan, evidence);
    List<PairOutcome> outcomes = new ArrayList<>();
    List<Row> resultRows = new ArrayList<>();
    List<Row> lossRows = new ArrayList<>();
    int succeeded = 0;
    for (PairSpec p : pairs) {
      PairOutcome o = fresh.containsKey(p.id()) ? fresh.get(p.id()) : plan.skipped().get(p.id());
      Objects.requireNonNull(o, "no outcome for pair " + p.id());
      if (fresh.containsKey(p.id())) {
        logs.put(p.id(), o.losses());
      }
      outcomes.add(o);
      resultRows.add(RunTables.resultRow(o));
      lossRows.addAll(RunTables.lossRows(p.id(), logs.getOrDefault(p.id(), List.of())));
      succeeded += o.succeeded() ? 1 : 0;
    }
    int failed = pairs.size() - succeeded;
    // Ordered by id and iteration here rather than by Spark's orderBy, which costs a sort stage and a shuffle.
    lossRows.sort(LOSS_ORDER);
    Dataset<Row> losses = spark.createDataFrame(lossRows, RunTables.LOSSES_SCHEMA);
    Dataset<Row> results = spark.createDataFrame(resultRows, RunTables.RESULTS_SCHEMA);
    String staging = layout.staging(runId);
    RunTables.replace(spark, store, losses, layout.losses(), ObjectStore.join(staging, "losses"));
    RunTables.replace(spark, store, results, layout.results(), ObjectStore.join(staging, "results"));
    store.delete(layout.stagingRoot(), true);
    if (settings.report().enabled()) {
      phases.begin("write report");
      writeReport(outcomes, logs);
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
   * The loss logs of the pairs skipped as done, from {@code losses/}; those the table lacks (deleted, partial or
   * unreadable) are rebuilt from the pairs' completion records.
   */
  private Map<String, List<LossRecord>> skippedLossLogs(ResumePlan plan, ResumePlan.Evidence evidence)
      throws IOException {
    Map<String, List<LossRecord>> logs = new HashMap<>(
        RunTables.readLosses(spark, store, layout, plan.skipped().keySet()));
    List<String> missing = plan.skipped().keySet().stream().filter(id -> !logs.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      Map<String, PairOutcome> records = evidence.completionRecords(missing);
      records.forEach((id, record) -> logs.put(id, record.losses()));
      LOG.warn("{} run {}: {} lacked the loss log of {} skipped pair(s); rebuilt {} from their completion records",
          settings.appName(), runId, layout.losses(), missing.size(), records.size());
    }
    return logs;
  }

  /** The report from what this run holds in memory: its results and loss logs, not a re-read of the tables. */
  private void writeReport(List<PairOutcome> outcomes, Map<String, List<LossRecord>> logs) {
    try {
      RunInfo finished = new RunInfo(runId, info.started(), Instant.now(), info.weightsUri(), info.randomWeights(),
          info.settings());
      String report = RunReport.write(store, layout, outcomes, logs, settings.report(), settings.input(), finished);
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
