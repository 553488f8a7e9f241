package io.stylebatch.transfer.objective;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.tools.RandomWeights;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The analytic input gradient of the full loss (content + style + TV through every VGG19 layer up to
 * relu5_1) against central finite differences, in double precision, for both pooling modes.
 */
class GatysObjectiveGradientTest {

  @ParameterizedTest
  @EnumSource(PoolingMode.class)
  void inputGradientMatchesFiniteDifferences(PoolingMode pooling) {
    TransferSettings settings = TestSettings.of(TransferSetting.CONTENT_LAYERS, List.of(Vgg19Layer.RELU2_2, Vgg19Layer.RELU4_2), TransferSetting.STYLE_LAYERS, List.of(Vgg19Layer.RELU1_1, Vgg19Layer.RELU2_2, Vgg19Layer.RELU3_1, Vgg19Layer.RELU5_1), TransferSetting.STYLE_LAYER_WEIGHTS, List.of(0.5, 1.0, 2.0, 1.5), TransferSetting.CONTENT_WEIGHT, 3.0, TransferSetting.STYLE_WEIGHT, 7.0, TransferSetting.TV_WEIGHT, 0.01, TransferSetting.POOLING, pooling);
    Set<Vgg19Layer> lossLayers = new LinkedHashSet<>(settings.get(TransferSetting.CONTENT_LAYERS));
    lossLayers.addAll(settings.get(TransferSetting.STYLE_LAYERS));
    // Odd sizes exercise the floor in pooling (18 -> 9 -> 4 -> 2 -> 1, 22 -> 11 -> 5 -> 2 -> 1).
    int h = 18;
    int w = 22;
    try (Vgg19Weights weights = RandomWeights.create(8, 42);
        Vgg19Network net = new Vgg19Network(weights, DataType.DOUBLE, h, w, pooling, lossLayers, true)) {
      SplittableRandom random = new SplittableRandom(7);
      Map<Vgg19Layer, INDArray> contentTargets = new EnumMap<>(Vgg19Layer.class);
      Map<Vgg19Layer, INDArray> gramTargets = new EnumMap<>(Vgg19Layer.class);
      fill(net.input(), random, 50);
      net.forward();
      for (Vgg19Layer layer : settings.get(TransferSetting.CONTENT_LAYERS)) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(layer));
        contentTargets.put(layer, f.dup().muli(0.5));
      }
      for (Vgg19Layer layer : settings.get(TransferSetting.STYLE_LAYERS)) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(layer));
        INDArray gram = f.transpose().mmul(f).divi(f.length());
        gramTargets.put(layer, gram.muli(0.3));
      }
      fill(net.input(), random, 50);
      try (GatysObjective objective = new GatysObjective(net, settings, contentTargets, gramTargets)) {
        LossValues base = objective.evaluate();
        assertTrue(base.content() > 0 && base.style() > 0 && base.tv() > 0, "all terms active: " + base);
        double[] analytic = objective.gradient().dup().data().asDouble();
        double[] x = net.input().data().asDouble();
        double eps = 1e-4;
        double worst = 0;
        int checked = 0;
        for (int k = 0; k < 60; k++) {
          int i = random.nextInt(x.length);
          double orig = net.input().getDouble(i);
          net.input().putScalar(i, orig + eps);
          double plus = objective.evaluate().total();
          net.input().putScalar(i, orig - eps);
          double minus = objective.evaluate().total();
          net.input().putScalar(i, orig);
          double numeric = (plus - minus) / (2 * eps);
          double denom = Math.max(Math.abs(numeric), Math.abs(analytic[i]));
          if (denom < 1e-8) {
            continue;
          }
          double rel = Math.abs(numeric - analytic[i]) / denom;
          worst = Math.max(worst, rel);
          checked++;
          assertTrue(rel < 1e-3, "coordinate " + i + ": analytic " + analytic[i] + " vs numeric " + numeric
              + " (relative error " + rel + ")");
        }
        assertTrue(checked > 40, "too few informative coordinates: " + checked);
        // Sanity: the gradient is not trivially zero.
        assertTrue(Nd4j.create(analytic).norm2Number().doubleValue() > 0);
        System.out.println(pooling + ": worst relative error " + worst + " over " + checked + " coordinates");
      }
    }
  }

  private static void fill(INDArray a, SplittableRandom random, double scale) {
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, (random.nextDouble() * 2 - 1) * scale);
    }
  }
}
