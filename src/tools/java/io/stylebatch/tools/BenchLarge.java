package io.stylebatch.tools;

import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.storage.Json;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.MemoryEstimate;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.TransferResult;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.objective.TilePlan;
import io.stylebatch.transfer.settings.OptimizerKind;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The large-image rows of {@code scripts/bench.sh --large}, full-width VGG19 with random weights, each
 * printing one table row and writing its figures as JSON under {@code target/bench/}:
 * <ul>
 *   <li>{@code tiling SIZE TILE EVALUATIONS [BUDGET]}: Adam at SIZE px evaluated whole (TILE 0 and no
 *       budget) or in TILE px tiles (TILE 0 with a budget in bytes: the automatic choice), median ms per
 *       evaluation after the first, microseconds per pixel and peak RSS — run each in a fresh JVM;
 *   <li>{@code multiscale SIZE EVALUATIONS}: single scale (L-BFGS, EVALUATIONS at SIZE) against coarse-to-fine
 *       from SIZE/4 (EVALUATIONS at the first scale, half as many at each later one): the single-scale run's
 *       final total loss, and when the multi-scale run first reaches it at the final scale, in wall time.
 * </ul>
 */
@Command(name = "BenchLarge", mixinStandardHelpOptions = true, description = "Large-image benchmark rows.")
public final class BenchLarge {
  private static final Path OUT = Path.of("target/bench");

  /** One tiling row, as written to {@code tiling-SIZE-TILE.json}. */
  record TilingFigures(int size, int tileSize, int tiles, long budgetBytes, int evaluations,
      double medianMsPerEvaluation, double microsPerPixel, long peakRssBytes, long estimateBytes) {}

  /** The multi-scale row, as written to {@code multiscale-SIZE.json}. */
  record MultiScaleFigures(int size, int singleEvaluations, double singleFinalLoss, double singleSeconds,
      List<Integer> scales, int multiEvaluations, double multiFinalLoss, double multiSeconds,
      Double multiSecondsToSingleFinalLoss, Double timeRatio) {}

  public static void main(String[] args) {
    ConfigOption.exit(new BenchLarge(), args);
  }

  @Command(name = "tiling", description = "one Adam optimization at SIZE px, whole or tiled")
  int tiling(@Parameters(paramLabel = "SIZE") int size, @Parameters(paramLabel = "TILE") int tile,
      @Parameters(paramLabel = "EVALUATIONS") int evaluations,
      @Parameters(paramLabel = "BUDGET", defaultValue = "0") long budget) throws Exception {
    Files.createDirectories(OUT);
    TransferSettings s = TransferSettings.defaults().with(Map.of(TransferSetting.IMAGE_SIZE, size,
        TransferSetting.ITERATIONS, evaluations, TransferSetting.OPTIMIZER, OptimizerKind.ADAM,
        TransferSetting.TILE_SIZE, tile, TransferSetting.LOG_INTERVAL, 1));
    long memoryBudget = budget > 0 ? budget : Long.MAX_VALUE;
    int chosen = MemoryEstimate.tileSize(s, memoryBudget);
    int tiles = chosen <= 0 ? 1 : TilePlan.of(size, size, chosen, s.deepestLayer()).tiles().size();
    BenchEngine.SizeResult r;
    try (Vgg19Weights weights = RandomWeights.create(1, 1)) {
      r = BenchEngine.run(weights, s, 1, memoryBudget);
    }
    double micros = r.medianMs() * 1000 / ((double) size * size);
    System.out.printf(Locale.ROOT, "tiling    %4d px  tile %4s (%3d tiles)  median %9.1f ms/eval  %5.2f us/px  "
        + "peak RSS %6.0f MB  estimate %6.0f MB%n", size, chosen <= 0 ? "none" : String.valueOf(chosen), tiles,
        r.medianMs(), micros, r.peakRss() / 1e6, MemoryEstimate.bytes(s, memoryBudget) / 1e6);
    Json.write(OUT.resolve("tiling-" + size + "-" + chosen + ".json").toFile(), new TilingFigures(size,
        Math.max(chosen, 0), tiles, budget, evaluations, r.medianMs(), micros, r.peakRss(),
        MemoryEstimate.bytes(s, memoryBudget)));
    return 0;
  }

  @Command(name = "multiscale", description = "single scale against coarse-to-fine at SIZE px")
  int multiscale(@Parameters(paramLabel = "SIZE") int size, @Parameters(paramLabel = "EVALUATIONS") int evaluations)
      throws Exception {
    Files.createDirectories(OUT);
    TransferSettings single = TransferSettings.defaults().with(Map.of(TransferSetting.IMAGE_SIZE, size,
        TransferSetting.ITERATIONS, evaluations, TransferSetting.LOG_INTERVAL, 1));
    TransferSettings multi = single.with(Map.of(TransferSetting.SCALE_START, size / 4,
        TransferSetting.SCALE_START_ITERATIONS, evaluations, TransferSetting.ITERATIONS, evaluations / 2));
    BufferedImage content = SyntheticImages.photo(size, size, 1);
    BufferedImage style = SyntheticImages.painting(size, size, 2);
    try (Vgg19Weights weights = RandomWeights.create(1, 1)) {
      StyleTransferEngine engine = new StyleTransferEngine(weights);
      TransferResult a = run(engine, content, style, single);
      TransferResult b = run(engine, content, style, multi);
      double target = a.finalLosses().total();
      Double reached = b.lossLog().stream().filter(r -> r.scale() == size && r.losses().total() <= target)
          .findFirst().map(r -> r.elapsedMs() / 1000.0).orElse(null);
      MultiScaleFigures f = new MultiScaleFigures(size, a.evaluations(), target, a.durationMs() / 1000.0, b.scales(),
          b.evaluations(), b.finalLosses().total(), b.durationMs() / 1000.0, reached,
          reached == null ? null : reached / (a.durationMs() / 1000.0));
      System.out.printf(Locale.ROOT, "multiscale %4d px  single: %d evals, loss %.4g in %.0f s  multi %s: %d evals, "
          + "loss %.4g in %.0f s; reaches the single-scale loss %s%n", size, f.singleEvaluations(), target,
          f.singleSeconds(), f.scales(), f.multiEvaluations(), f.multiFinalLoss(), f.multiSeconds(),
          reached == null ? "never" : String.format(Locale.ROOT, "after %.0f s (%.2f of single-scale time)", reached,
              f.timeRatio()));
      Json.write(OUT.resolve("multiscale-" + size + ".json").toFile(), f);
    }
    return 0;
  }

  /** One optimization, style targets computed per scale inside the timed run. */
  private static TransferResult run(StyleTransferEngine engine, BufferedImage content, BufferedImage style,
      TransferSettings s) {
    List<StyleTargets> computed = new ArrayList<>();
    try {
      return engine.run(content, style, scale -> {
        StyleTargets t = engine.styleTargets(style, scale, Long.MAX_VALUE);
        computed.add(t);
        return t;
      }, s, Long.MAX_VALUE, LossRecord -> { });
    } finally {
      computed.forEach(StyleTargets::close);
    }
  }
}
