package io.stylebatch.tools;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.JobArguments;
import io.stylebatch.job.RunSummary;
import io.stylebatch.job.StyleBatchJob;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The catalog-scale row of {@code scripts/bench.sh --scale}: N pairs whose optimization is nearly free (one
 * evaluation at 16 px, narrow test weights, distinct content files over a few styles), so what shows is the
 * pipeline's own cost. Measures {@code --validate}, a fresh run (wall, optimization, per-pair overhead = (wall −
 * optimization / slots) / pairs, the driver's steps), a rerun of the finished output (nothing to do) and the
 * peak heap of this JVM — driver and, in local mode, the executor threads too, so an upper bound for the driver.
 */
@Command(name = "BenchScale", mixinStandardHelpOptions = true, description = "Pipeline cost at catalog scale.")
public final class BenchScale implements Callable<Integer> {
  private static final Path OUT = Path.of("target/bench");

  @Parameters(index = "0", paramLabel = "PAIRS")
  int pairs;

  @picocli.CommandLine.Option(names = "--validate-only", description = "measure --validate only (for 10^6 pairs)")
  boolean validateOnly;

  @picocli.CommandLine.Option(names = "--s3", paramLabel = "PREFIX", description = "inputs, weights and output "
      + "under this s3a:// prefix (settings from conf/s3-local.conf, credentials from the environment)")
  String s3;

  /** Distinct content files at most: a larger manifest reuses them (a million files would fill the disk). */
  static final int MAX_DISTINCT_CONTENTS = 100_000;

  /** The figures, as written to {@code scale-PAIRS.json}. */
  record ScaleFigures(int pairs, int slots, double validateSeconds, double wallSeconds, double optimizationSeconds,
      double overheadMsPerPair, String driverSteps, double rerunSeconds, String rerunSteps, long peakHeapBytes,
      long maxHeapBytes, long reportBytes) {}

  public static void main(String[] args) {
    ConfigOption.exit(new BenchScale(), args);
  }

  @Override
  public Integer call() throws Exception {
    Path dir = OUT.resolve("scale-" + pairs).toAbsolutePath();
    Path inputs = Files.createDirectories(dir.resolve("in"));
    Path weights = dir.resolve("vgg19-narrow.h5");
    if (!Files.exists(weights)) {
      try (Vgg19Weights w = RandomWeights.create(MakeTestWeights.NARROW_DIVISOR, 1)) {
        KerasWeightsWriter.write(weights, w, KerasWeightsFile.Naming.LEGACY, true);
      }
    }
    byte[][] photos = new byte[16][];
    for (int i = 0; i < photos.length; i++) {
      photos[i] = ImageCodec.encodePng(SyntheticImages.photo(24, 24, i));
    }
    for (int s = 0; s < 4; s++) {
      Files.write(inputs.resolve("style-" + s + ".png"), ImageCodec.encodePng(SyntheticImages.painting(24, 24, s)));
    }
    SparkSession spark = StyleBatchJob.createSession("StyleBatch scale benchmark");
    String config = null;
    String base = inputs.toUri().toString();
    String weightsUri = weights.toString();
    io.stylebatch.storage.ObjectStore store = null;
    if (s3 != null) {
      config = Path.of("conf/s3-local.conf").toAbsolutePath().toString();
      io.stylebatch.storage.S3Settings.from(io.stylebatch.config.ConfigLoader.load(new java.io.File(config), List.of()))
          .applyTo(spark.sparkContext().hadoopConfiguration());
      store = new io.stylebatch.storage.ObjectStore(spark.sparkContext().hadoopConfiguration());
      base = s3 + "/in/";
      weightsUri = s3 + "/vgg19-narrow.h5";
      store.writeAtomically(weightsUri, Files.readAllBytes(weights));
      for (int st = 0; st < 4; st++) {
        store.writeAtomically(base + "style-" + st + ".png", Files.readAllBytes(inputs.resolve("style-" + st + ".png")));
      }
    }
    Path manifest = dir.resolve("manifest.csv");
    try (BufferedWriter w = Files.newBufferedWriter(manifest)) {
      w.write("id,content_uri,style_uri\n");
      for (int i = 0; i < pairs; i++) {
        String name = "photo-" + (i % MAX_DISTINCT_CONTENTS) + ".png";
        Path photo = inputs.resolve(name);
        if (!Files.exists(photo)) {
          Files.write(photo, photos[i % photos.length]);
        }
        if (store != null) {
          store.writeAtomically(base + name, photos[i % photos.length]);
        }
        w.write(String.format(Locale.ROOT, "p%07d,%s,%s%n", i, store != null ? base + name : photo.toUri(),
            store != null ? base + "style-" + (i % 4) + ".png" : inputs.resolve("style-" + (i % 4) + ".png").toUri()));
      }
    }
    String output = s3 != null ? s3 + "/output-" + System.currentTimeMillis()
        : dir.resolve("output-" + System.currentTimeMillis()).toString();
    List<String> settings = List.of("stylebatch.model.weights=" + weightsUri, "stylebatch.transfer.image-size=16",
        "stylebatch.transfer.iterations=1", "stylebatch.transfer.style-scale=1.5");
    List<String> rerunSettings = new java.util.ArrayList<>(settings);
    rerunSettings.add("stylebatch.job.verify-skipped=size");
    rerunSettings.add("stylebatch.report.enabled=false");
    LiveHeap heap = new LiveHeap();
    try {
      int slots = spark.sparkContext().defaultParallelism();
      long t0 = System.nanoTime();
      RunSummary validated = StyleBatchJob.run(spark, JobArguments.of(manifest.toString(), output, config,
          settings).withValidate());
      double validate = (System.nanoTime() - t0) / 1e9;
      check(validated, "validate");
      if (validateOnly) {
        System.out.printf(Locale.ROOT, "scale %8d pairs  validate %6.1f s  live heap peak %5.0f MB of %5.0f MB%n",
            pairs, validate, heap.peakLiveBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        return 0;
      }
      long t1 = System.nanoTime();
      RunSummary fresh = StyleBatchJob.run(spark, JobArguments.of(manifest.toString(), output, config, settings));
      double wall = (System.nanoTime() - t1) / 1e9;
      check(fresh, "run");
      Row sums = spark.read().parquet(output + "/results").agg(functions.sum("optimization_ms"),
          functions.count("*")).first();
      double optimization = sums.getLong(0) / 1000.0;
      if (sums.getLong(1) != pairs) {
        throw new IllegalStateException("results/ has " + sums.getLong(1) + " rows for " + pairs + " pairs");
      }
      long requestsBefore = requests(spark, s3);
      long t2 = System.nanoTime();
      RunSummary rerun = StyleBatchJob.run(spark, JobArguments.of(manifest.toString(), output, config,
          s3 != null ? rerunSettings : settings));
      long rerunRequests = requests(spark, s3) - requestsBefore;
      double rerunWall = (System.nanoTime() - t2) / 1e9;
      check(rerun, "rerun");
      if (rerun.skipped() != pairs) {
        throw new IllegalStateException("the rerun recomputed " + (pairs - rerun.skipped()) + " pairs");
      }
      double overhead = (wall - optimization / slots) / pairs * 1000;
      long report = store != null ? store.readAll(output + "/report/index.html", Long.MAX_VALUE).length
          : Files.size(Path.of(output, "report/index.html"));
      long peak = heap.peakLiveBytes();
      long max = Runtime.getRuntime().maxMemory();
      System.out.printf(Locale.ROOT, "scale %8d pairs  validate %6.1f s  run %7.1f s (optimization %6.1f s, "
          + "%d slots)  overhead %5.1f ms/pair  rerun %6.1f s  live heap peak %5.0f MB of %5.0f MB  report %.1f MB%n",
          pairs, validate, wall, optimization, slots, overhead, rerunWall, peak / 1e6, max / 1e6, report / 1e6);
      System.out.printf("scale %8d pairs  run steps: %s%n", pairs, fresh.describePhases());
      System.out.printf("scale %8d pairs  rerun steps: %s%n", pairs, rerun.describePhases());
      if (s3 != null) {
        System.out.printf("scale %8d pairs  on S3: requests of the rerun (driver and tasks, report off, "
            + "verify-skipped=size): %d%n", pairs, rerunRequests);
      }
      io.stylebatch.storage.Json.write(
          OUT.resolve("scale-" + pairs + ".json").toFile(), new ScaleFigures(pairs, slots, validate, wall,
              optimization, overhead, fresh.describePhases(), rerunWall, rerun.describePhases(), peak, max, report));
    } finally {
      heap.close();
      spark.stop();
    }
    return 0;
  }

  /**
   * The heap still in use after each garbage collection, sampled: its peak is what the run needed live (the
   * heap's own peak counts garbage not yet collected).
   */
  static final class LiveHeap implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService sampler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "live-heap-sampler");
          t.setDaemon(true);
          return t;
        });
    private volatile long peak;

    LiveHeap() {
      sampler.scheduleAtFixedRate(this::sample, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void sample() {
      long live = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          live += pool.getCollectionUsage().getUsed();
        }
      }
      peak = Math.max(peak, live);
    }

    long peakLiveBytes() {
      sample();
      return peak;
    }

    @Override
    public void close() {
      sampler.shutdownNow();
    }
  }

  /** Requests this JVM's S3A client has made so far (the sum of its request counters); 0 off S3. */
  private static long requests(SparkSession spark, String s3) throws java.io.IOException {
    if (s3 == null) {
      return 0;
    }
    var fs = new org.apache.hadoop.fs.Path(s3).getFileSystem(spark.sparkContext().hadoopConfiguration());
    var stats = org.apache.hadoop.fs.statistics.IOStatisticsSupport.retrieveIOStatistics(fs);
    long n = 0;
    for (var e : stats.counters().entrySet()) {
      if (e.getKey().endsWith("_request") || e.getKey().equals("action_http_get_request")) {
        n += e.getValue();
      }
    }
    return n;
  }

  private static void check(RunSummary summary, String what) {
    if (summary.exitCode() != io.stylebatch.job.ExitCode.OK) {
      throw new IllegalStateException(what + " did not succeed: " + summary.message());
    }
  }
}
