package io.stylebatch.tools;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.JobArguments;
import io.stylebatch.job.RunSummary;
import io.stylebatch.job.StyleBatchJob;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.storage.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The shipped benchmark behind {@code scripts/bench.sh}. Each mode prints one table row and writes the
 * same figures as JSON under {@code target/bench/}:
 * <ul>
 *   <li>{@code engine SIZE}: full-width VGG19 (random weights), median ms per iteration after warm-up,
 *       achieved GFLOP/s (4 x forward multiply-adds per iteration: forward plus input-gradient pass, 2
 *       FLOPs per multiply-add), the throughput of a 2048^3 single-precision matrix multiply measured in
 *       the same JVM as this machine's reference, their ratio (efficiency) and peak RSS;
 *   <li>{@code pipeline}: 8 pairs over 2 styles x 100 iterations at 128 px through Spark local[*]: wall
 *       time, the sum of in-task optimization time, pipeline efficiency = optimization time / (wall x
 *       task slots), weight loads and style-target computations.
 * </ul>
 */
@Command(name = "Bench", mixinStandardHelpOptions = true, description = "The benchmark behind scripts/bench.sh.")
public final class Bench {
  private static final Path OUT = Path.of("target/bench");



  /** The figures of an engine row, as written to {@code engine-SIZE.json}. */
  record EngineFigures(int size, int iterations, double medianMsPerIteration, double gflopPerIteration,
      double achievedGflops, double matmulGflops, double efficiency, long peakRssBytes, long rssAt50Bytes,
      long rssEndBytes) {}

  /** The figures of the pipeline row, as written to {@code pipeline.json}. */
  record PipelineFigures(int pairs, int styles, int iterations, int size, double wallSeconds,
      double optimizationSeconds, int taskSlots, double pipelineEfficiency, long weightLoads,
      long styleTargetComputations) {}

  public static void main(String[] args) {
    ConfigOption.exit(new Bench(), args);
  }

  @Command(name = "engine", description = "full-width VGG19 at SIZE px against this machine's sgemm")
  int engineCommand(@Parameters(paramLabel = "SIZE") int size,
      @Parameters(paramLabel = "ITERATIONS", defaultValue = "40") int iterations) throws Exception {
    Files.createDirectories(OUT);
    engine(size, iterations);
    return 0;
  }

  @Command(name = "pipeline", description = "8 pairs over 2 styles x 100 iterations at 128 px through local Spark")
  int pipelineCommand() throws Exception {
    Files.createDirectories(OUT);
    pipeline();
    return 0;
  }

  /** Median GFLOP/s of a 2048x2048x2048 float matrix multiply through ND4J (oneDNN's sgemm in the default build). */
  static double matmulGflops() {
    int n = 2048;
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    double[] seconds = new double[7];
    for (int i = 0; i < seconds.length; i++) {
      long t = System.nanoTime();
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
      seconds[i] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(seconds);
    a.close();
    b.close();
    c.close();
    return 2.0 * n * n * n / seconds[seconds.length / 2] / 1e9;
  }

  static void engine(int size, int iterations) throws Exception {
    double reference = matmulGflops();
    BenchEngine.SizeResult r;
    try (Vgg19Weights weights = RandomWeights.create(1, 1)) {
      r = BenchEngine.run(weights, size, iterations, 5, "lbfgs");
    }
    double gflops = 4.0 * r.forwardMacs() / (r.medianMs() / 1000) / 1e9;
    double efficiency = gflops / reference;
    System.out.printf(Locale.ROOT, "engine    %4d px  median %7.1f ms/it  %6.1f GFLOP/s  matmul %6.1f GFLOP/s  "
        + "efficiency %.2f  peak RSS %5.0f MB  RSS@50 %5.0f MB  RSS end %5.0f MB%n", size, r.medianMs(), gflops,
        reference, efficiency, r.peakRss() / 1e6, r.rssAt50() / 1e6, r.rssEnd() / 1e6);
    Json.write(OUT.resolve("engine-" + size + ".json").toFile(), new EngineFigures(size, r.iterations(),
        r.medianMs(), 4.0 * r.forwardMacs() / 1e9, gflops, reference, efficiency, r.peakRss(), r.rssAt50(),
        r.rssEnd()));
  }

  static void pipeline() throws Exception {
    Path dir = OUT.resolve("pipeline").toAbsolutePath();
    Files.createDirectories(dir);
    Path weights = dir.resolve("vgg19-random-full.h5");
    if (!Files.exists(weights)) {
      try (Vgg19Weights w = RandomWeights.create(1, 1)) {
        KerasWeightsWriter.write(weights, w, KerasWeightsFile.Naming.LEGACY, true);
      }
    }
    StringBuilder manifest = new StringBuilder("id,content_uri,style_uri\n");
    for (int s = 0; s < 2; s++) {
      Files.write(dir.resolve("style-" + s + ".png"), ImageCodec.encodePng(SyntheticImages.painting(160, 160, s)));
    }
    for (int i = 0; i < 8; i++) {
      Files.write(dir.resolve("photo-" + i + ".png"), ImageCodec.encodePng(SyntheticImages.photo(160, 120, 10 + i)));
      manifest.append("pair-").append(i).append(",photo-").append(i).append(".png,style-").append(i % 2)
          .append(".png\n");
    }
    Path manifestFile = Files.writeString(dir.resolve("manifest.csv"), manifest.toString());
    Path output = dir.resolve("output-" + System.currentTimeMillis());
    SparkSession spark = StyleBatchJob.createSession("StyleBatch benchmark");
    try {
      int slots = spark.sparkContext().defaultParallelism() / Math.max(1,
          spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
      long start = System.nanoTime();
      List<String> overrides = new java.util.ArrayList<>(List.of("stylebatch.model.weights=" + weights,
          "stylebatch.transfer.image-size=128", "stylebatch.transfer.iterations=100"));
      // Extra settings for comparisons, e.g. STYLEBATCH_BENCH_SET=stylebatch.job.threads-per-task=2
      String extra = System.getenv("STYLEBATCH_BENCH_SET");
      if (extra != null && !extra.isBlank()) {
        overrides.addAll(List.of(extra.trim().split("\\s+")));
      }
      RunSummary summary = StyleBatchJob.run(spark, JobArguments.of(manifestFile.toString(), output.toString(), null,
          overrides));
      double wall = (System.nanoTime() - start) / 1e9;
      if (summary.succeeded() != 8) {
        throw new IllegalStateException("pipeline run did not succeed: " + summary);
      }
      long optimizationMs = 0;
      long pairMs = 0;
      for (Row r : spark.read().parquet(output.resolve("results").toString()).collectAsList()) {
        optimizationMs += (Long) r.getAs("optimization_ms");
        pairMs += (Long) r.getAs("duration_ms");
      }
      double efficiency = optimizationMs / 1000.0 / (wall * slots);
      System.out.printf(Locale.ROOT, "pipeline  8 pairs x 100 it @128 px  wall %6.1f s  optimization %6.1f s  "
          + "slots %d  efficiency %.3f  weight loads %d  style computations %d%n", wall, optimizationMs / 1000.0, slots,
          efficiency, summary.weightLoads(), summary.styleTargetComputations());
      System.out.printf(Locale.ROOT, "pipeline  driver steps: %s; in tasks outside the optimization %.1f s "
          + "(all pairs)%n", summary.describePhases(), (pairMs - optimizationMs) / 1000.0);
      Json.write(OUT.resolve("pipeline.json").toFile(), new PipelineFigures(8, 2, 100, 128, wall,
          optimizationMs / 1000.0, slots, efficiency, summary.weightLoads(), summary.styleTargetComputations()));
    } finally {
      spark.stop();
    }
  }
}
