package io.stylebatch.transfer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.transfer.objective.GatysObjective;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The production path runs in float through the native (oneDNN) kernels; the finite-difference check
 * runs in double through the generic ones. This ties them together: same weights, same image, same
 * targets, and the float gradient must agree with the double one to float precision.
 */
class FloatPrecisionTest {
  @Test
  void floatGradientAgreesWithDoubleGradient() {
    TransferSettings s = TestSettings.of();
    Set<Vgg19Layer> layers = new LinkedHashSet<>(s.get(TransferSetting.CONTENT_LAYERS));
    layers.addAll(s.get(TransferSetting.STYLE_LAYERS));
    double[] image = new double[3 * 64 * 48];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < image.length; i++) {
      image[i] = r.nextDouble() * 200 - 100;
    }
    double[] gDouble = gradient(DataType.DOUBLE, s, layers, image);
    double[] gFloat = gradient(DataType.FLOAT, s, layers, image);
    double num = 0;
    double den = 0;
    for (int i = 0; i < gDouble.length; i++) {
      num += (gDouble[i] - gFloat[i]) * (gDouble[i] - gFloat[i]);
      den += gDouble[i] * gDouble[i];
    }
    double rel = Math.sqrt(num / den);
    assertTrue(den > 0 && rel < 1e-4, "relative L2 error of float gradient " + rel);
  }

  private static double[] gradient(DataType type, TransferSettings s, Set<Vgg19Layer> layers, double[] image) {
    try (Vgg19Network net = new Vgg19Network(EngineTestSupport.narrowWeights(), type, 64, 48, PoolingMode.MAX,
        layers, true)) {
      for (int i = 0; i < image.length; i++) {
        net.input().putScalar(i, image[i]);
      }
      net.forward();
      Map<Vgg19Layer, INDArray> content = new EnumMap<>(Vgg19Layer.class);
      Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
      for (Vgg19Layer l : s.get(TransferSetting.CONTENT_LAYERS)) {
        content.put(l, Vgg19Network.featureMatrix(net.activation(l)).mul(0.7));
      }
      for (Vgg19Layer l : s.get(TransferSetting.STYLE_LAYERS)) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(l));
        grams.put(l, f.transpose().mmul(f).divi(f.length()).muli(1.3));
      }
      for (int i = 0; i < image.length; i++) {
        net.input().putScalar(i, image[i] * 0.9 + 3);
      }
      try (GatysObjective o = new GatysObjective(net, s, content, grams)) {
        o.evaluate();
        return o.gradient().dup().castTo(DataType.DOUBLE).data().asDouble();
      }
    }
  }
}
