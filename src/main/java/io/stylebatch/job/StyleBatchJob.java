package io.stylebatch.job;

import com.typesafe.config.Config;
import io.stylebatch.config.ConfigLoader;
import io.stylebatch.config.ConfigurationException;
import io.stylebatch.manifest.ManifestException;
import io.stylebatch.manifest.ManifestReader;
import io.stylebatch.manifest.ManifestValidator;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark driver. Validates arguments, configuration and manifest before anything is computed
 * (exit 2), skips pairs a previous run already finished with the same settings, runs the rest one
 * pair per task, then replaces {@code results/} and {@code losses/} and writes {@code _SUCCESS} last.
 */
public final class StyleBatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(StyleBatchJob.class);
  private static final long PROGRESS_INTERVAL_SECONDS = 30;

  private StyleBatchJob() {}

  public static void main(String[] args) {
    System.exit(runMain(args));
  }

  /** Parses arguments, creates the Spark session, runs, and returns the process exit code. */
  public static int runMain(String[] args) {
    JobArguments arguments;
    try {
      arguments = JobArguments.parse(args);
    } catch (ConfigurationException e) {
      System.err.println("stylebatch: " + e.getMessage());
      return ExitCode.INVALID_INPUT.code();
    }
    if (arguments.help()) {
      System.out.println(JobArguments.USAGE);
      return ExitCode.OK.code();
    }
    SparkSession spark = null;
    try {
      Config config = ConfigLoader.load(arguments.configFile(), arguments.overrides());
      JobSettings settings = JobSettings.from(config);
      spark = createSession(settings.appName(), sparkProperties(config));
      RunSummary summary = run(spark, arguments, settings);
      if (summary.message() != null) {
        System.err.println("stylebatch: " + summary.message());
      }
      return summary.exitCode().code();
    } catch (ConfigurationException e) {
      System.err.println("stylebatch: " + e.getMessage());
      return ExitCode.INVALID_INPUT.code();
    } catch (RuntimeException e) {
      LOG.error("run failed", e);
      System.err.println("stylebatch: unexpected error: " + e);
      return ExitCode.ERROR.code();
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /** {@code stylebatch.spark.conf} as Spark properties. */
  static java.util.Map<String, String> sparkProperties(Config config) {
    java.util.Map<String, String> props = new java.util.TreeMap<>();
    config.getConfig("stylebatch.spark.conf").entrySet().forEach(e ->
        props.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped())));
    return props;
  }

  /** A session for spark-submit, or {@code local[*]} when no master is configured. Speculation is off. */
  public static SparkSession createSession(String appName) {
    return createSession(appName, java.util.Map.of());
  }

  /** As {@link #createSession(String)}, with extra properties applied where not already set. */
  public static SparkSession createSession(String appName, java.util.Map<String, String> properties) {
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
      Config config = ConfigLoader.load(arguments.configFile(), arguments.overrides());
      return run(spark, arguments, JobSettings.from(config));
    } catch (ConfigurationException e) {
      return RunSummary.error(ExitCode.INVALID_INPUT, e.getMessage());
    }
  }

  static RunSummary run(SparkSession spark, JobArguments arguments, JobSettings settings) {
    String runId = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    configureStorage(spark, settings.s3());
    ObjectStore store = new ObjectStore(spark.sparkContext().hadoopConfiguration());
    OutputLayout layout = new OutputLayout(arguments.output());
    List<PairSpec> pairs;
    spark.sparkContext().setJobDescription(settings.appName() + " " + runId + ": read manifest");
    try {
      ManifestReader.Format format = ManifestReader.formatOf(arguments.manifest(), settings.manifestFormat());
      ManifestReader.Contents contents = ManifestReader.read(spark, store, arguments.manifest(), format);
      pairs = ManifestValidator.validate(arguments.manifest(), contents.columns(), contents.rows(),
          settings.transferDefaults(), settings.maxPairMemoryBytes());
      if (!store.exists(settings.weightsUri())) {
        throw new ConfigurationException("VGG19 weights not found at " + settings.weightsUri()
            + " (stylebatch.model.weights). Run scripts/fetch-vgg19.sh, or point the key at your copy; "
            + "scripts/make-test-weights.sh makes random weights for trials.");
      }
    } catch (ManifestException | ConfigurationException e) {
      LOG.error("{}", e.getMessage());
      return RunSummary.error(ExitCode.INVALID_INPUT, e.getMessage());
    } catch (IOException e) {
      return RunSummary.error(ExitCode.INVALID_INPUT, "cannot check inputs: " + e.getMessage());
    }
    try {
      return execute(spark, store, layout, pairs, settings, runId);
    } catch (IOException | RuntimeException e) {
      String message = "run " + runId + " failed: " + rootCause(e) + ". Finished pairs keep their images; a rerun "
          + "with the same manifest and output completes the rest.";
      LOG.error(message, e);
      return RunSummary.error(ExitCode.ERROR, message);
    }
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
   * A run killed mid-way (driver or executor) can leave hidden temporary image files and a staging
   * directory; remove them so the output holds only complete objects.
   */
  static void removeLeftovers(ObjectStore store, OutputLayout layout) throws IOException {
    store.delete(layout.stagingRoot(), true);
    org.apache.hadoop.fs.Path images = ObjectStore.path(layout.imageUri("x")).getParent();
    org.apache.hadoop.fs.FileSystem fs = store.fileSystem(images);
    if (!fs.exists(images)) {
      return;
    }
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(images)) {
      if (st.getPath().getName().startsWith(ObjectStore.TEMP_PREFIX)) {
        LOG.info("removing the leftover of an interrupted write: {}", st.getPath());
        fs.delete(st.getPath(), false);
      }
    }
  }

  /**
   * Threads per task when not configured: {@code spark.task.cpus} on a cluster (the cores Spark reserves
   * for each task); in local mode the machine's cores divided among the pairs that actually run at once,
   * so one pair alone still gets every core.
   */
  static int autoThreads(SparkSession spark, int pairsToRun) {
    SparkConf conf = spark.sparkContext().getConf();
    int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    if (!spark.sparkContext().master().startsWith("local")) {
      return taskCpus;
    }
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    int concurrent = Math.max(1, Math.min(Math.max(1, pairsToRun), cores / taskCpus));
    return Math.max(taskCpus, cores / concurrent);
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
      JobSettings settings, String runId) throws IOException {
    String appName = settings.appName();
    store.delete(layout.success(), false);
    removeLeftovers(store, layout);
    Map<String, Row> previous = RunTables.previousResults(spark, store, layout);
    List<PairSpec> toRun = new ArrayList<>();
    List<String> skippedIds = new ArrayList<>();
    Map<String, PairOutcome> recovered = new java.util.HashMap<>();
    for (PairSpec p : pairs) {
      String fingerprint = PairProcessor.fingerprint(settings, p.settings());
      Row old = previous.get(p.id());
      if (old != null && PairOutcome.SUCCEEDED.equals(old.getAs("status"))
          && p.contentUri().equals(old.getAs("content_uri")) && p.styleUri().equals(old.getAs("style_uri"))
          && fingerprint.equals(old.getAs("settings_fingerprint")) && store.exists(layout.imageUri(p.id()))) {
        skippedIds.add(p.id());
        continue;
      }
      // Finished by an earlier run that died before writing the tables?
      PairOutcome record = PairRecords.read(store, layout, p.id());
      if (record != null && record.succeeded() && p.contentUri().equals(record.contentUri())
          && p.styleUri().equals(record.styleUri()) && fingerprint.equals(record.settingsFingerprint())
          && store.exists(layout.imageUri(p.id()))) {
        recovered.put(p.id(), record);
      } else {
        toRun.add(p);
      }
    }
    if (!recovered.isEmpty()) {
      LOG.info("{}: {} pair(s) finished by an interrupted earlier run, not recomputed", appName,
          recovered.size());
    }
    LOG.info("{} run {}: {} pairs in the manifest, {} already done with the same settings, {} to run", appName,
        runId, pairs.size(), skippedIds.size(), toRun.size());

    JobCounters counters = new JobCounters(spark.sparkContext());
    int threads = settings.threadsPerTask() > 0 ? settings.threadsPerTask() : autoThreads(spark, toRun.size());
    LOG.info("{}: {} ND4J thread(s) per task", appName, threads);
    PairProcessor processor = new PairProcessor(settings.withThreadsPerTask(threads), store, layout, counters);
    List<PairOutcome> outcomes = List.of();
    if (!toRun.isEmpty()) {
      // Longest first (pixels x iterations), so the last tasks to start are the short ones.
      toRun.sort(Comparator.comparingLong((PairSpec p) ->
          (long) p.settings().imageSize() * p.settings().imageSize() * p.settings().iterations()).reversed());
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      jsc.setJobGroup("stylebatch-" + runId, appName + " " + runId + ": optimize " + toRun.size() + " pairs", false);
      JavaRDD<PairSpec> rdd = jsc.parallelize(toRun, toRun.size());
      long start = System.nanoTime();
      ScheduledExecutorService progress = startProgress(appName, counters, toRun.size(), start);
      try {
        outcomes = rdd.map(p -> processor.process(p, SparkEnv.get().executorId(), TaskContext.get().attemptNumber()))
            .collect();
      } finally {
        progress.shutdownNow();
        logProgress(appName, counters, toRun.size(), start, true);
      }
      // A task killed mid-write (lost executor) leaves a hidden temp file; its retry wrote the image.
      // No task runs any more, so remove such leftovers before the run is declared finished.
      removeLeftovers(store, layout);
    }
    Map<String, PairOutcome> byId = new java.util.HashMap<>(recovered);
    outcomes.forEach(o -> byId.put(o.id(), o));
    List<Row> resultRows = new ArrayList<>();
    List<Row> lossRows = new ArrayList<>();
    int succeeded = 0;
    int failed = 0;
    for (PairSpec p : pairs) {
      PairOutcome o = byId.get(p.id());
      Row row = o != null ? RunTables.resultRow(o) : previous.get(p.id());
      Objects.requireNonNull(row, "no outcome for pair " + p.id());
      resultRows.add(row);
      if (o != null) {
        lossRows.addAll(RunTables.lossRows(o));
      }
      String status = o != null ? o.status() : row.getAs("status");
      if (PairOutcome.SUCCEEDED.equals(status)) {
        succeeded++;
      } else {
        failed++;
      }
    }
    spark.sparkContext().setJobDescription(appName + " " + runId + ": write results and losses");
    Dataset<Row> results = spark.createDataFrame(resultRows, RunTables.RESULTS_SCHEMA);
    lossRows.addAll(RunTables.previousLosses(spark, store, layout, skippedIds));
    Dataset<Row> losses = spark.createDataFrame(lossRows, RunTables.LOSSES_SCHEMA).orderBy("id", "iteration");
    String staging = layout.staging(runId);
    RunTables.replace(spark, store, losses, layout.losses(), ObjectStore.join(staging, "losses"));
    RunTables.replace(spark, store, results, layout.results(), ObjectStore.join(staging, "results"));
    store.delete(layout.stagingRoot(), true);
    store.delete(layout.pairRecords(), true);
    if (settings.report().enabled()) {
      spark.sparkContext().setJobDescription(appName + " " + runId + ": write report");
      try {
        String report = io.stylebatch.report.RunReport.write(spark, store, layout.root(),
            settings.report().thumbnailSize(), settings.report().maxDetailedPairs());
        LOG.info("{} run {}: report at {}", appName, runId, report);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} run {}: could not write the report ({}); scripts/report.sh can rebuild it", appName, runId,
            e.toString());
      }
    }
    String success = String.format(Locale.ROOT,
        "{\"run_id\":\"%s\",\"finished_at\":\"%s\",\"pairs\":%d,\"succeeded\":%d,\"failed\":%d,\"skipped\":%d}%n",
        runId, Instant.now(), pairs.size(), succeeded, failed, skippedIds.size() + recovered.size());
    store.writeAtomically(layout.success(), success.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    double failedFraction = pairs.isEmpty() ? 0 : (double) failed / pairs.size();
    ExitCode code = failedFraction > settings.maxFailedFraction() ? ExitCode.TOO_MANY_FAILURES : ExitCode.OK;
    String message = code == ExitCode.OK ? null : String.format(Locale.ROOT,
        "%d of %d pairs failed (%.1f%%), more than stylebatch.job.max-failed-fraction = %s; see %s", failed,
        pairs.size(), 100 * failedFraction, settings.maxFailedFraction(), layout.results());
    LOG.info("{} run {} finished: {} succeeded, {} failed, {} skipped; exit code {}", appName, runId, succeeded,
        failed, skippedIds.size() + recovered.size(), code.code());
    return new RunSummary(code, pairs.size(), succeeded, failed, skippedIds.size() + recovered.size(),
        counters.weightLoads(),
        counters.styleTargetComputations(), message);
  }

  private static ScheduledExecutorService startProgress(String appName, JobCounters counters, int total, long start) {
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stylebatch-progress");
      t.setDaemon(true);
      return t;
    });
    progress.scheduleAtFixedRate(() -> logProgress(appName, counters, total, start, false), PROGRESS_INTERVAL_SECONDS,
        PROGRESS_INTERVAL_SECONDS, TimeUnit.SECONDS);
    return progress;
  }

  private static void logProgress(String appName, JobCounters counters, int total, long start, boolean last) {
    long done = counters.pairsSucceeded();
    long failed = counters.pairsFailed();
    double minutes = (System.nanoTime() - start) / 6e10;
    double perMinute = minutes > 0 ? (done + failed) / minutes : 0;
    long remaining = total - done - failed;
    String eta = perMinute > 0 ? String.format(Locale.ROOT, "%.1f min", remaining / perMinute) : "unknown";
    LOG.info(String.format(Locale.ROOT, "%s progress%s: %d/%d done, %d failed, %.2f pairs/min, ETA %s", appName,
        last ? " (end)" : "", done, total, failed, perMinute, last ? "0 min" : eta));
  }
}
