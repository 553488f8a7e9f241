package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.Uris;
import io.stylebatch.job.executor.JobCounters;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.job.executor.PairProcessor;
import io.stylebatch.job.executor.PairTask;
import io.stylebatch.job.executor.TaskStatus;
import io.stylebatch.job.gpu.GpuPreflight;
import io.stylebatch.job.plan.ResumePlan;
import io.stylebatch.job.plan.ResumePlanner;
import io.stylebatch.job.plan.TaskGroups;
import io.stylebatch.manifest.ManifestException;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.Leftovers;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.OutputLease;
import io.stylebatch.report.RunInfo;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import io.stylebatch.transfer.ScaleSchedule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark driver, as wiring: arguments and configuration, the manifest validated before anything is
 * computed (exit 2), a {@link ResumePlan} of what to compute ({@link ResumePlanner}), the pairs run by
 * {@link PairProcessor} in tasks ({@link TaskGroups}), and the {@link RunFinalizer} that writes the tables, the
 * report and {@code _SUCCESS}.
 */
public final class StyleBatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(StyleBatchJob.class);
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

  private StyleBatchJob() {}

  /**
   * The spark-submit entry point. The outcome reaches the scheduler as the process exit code in client and
   * local mode, and as the application's final status in cluster deploy mode ({@link ExitPolicy}).
   */
  public static void main(String[] args) {
    JobCommand.Outcome outcome = JobCommand.run(args);
    ExitPolicy.current().finish(outcome.code(), outcome.message());
  }

  /** A session for spark-submit, or {@code local[*]} when no master is configured. Speculation is off. */
  public static SparkSession createSession(String appName) {
    return createSession(appName, Map.of());
  }

  /** As {@link #createSession(String)}, with extra properties applied where not already set. */
  public static SparkSession createSession(String appName, Map<String, String> properties) {
    SparkConf conf = new SparkConf();
    properties.forEach(conf::setIfMissing);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", appName);
    // A speculative copy of a pair would do the whole optimization twice.
    conf.set("spark.speculation", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Runs with configuration loaded from the arguments' config file and overrides. */
  public static RunSummary run(SparkSession spark, JobArguments arguments) {
    try {
      return run(spark, arguments, JobSettings.from(arguments.loadConfig()));
    } catch (ConfigurationException e) {
      return RunSummary.error(null, ExitCode.INVALID_INPUT, e.getMessage());
    }
  }

  static RunSummary run(SparkSession spark, JobArguments arguments, JobSettings settings) {
    String runId = RUN_ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    configureStorage(spark, settings.s3());
    ObjectStore store = new ObjectStore(spark.sparkContext().hadoopConfiguration());
    Instant started = Instant.now();
    List<PairSpec> pairs;
    Preflight.Weights weights;
    RunPhases phases = new RunPhases(spark.sparkContext(), settings.appName() + " " + runId + ": ");
    phases.begin("read manifest");
    try {
      pairs = Preflight.validatedPairs(spark, store, arguments.manifest(), settings);
      weights = Preflight.checkWeights(store, settings);
      GpuPreflight.check(spark);
    } catch (ManifestException | ConfigurationException e) {
      LOG.error("{}", e.getMessage(), e.getCause()); // the chain of a store or Spark failure, none for bad rows
      return RunSummary.error(runId, ExitCode.INVALID_INPUT, e.getMessage());
    } catch (IOException e) {
      LOG.error("cannot check inputs: {}", e.getMessage(), e);
      return RunSummary.error(runId, ExitCode.INVALID_INPUT, "cannot check inputs: " + e.getMessage());
    }
    OutputLayout layout = new OutputLayout(arguments.output());
    if (arguments.validate()) {
      return validateOnly(spark, store, pairs, settings, layout, runId, weights.random());
    }
    OutputLease lease;
    phases.begin("claim output");
    try {
      lease = OutputLease.acquire(store, layout, runId, settings.leaseTimeout());
    } catch (OutputLease.HeldException e) {
      LOG.error("{}", e.getMessage());
      return RunSummary.error(runId, ExitCode.INVALID_INPUT, e.getMessage());
    } catch (IOException | RuntimeException e) {
      String message = "output " + Uris.redact(layout.root()) + " cannot be written: " + rootCause(e);
      LOG.error("{}", message, e);
      return RunSummary.error(runId, ExitCode.INVALID_INPUT, message);
    }
    try (lease) {
      RunInfo info = new RunInfo(runId, started, null, Uris.redact(settings.weightsUri()), weights.random(),
          settings.transferDefaults().toString());
      return execute(spark, store, layout, pairs, settings, info, lease, phases, weights.digest());
    } catch (Exception e) { // SparkException is checked but not declared by Spark's Scala methods
      String message = "run " + runId + " failed: " + rootCause(e) + ". Finished pairs keep their images; a rerun "
          + "with the same manifest and output completes the rest.";
      LOG.error("{}", message, e);
      return RunSummary.error(runId, ExitCode.ERROR, message);
    }
  }

  /** {@code --validate}: checks inputs and output, prints the plan, computes nothing. */
  private static RunSummary validateOnly(SparkSession spark, ObjectStore store, List<PairSpec> pairs,
      JobSettings settings, OutputLayout layout, String runId, boolean randomWeights) {
    ValidationPlan plan = ValidationPlan.of(spark, store, pairs, settings, layout);
    System.out.print(plan.render());
    if (!plan.problems().isEmpty()) {
      String message = "validation found " + plan.problems().count() + ":" + plan.problems().lines();
      return RunSummary.error(runId, ExitCode.INVALID_INPUT, message);
    }
    return new RunSummary(runId, ExitCode.OK, pairs.size(), 0, 0, 0, 0, 0, null, randomWeights, List.of());
  }

  /** The innermost cause, one line: usually the actionable part (e.g. a refused connection). */
  static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
    String outer = e == t ? "" : " (" + e.getClass().getSimpleName() + ")";
    return t.getClass().getName() + m + outer;
  }

  /**
   * Threads per task when not configured: {@code spark.task.cpus}, the cores Spark reserves for each task — in
   * local mode too. It never depends on how many pairs the run has, so a pair's float sums, and its image's
   * bytes, are the same whether it runs alone or inside a large manifest.
   */
  static int autoThreads(SparkSession spark) {
    return Math.max(1, spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
  }

  /** Applies the S3A settings and, where available, Spark's cloud committer for the Parquet tables. */
  static void configureStorage(SparkSession spark, S3Settings s3) {
    s3.applyTo(spark.sparkContext().hadoopConfiguration());
    if (!s3.committer().equals("file")) {
      if (S3Settings.cloudCommitterAvailable()) {
        spark.conf().set("spark.sql.sources.commitProtocolClass", S3Settings.CLOUD_COMMIT_PROTOCOL);
        spark.conf().set("spark.sql.parquet.output.committer.class", S3Settings.CLOUD_PARQUET_COMMITTER);
      } else {
        LOG.warn("stylebatch.s3.committer = {} but spark-hadoop-cloud is not on the classpath; Parquet tables on "
            + "s3a:// will be committed by renames", s3.committer());
      }
    }
  }

  private static RunSummary execute(SparkSession spark, ObjectStore store, OutputLayout layout, List<PairSpec> pairs,
      JobSettings settings, RunInfo info, OutputLease lease, RunPhases phases, String weightsDigest)
      throws IOException {
    String runId = info.runId();
    String appName = settings.appName();
    phases.begin("plan resume");
    Leftovers.remove(store, layout);
    ResumePlan plan = new ResumePlanner(spark, store, layout, settings.verifySkippedByDigest()).plan(pairs,
        weightsDigest);
    if (!plan.recovered().isEmpty()) {
      LOG.info("{}: {} pair(s) finished by an earlier run whose tables lack them, not recomputed", appName,
          plan.recovered().size());
    }
    LOG.info("{} run {}: {} pairs in the manifest, {} already done from the same settings, weights and inputs, "
        + "{} to run{}", appName, runId, pairs.size(), plan.done(), plan.toRun().size(),
        plan.reasons().isEmpty() ? "" : " " + plan.reasons());
    JobCounters counters = new JobCounters(spark.sparkContext());
    TaskStatus computed = new TaskStatus(0, 0, List.of());
    if (!plan.toRun().isEmpty()) {
      computed = optimize(spark, store, layout, settings, plan, counters, phases, runId, weightsDigest);
      // A task killed mid-write (lost executor) leaves a hidden temp file; its retry wrote the image.
      // No task runs any more, so remove such leftovers before the run is declared finished.
      Leftovers.remove(store, layout);
    }
    lease.ensureHeld();
    return new RunFinalizer(spark, store, layout, settings, info).finish(pairs, plan, computed, counters, phases);
  }

  /**
   * Runs the plan's pairs: one task per pair, longest first, or — with far more pairs than task slots — groups
   * of about equal work ({@link TaskGroups}). The processor travels once per executor as a broadcast, and each
   * task returns only counts ({@link TaskStatus}).
   */
  private static TaskStatus optimize(SparkSession spark, ObjectStore store, OutputLayout layout, JobSettings settings,
      ResumePlan plan, JobCounters counters, RunPhases phases, String runId, String weightsDigest) {
    String appName = settings.appName();
    int threads = settings.threadsPerTask() > 0 ? settings.threadsPerTask() : autoThreads(spark);
    int slots = Math.max(1, spark.sparkContext().defaultParallelism() / Math.max(1, autoThreads(spark)));
    List<List<PairTask>> groups = TaskGroups.of(plan.toRun(), slots, settings.tasksPerSlot());
    LOG.info("{}: {} ND4J thread(s) per task, {} pairs in {} task(s)", appName, threads, plan.toRun().size(),
        groups.size());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<PairProcessor> processor = jsc.broadcast(new PairProcessor(settings.withThreadsPerTask(threads), store,
        layout, counters, weightsDigest));
    phases.begin("optimize");
    jsc.setJobGroup("stylebatch-" + runId, appName + " " + runId + ": optimize " + plan.toRun().size() + " pairs",
        false);
    long budget = plan.toRun().stream().mapToLong(t -> ScaleSchedule.of(t.pair().settings()).evaluations()).sum();
    try (ProgressLog progress = new ProgressLog(appName, counters, spark.sparkContext(), plan.toRun().size(),
        budget)) {
      return TaskStatus.sum(jsc.parallelize(groups, groups.size())
          .map(g -> processor.value().processAll(g, SparkEnv.get().executorId(), TaskContext.get().attemptNumber()))
          .collect());
    } finally {
      jsc.clearJobGroup();
      processor.destroy();
    }
  }
}
