package io.stylebatch.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.image.ColorPreservation;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.ImageResizer;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.tools.SyntheticImages;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.optim.OptimizationFailedException;
import io.stylebatch.transfer.settings.InitMode;
import io.stylebatch.transfer.settings.OptimizerKind;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StyleTransferEngineTest {
  private final StyleTransferEngine engine = new StyleTransferEngine(EngineTestSupport.narrowWeights());
  private final BufferedImage content = SyntheticImages.photo(80, 60, 1);
  private final BufferedImage style = SyntheticImages.painting(64, 64, 2);

  private TransferResult run(TransferSettings s, IterationListener listener) {
    return run(engine, content, style, s, Long.MAX_VALUE, listener);
  }

  /** Runs {@code engine} with style targets computed for each scale (and closed afterwards). */
  static TransferResult run(StyleTransferEngine engine, BufferedImage content, BufferedImage style, TransferSettings s,
      long memoryBudget, IterationListener listener) {
    List<StyleTargets> computed = new ArrayList<>();
    try {
      return engine.run(content, style, scale -> {
        StyleTargets t = engine.styleTargets(style, scale, memoryBudget);
        computed.add(t);
        return t;
      }, s, memoryBudget, listener);
    } finally {
      computed.forEach(StyleTargets::close);
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void lossFallsUnderEachOptimizer(OptimizerKind kind) {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 48, TransferSetting.ITERATIONS, 40, TransferSetting.OPTIMIZER, kind, TransferSetting.INIT, InitMode.NOISE, TransferSetting.SEED, 3L, TransferSetting.LOG_INTERVAL, 1);
    List<LossRecord> seen = new ArrayList<>();
    TransferResult r = run(s, seen::add);
    assertEquals(40, r.evaluations(), "the budget is spent");
    assertEquals(r.iterations() + 1, seen.size(), "listener sees every accepted iterate, the start included");
    assertEquals(0, seen.get(0).iteration());
    assertEquals(r.finalLosses(), seen.get(seen.size() - 1).losses(), "the image is the last accepted iterate");
    if (kind == OptimizerKind.ADAM) {
      assertEquals(39, r.iterations(), "Adam: every evaluation is a step");
    }
    double first = seen.get(0).losses().total();
    double last = r.finalLosses().total();
    assertTrue(last < 0.5 * first, kind + ": loss went from " + first + " to " + last);
    assertEquals(48, Math.max(r.image().getWidth(), r.image().getHeight()));
    assertEquals(36, r.image().getHeight());
  }

  @Test
  void contentOnlyReconstructionFromNoiseApproachesContentFeatures() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 40, TransferSetting.ITERATIONS, 120, TransferSetting.CONTENT_LAYERS, List.of(Vgg19Layer.RELU2_2), TransferSetting.STYLE_LAYERS, List.of(), TransferSetting.STYLE_WEIGHT, 0.0, TransferSetting.TV_WEIGHT, 0.0, TransferSetting.INIT, InitMode.NOISE, TransferSetting.NOISE_STDDEV, 30.0, TransferSetting.SEED, 5L, TransferSetting.LOG_INTERVAL, 1);
    TransferResult r = run(s, IterationListener.NONE);
    double initial = r.lossLog().get(0).losses().content();
    double last = r.finalLosses().content();
    assertTrue(last < 0.05 * initial, "content loss went from " + initial + " to " + last);
  }

  @Test
  void preservingColorsKeepsTheContentChroma() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 48, TransferSetting.ITERATIONS, 15, TransferSetting.STYLE_WEIGHT, 1e4, TransferSetting.PRESERVE_COLORS, true);
    TransferResult r = run(s, IterationListener.NONE);
    BufferedImage resizedContent = ImageResizer.toLongestSide(content, 48);
    TransferResult plain = run(s.with(TransferSetting.PRESERVE_COLORS, false), IterationListener.NONE);
    BufferedImage preserved = r.image();
    BufferedImage stylized = plain.image();
    double chromaErr = 0;
    double plainChromaErr = 0;
    double lumaChange = 0;
    int n = 0;
    for (int y = 0; y < resizedContent.getHeight(); y++) {
      for (int x = 0; x < resizedContent.getWidth(); x++) {
        double[] c = ColorPreservation.yiq(resizedContent.getRGB(x, y));
        double[] o = ColorPreservation.yiq(preserved.getRGB(x, y));
        double[] p = ColorPreservation.yiq(stylized.getRGB(x, y));
        chromaErr += Math.abs(c[1] - o[1]) + Math.abs(c[2] - o[2]);
        plainChromaErr += Math.abs(c[1] - p[1]) + Math.abs(c[2] - p[2]);
        lumaChange += Math.abs(c[0] - o[0]);
        n++;
      }
    }
    // Rounding to bytes and clipping at 0/255 cost a little; stylization without preservation costs a lot.
    assertTrue(chromaErr / n < 3.0, "mean chroma error " + chromaErr / n);
    assertTrue(plainChromaErr / n > 3 * chromaErr / n, "plain run changed chroma by " + plainChromaErr / n);
    assertTrue(lumaChange / n > 1.0, "the luminance was stylized: " + lumaChange / n);
  }

  @Test
  void sameSeedGivesByteIdenticalImagesAndAnotherSeedDoesNot() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 40, TransferSetting.ITERATIONS, 12, TransferSetting.INIT, InitMode.NOISE, TransferSetting.SEED, 17L);
    byte[] a = ImageCodec.encodePng(run(s, IterationListener.NONE).image());
    byte[] b = ImageCodec.encodePng(run(s, IterationListener.NONE).image());
    byte[] c = ImageCodec.encodePng(run(s.with(TransferSetting.SEED, 18L), IterationListener.NONE).image());
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c), "a different seed must change the image");
  }

  @Test
  void nonFiniteLossFailsWithTheEvaluation() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 40, TransferSetting.ITERATIONS, 30, TransferSetting.OPTIMIZER, OptimizerKind.ADAM, TransferSetting.LEARNING_RATE, 1e38);
    OptimizationFailedException e = assertThrows(OptimizationFailedException.class,
        () -> run(s, IterationListener.NONE));
    assertTrue(e.evaluation() > 1 && e.evaluation() <= 30, "evaluation " + e.evaluation());
    assertTrue(e.getMessage().contains("evaluation " + e.evaluation()), e.getMessage());
  }

  @Test
  void lossLogSamplesEveryIntervalAndTheEnd() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 32, TransferSetting.ITERATIONS, 25,
        TransferSetting.LOG_INTERVAL, 10, TransferSetting.OPTIMIZER, OptimizerKind.ADAM);
    TransferResult r = run(s, IterationListener.NONE);
    List<Integer> logged = r.lossLog().stream().map(LossRecord::iteration).toList();
    assertEquals(List.of(0, 10, 20, 24), logged, "Adam: 25 evaluations = the start and 24 steps");
    assertEquals(List.of(1, 11, 21, 25), r.lossLog().stream().map(LossRecord::evaluations).toList());
  }

  @Test
  void lbfgsLogsAcceptedIteratesOnlySoTheLossNeverRises() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 40, TransferSetting.ITERATIONS, 60,
        TransferSetting.LOG_INTERVAL, 1, TransferSetting.INIT, InitMode.NOISE, TransferSetting.SEED, 4L);
    List<LossRecord> seen = new ArrayList<>();
    TransferResult r = run(s, seen::add);
    assertEquals(seen, r.lossLog(), "with log-interval 1 the log is every accepted iterate");
    for (int i = 1; i < seen.size(); i++) {
      assertEquals(i, seen.get(i).iteration());
      assertTrue(seen.get(i).evaluations() > seen.get(i - 1).evaluations());
      assertTrue(seen.get(i).losses().total() <= seen.get(i - 1).losses().total(),
          "iterate " + i + " rose: " + seen.get(i - 1) + " then " + seen.get(i));
    }
    assertTrue(r.evaluations() <= 60 && r.evaluations() >= r.iterations());
    assertEquals(r.finalLosses(), seen.get(seen.size() - 1).losses());
  }

  @Test
  void iterateAveragingWritesTheAveragedImageAsTheLastLoggedIterate() {
    TransferSettings plain = TestSettings.of(TransferSetting.IMAGE_SIZE, 40, TransferSetting.ITERATIONS, 30,
        TransferSetting.OPTIMIZER, OptimizerKind.ADAM, TransferSetting.LOG_INTERVAL, 1);
    TransferSettings averaged = plain.with(TransferSetting.ITERATE_AVERAGE, 0.8);
    TransferResult a = run(plain, IterationListener.NONE);
    TransferResult b = run(averaged, IterationListener.NONE);
    assertEquals(30, b.evaluations(), "the average is evaluated within the budget");
    assertEquals(b.iterations(), b.lossLog().get(b.lossLog().size() - 1).iteration());
    assertEquals(b.finalLosses(), b.lossLog().get(b.lossLog().size() - 1).losses(), "the written image's losses");
    assertEquals(a.lossLog().subList(0, 29).stream().map(LossRecord::losses).toList(),
        b.lossLog().subList(0, 29).stream().map(LossRecord::losses).toList(), "the same trajectory until the average");
    assertFalse(Arrays.equals(ImageCodec.encodePng(a.image()), ImageCodec.encodePng(b.image())));
  }
}
