package io.stylebatch.tools;

import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Randomly initialized VGG19 weights: what tests, benchmarks and demos run on where the real file is absent. */
public final class RandomWeights {
  private RandomWeights() {}

  /**
   * Random VGG19 weights, He-initialized (normal, std sqrt(2 / fan_in)) with small random biases, so that
   * activations keep their scale through the depth. For tests, benchmarks and demos: not art.
   */
  public static Vgg19Weights create(int widthDivisor, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Vgg19Layer, INDArray> kernels = new EnumMap<>(Vgg19Layer.class);
    Map<Vgg19Layer, INDArray> biases = new EnumMap<>(Vgg19Layer.class);
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      int in = layer.inChannels(widthDivisor);
      int out = layer.outChannels(widthDivisor);
      float[] k = new float[9 * in * out];
      double std = Math.sqrt(2.0 / (9.0 * in));
      for (int i = 0; i < k.length; i++) {
        k[i] = (float) (gaussian(random) * std);
      }
      kernels.put(layer, Nd4j.create(k, new long[] {3, 3, in, out}, 'c'));
      float[] b = new float[out];
      for (int i = 0; i < out; i++) {
        b[i] = (float) (0.01 * gaussian(random));
      }
      biases.put(layer, Nd4j.create(b, new long[] {out}, 'c'));
    }
    return new Vgg19Weights(widthDivisor, kernels, biases);
  }

  /** Box-Muller on a SplittableRandom: reproducible across JVMs and platforms. */
  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
