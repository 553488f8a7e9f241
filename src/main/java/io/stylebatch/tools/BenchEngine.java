package io.stylebatch.tools;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.StyleTargets;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Engine benchmark: full-width VGG19 with random weights, one optimization per image size, printing the
 * median milliseconds per iteration after warm-up, peak RSS, and RSS at iteration 50 and at the end.
 * Usage: {@code BenchEngine [--sizes 128,256] [--iterations 60] [--warmup 5] [--optimizer lbfgs|adam]}.
 */
public final class BenchEngine {
  private BenchEngine() {}

  /** Figures of one size; RSS values are sampled at iteration 50 and at the last iteration. */
  public record SizeResult(int size, int iterations, double medianMs, long peakRss, long rssAt50, long rssEnd,
      long forwardMacs) {}

  public static void main(String[] args) {
    int[] sizes = {128, 256};
    int iterations = 60;
    int warmup = 5;
    String optimizer = "lbfgs";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--optimizer" -> optimizer = args[++i];
        case "--help", "-h" -> {
          System.out.println("usage: bench-engine.sh [--sizes 128,256] [--iterations 60] [--warmup 5] "
              + "[--optimizer lbfgs|adam]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (iterations < warmup + 10) {
      throw new IllegalArgumentException("need at least warmup + 10 iterations");
    }
    System.out.printf(Locale.ROOT, "%-6s %-10s %-14s %-12s %-12s %-12s%n", "size", "iterations", "median ms/it",
        "peak RSS MB", "RSS@50 MB", "RSS end MB");
    try (Vgg19Weights weights = KerasWeightsFile.randomWeights(1, 1)) {
      for (int size : sizes) {
        SizeResult r = run(weights, size, iterations, warmup, optimizer);
        System.out.printf(Locale.ROOT, "%-6d %-10d %-14.1f %-12.0f %-12s %-12.0f%n", r.size, r.iterations,
            r.medianMs, r.peakRss / 1e6, r.rssAt50 < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", r.rssAt50 / 1e6),
            r.rssEnd / 1e6);
      }
    }
  }

  /** Runs one optimization at {@code size} px and measures it. */
  public static SizeResult run(Vgg19Weights weights, int size, int iterations, int warmup, String optimizer) {
    TransferSettings settings = TransferSettings.builder().imageSize(size).iterations(iterations)
        .optimizer(io.stylebatch.transfer.OptimizerKind.valueOf(optimizer.toUpperCase(Locale.ROOT)))
        .logInterval(iterations).build();
    BufferedImage content = SyntheticImages.photo(size, size, 1);
    BufferedImage style = SyntheticImages.painting(size, size, 2);
    StyleTransferEngine engine = new StyleTransferEngine(weights);
    List<Long> stamps = new ArrayList<>();
    long[] rssAt50 = {-1};
    long[] rssAtEnd = {-1};
    try (StyleTargets targets = engine.styleTargets(style, settings)) {
      stamps.add(System.nanoTime());
      engine.run(content, style, targets, settings, rec -> {
        stamps.add(System.nanoTime());
        if (rec.iteration() == 50) {
          rssAt50[0] = ProcessMemory.rssBytes();
        }
        if (rec.iteration() == iterations) {
          rssAtEnd[0] = ProcessMemory.rssBytes();
        }
        if (Boolean.getBoolean("stylebatch.bench.trace") && rec.iteration() % 50 == 0) {
          Runtime rt = Runtime.getRuntime();
          System.err.printf(Locale.ROOT, "it %d rss %.0f MB heap used %.0f / committed %.0f MB native %.0f MB%n",
              rec.iteration(), ProcessMemory.rssBytes() / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6,
              rt.totalMemory() / 1e6, org.bytedeco.javacpp.Pointer.totalBytes() / 1e6);
        }
      });
    }
    double[] perIteration = new double[stamps.size() - 1 - warmup];
    for (int i = warmup; i < stamps.size() - 1; i++) {
      perIteration[i - warmup] = (stamps.get(i + 1) - stamps.get(i)) / 1e6;
    }
    Arrays.sort(perIteration);
    double median = perIteration[perIteration.length / 2];
    long macs;
    try (var net = new io.stylebatch.model.Vgg19Network(weights, org.nd4j.linalg.api.buffer.DataType.FLOAT, size,
        size, settings.pooling(), java.util.Set.of(settings.deepestLayer()), false)) {
      macs = net.forwardMacs();
    }
    return new SizeResult(size, iterations, median, ProcessMemory.peakRssBytes(), rssAt50[0], rssAtEnd[0], macs);
  }
}
