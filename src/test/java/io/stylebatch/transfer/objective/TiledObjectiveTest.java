package io.stylebatch.transfer.objective;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.transfer.EngineTestSupport;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tiled evaluation is the untiled objective, not an approximation of it: same losses and same input
 * gradient (content + style + TV, style down to relu5_1) to double precision through the generic kernels
 * and to float precision through oneDNN, for sizes that are and are not multiples of the tile, with
 * windows cut inside the image (so the halo is what keeps features exact), both pooling modes.
 */
class TiledObjectiveTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(PoolingMode.MAX, DataType.DOUBLE, 250, 203, 48, 1e-6),
        Arguments.of(PoolingMode.AVG, DataType.DOUBLE, 288, 192, 64, 1e-6),
        Arguments.of(PoolingMode.MAX, DataType.FLOAT, 288, 192, 64, 1e-4),
        Arguments.of(PoolingMode.AVG, DataType.FLOAT, 251, 205, 48, 1e-4));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void tiledLossAndGradientEqualTheWholeImage(PoolingMode pooling, DataType type, int h, int w, int tile, double tol) {
    TransferSettings s = settings(pooling);
    TilePlan plan = TilePlan.of(h, w, tile, Vgg19Layer.RELU5_1);
    assertTrue(plan.tiles().size() >= 9, "several tiles: " + plan.tiles().size());
    assertTrue(plan.tiles().stream().anyMatch(t -> t.windowTop() > 0 && t.windowBottom() < h),
        "some window is cut inside the image on both sides");
    Compared c = compare(type, s, plan, h, w);
    assertTrue(c.lossError <= tol && c.gradientError <= tol,
        "relative error of losses " + c.lossError + ", of the gradient " + c.gradientError + " (limit " + tol + ")");
  }

  @Test
  void aHaloNarrowerThanTheReceptiveFieldGivesADifferentGradient() {
    TransferSettings s = settings(PoolingMode.MAX);
    TilePlan plan = TilePlan.of(288, 192, 64, Vgg19Layer.RELU5_1, 32);
    Compared c = compare(DataType.DOUBLE, s, plan, 288, 192);
    assertTrue(c.gradientError > 1e-3, "a 32 px halo cannot be exact for relu5_1: " + c.gradientError);
  }

  private record Compared(double lossError, double gradientError) {}

  private static TransferSettings settings(PoolingMode pooling) {
    return TestSettings.of(TransferSetting.CONTENT_LAYERS, List.of(Vgg19Layer.RELU2_2, Vgg19Layer.RELU4_2),
        TransferSetting.STYLE_LAYERS, List.of(Vgg19Layer.RELU1_1, Vgg19Layer.RELU2_1, Vgg19Layer.RELU3_1,
            Vgg19Layer.RELU4_2, Vgg19Layer.RELU5_1),
        TransferSetting.STYLE_LAYER_WEIGHTS, List.of(0.5, 1.0, 2.0, 1.5, 3.0), TransferSetting.CONTENT_WEIGHT, 3.0,
        TransferSetting.STYLE_WEIGHT, 7e3, TransferSetting.TV_WEIGHT, 0.01, TransferSetting.POOLING, pooling);
  }

  private static Compared compare(DataType type, TransferSettings s, TilePlan plan, int h, int w) {
    SplittableRandom random = new SplittableRandom(5);
    INDArray content = random(random, h, w);
    INDArray styleImage = random(random, h, w);
    INDArray x = random(random, h, w);
    Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
    try (Vgg19Network net = new Vgg19Network(EngineTestSupport.narrowWeights(), type, h, w,
        s.get(TransferSetting.POOLING), new HashSet<>(s.get(TransferSetting.STYLE_LAYERS)), false)) {
      net.input().assign(styleImage);
      net.forward();
      for (Vgg19Layer layer : s.get(TransferSetting.STYLE_LAYERS)) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(layer));
        grams.put(layer, f.transpose().mmul(f).divi(f.length()));
      }
    }
    try (ImageObjective whole = new WholeImageObjective(EngineTestSupport.narrowWeights(), type, h, w, s, grams);
        ImageObjective tiled = new TiledObjective(EngineTestSupport.narrowWeights(), type, plan, s, grams)) {
      LossValues a = run(whole, content, x);
      LossValues b = run(tiled, content, x);
      assertTrue(a.content() > 0 && a.style() > 0 && a.tv() > 0, "all terms active: " + a);
      double lossError = 0;
      double[][] pairs = {{a.content(), b.content()}, {a.style(), b.style()}, {a.tv(), b.tv()}, {a.total(), b.total()}};
      for (double[] p : pairs) {
        lossError = Math.max(lossError, Math.abs(p[0] - p[1]) / Math.abs(p[0]));
      }
      INDArray ga = whole.gradient().castTo(DataType.DOUBLE);
      INDArray gb = tiled.gradient().castTo(DataType.DOUBLE);
      double gradientError = ga.distance2(gb) / ga.norm2Number().doubleValue();
      return new Compared(lossError, gradientError);
    }
  }

  private static LossValues run(ImageObjective objective, INDArray content, INDArray x) {
    objective.point().assign(content);
    objective.captureContentTargets();
    objective.point().assign(x);
    return objective.evaluate();
  }

  private static INDArray random(SplittableRandom random, int h, int w) {
    double[] values = new double[3 * h * w];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 200 - 100;
    }
    return Nd4j.create(values, new long[] {1, 3, h, w}, 'c');
  }

  @Test
  void styleTargetsSummedOverTilesEqualTheWholeImagesGrams() {
    TransferSettings s = settings(PoolingMode.MAX).with(TransferSetting.IMAGE_SIZE, 260);
    java.awt.image.BufferedImage style = io.stylebatch.tools.SyntheticImages.painting(260, 200, 3);
    try (StyleTargets whole = StyleTargets.compute(EngineTestSupport.narrowWeights(), List.of(style), List.of(1.0), s, 0);
        StyleTargets tiled = StyleTargets.compute(EngineTestSupport.narrowWeights(), List.of(style), List.of(1.0), s, 48)) {
      for (Vgg19Layer layer : s.get(TransferSetting.STYLE_LAYERS)) {
        INDArray a = whole.grams().get(layer);
        INDArray b = tiled.grams().get(layer);
        double error = a.distance2(b) / a.norm2Number().doubleValue();
        assertTrue(error < 1e-4, layer + ": relative error " + error);
      }
    }
  }
}
