package io.stylebatch.tools;

import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Engine benchmark: full-width VGG19 with random weights, one optimization per image size, printing the
 * median milliseconds per iteration after warm-up, peak RSS, and RSS at iteration 50 and at the end.
 */
@Command(name = "bench-engine.sh", mixinStandardHelpOptions = true,
    description = "Engine benchmark: one optimization per image size, full-width VGG19 with random weights.")
public final class BenchEngine implements Callable<Integer> {
  /** Figures of one size; RSS values are sampled at iteration 50 and at the last iteration. */
  public record SizeResult(int size, int iterations, double medianMs, long peakRss, long rssAt50, long rssEnd,
      long forwardMacs) {}

  @Option(names = "--sizes", split = ",", paramLabel = "PX", description = "image sizes (default: 128,256)")
  int[] sizes = {128, 256};

  @Option(names = "--iterations", description = "iterations per size (default: 60)")
  int iterations = 60;

  @Option(names = "--warmup", description = "iterations left out of the median (default: 5)")
  int warmup = 5;

  @Option(names = "--optimizer", description = "lbfgs or adam (default: lbfgs)")
  String optimizer = "lbfgs";

  public static void main(String[] args) {
    ConfigOption.exit(new BenchEngine(), args);
  }

  @Override
  public Integer call() {
    if (iterations < warmup + 10) {
      throw new CommandLine.ParameterException(new CommandLine(this), "need at least warmup + 10 iterations");
    }
    System.out.printf(Locale.ROOT, "%-6s %-10s %-14s %-12s %-12s %-12s%n", "size", "iterations", "median ms/it",
        "peak RSS MB", "RSS@50 MB", "RSS end MB");
    try (Vgg19Weights weights = RandomWeights.create(1, 1)) {
      for (int size : sizes) {
        SizeResult r = run(weights, size, iterations, warmup, optimizer);
        System.out.printf(Locale.ROOT, "%-6d %-10d %-14.1f %-12.0f %-12s %-12.0f%n", r.size, r.iterations,
            r.medianMs, r.peakRss / 1e6, r.rssAt50 < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", r.rssAt50 / 1e6),
            r.rssEnd / 1e6);
      }
    }
    return 0;
  }

  /** Runs one optimization at {@code size} px and measures it. */
  public static SizeResult run(Vgg19Weights weights, int size, int iterations, int warmup, String optimizer) {
    TransferSettings settings = io.stylebatch.transfer.settings.TransferSettings.defaults().with(java.util.Map.of(
        TransferSetting.IMAGE_SIZE, size, TransferSetting.ITERATIONS, iterations,
        TransferSetting.OPTIMIZER, TransferSetting.OPTIMIZER.parse(optimizer), TransferSetting.LOG_INTERVAL, iterations));
    return run(weights, settings, warmup, Long.MAX_VALUE);
  }

  /** Runs one optimization with {@code settings} (square synthetic images) and measures it. */
  public static SizeResult run(Vgg19Weights weights, TransferSettings settings, int warmup, long memoryBudget) {
    int size = settings.imageSize();
    int iterations = settings.iterations();
    BufferedImage content = SyntheticImages.photo(size, size, 1);
    BufferedImage style = SyntheticImages.painting(size, size, 2);
    StyleTransferEngine engine = new StyleTransferEngine(weights);
    // Time per evaluation (the unit of cost): the listener sees accepted iterates, each after one or more
    // evaluations, so each interval is divided by the evaluations it spans.
    List<long[]> stamps = new ArrayList<>(); // {nanoTime, evaluations}
    long[] rssAt50 = {-1};
    long[] rssAtEnd = {-1};
    try (StyleTargets targets = engine.styleTargets(style, settings, memoryBudget)) {
      stamps.add(new long[] {System.nanoTime(), 0});
      engine.run(content, style, scale -> targets, settings, memoryBudget, rec -> {
        stamps.add(new long[] {System.nanoTime(), rec.evaluations()});
        if (rssAt50[0] < 0 && rec.evaluations() >= 50) {
          rssAt50[0] = ProcessMemory.rssBytes();
        }
        rssAtEnd[0] = ProcessMemory.rssBytes();
        int traceEvery = Integer.getInteger("stylebatch.bench.trace-every", 0);
        if (traceEvery > 0 && rec.iteration() % traceEvery == 0) {
          Runtime rt = Runtime.getRuntime();
          System.err.printf(Locale.ROOT, "it %d rss %.0f MB (peak %.0f) heap used %.0f / committed %.0f MB native "
              + "%.0f MB (JavaCPP's count of physical bytes %.0f MB)%n", rec.iteration(), ProcessMemory.rssBytes() / 1e6,
              ProcessMemory.peakRssBytes() / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.totalMemory() / 1e6,
              org.bytedeco.javacpp.Pointer.totalBytes() / 1e6, org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6);
        }
      });
    }
    List<Double> perEvaluation = new ArrayList<>();
    for (int i = 1; i < stamps.size(); i++) {
      long[] previous = stamps.get(i - 1);
      long[] current = stamps.get(i);
      if (previous[1] >= warmup && current[1] > previous[1]) {
        double ms = (current[0] - previous[0]) / 1e6 / (current[1] - previous[1]);
        for (long e = previous[1]; e < current[1]; e++) {
          perEvaluation.add(ms);
        }
      }
    }
    perEvaluation.sort(null);
    double median = perEvaluation.get(perEvaluation.size() / 2);
    return new SizeResult(size, iterations, median, ProcessMemory.peakRssBytes(), rssAt50[0], rssAtEnd[0], forwardMacs(settings.deepestLayer(), size));
  }

  /** Multiply-adds of one forward pass of the full-width network up to {@code deepest} on a square image. */
  static long forwardMacs(io.stylebatch.model.Vgg19Layer deepest, int size) {
    long macs = 0;
    int side = size;
    for (io.stylebatch.model.Vgg19Layer layer : io.stylebatch.model.Vgg19Layer.values()) {
      if (layer.ordinal() > deepest.ordinal()) {
        break;
      }
      if (layer.followsPooling()) {
        side /= 2;
      }
      macs += 9L * layer.inChannels(1) * layer.outChannels(1) * side * side;
    }
    return macs;
  }
}
