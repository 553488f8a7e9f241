package io.stylebatch.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolution weights of a VGG19 trunk (possibly only its first layers), held once per JVM as native
 * float arrays and shared read-only by every {@link Vgg19Network} built from them.
 *
 * <p>Kernels are in Keras/TensorFlow HWIO order {@code [3, 3, in, out]}, biases {@code [out]}. The
 * constructor checks every shape against the architecture, so a network never sees a bad tensor.
 */
public final class Vgg19Weights implements AutoCloseable {
  private final int widthDivisor;
  private final Map<Vgg19Layer, INDArray> kernels;
  private final Map<Vgg19Layer, INDArray> biases;
  private final Map<Vgg19Layer, INDArray> adjoints = new EnumMap<>(Vgg19Layer.class);

  /**
   * @param widthDivisor 1 for the real VGG19; larger for the narrow test networks (channels / divisor)
   * @param kernels kernels of a prefix of the layer table (relu1_1 up to some layer, no gaps)
   */
  public Vgg19Weights(int widthDivisor, Map<Vgg19Layer, INDArray> kernels, Map<Vgg19Layer, INDArray> biases) {
    if (widthDivisor < 1 || 64 % widthDivisor != 0) {
      throw new WeightsFileException("width divisor must divide 64, got " + widthDivisor);
    }
    this.widthDivisor = widthDivisor;
    EnumMap<Vgg19Layer, INDArray> k = new EnumMap<>(Vgg19Layer.class);
    EnumMap<Vgg19Layer, INDArray> b = new EnumMap<>(Vgg19Layer.class);
    boolean gap = false;
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      INDArray kernel = kernels.get(layer);
      if (kernel == null) {
        gap = true;
        continue;
      }
      if (gap) {
        throw new WeightsFileException("layer " + layer.kerasName() + " is present but an earlier layer is missing");
      }
      long[] expectedKernel = {3, 3, layer.inChannels(widthDivisor), layer.outChannels(widthDivisor)};
      checkShape(layer, "kernel", expectedKernel, kernel);
      INDArray bias = biases.get(layer);
      if (bias == null) {
        throw new WeightsFileException("layer " + layer.kerasName() + ": bias is missing");
      }
      checkShape(layer, "bias", new long[] {layer.outChannels(widthDivisor)}, bias);
      k.put(layer, kernel.castTo(DataType.FLOAT));
      b.put(layer, bias.castTo(DataType.FLOAT));
    }
    if (k.isEmpty()) {
      throw new WeightsFileException("no VGG19 layer weights given");
    }
    this.kernels = Collections.unmodifiableMap(k);
    this.biases = Collections.unmodifiableMap(b);
  }

  static void checkShape(Vgg19Layer layer, String what, long[] expected, INDArray found) {
    if (!java.util.Arrays.equals(expected, found.shape())) {
      throw new WeightsFileException("layer " + layer.kerasName() + ": " + what + " has shape "
          + java.util.Arrays.toString(found.shape()) + ", expected " + java.util.Arrays.toString(expected));
    }
  }

  public int widthDivisor() {
    return widthDivisor;
  }

  /** The deepest layer these weights cover. */
  public Vgg19Layer deepestLayer() {
    Vgg19Layer deepest = null;
    for (Vgg19Layer layer : kernels.keySet()) {
      deepest = layer;
    }
    return deepest;
  }

  public boolean covers(Vgg19Layer layer) {
    return kernels.containsKey(layer);
  }

  /** HWIO kernel {@code [3,3,in,out]}, float. */
  public INDArray kernel(Vgg19Layer layer) {
    return require(kernels, layer);
  }

  /**
   * The kernel whose (same-padded, stride-1) convolution is the input gradient of {@code layer}'s:
   * {@code adjoint[y][x][o][i] = kernel[2-y][2-x][i][o]}, flipped in space with input and output channels
   * swapped. Made on first use and shared, like the kernels, by every network over these weights.
   */
  public synchronized INDArray adjointKernel(Vgg19Layer layer) {
    return adjoints.computeIfAbsent(layer, l -> {
      INDArray kernel = kernel(l);
      long[] s = kernel.shape();
      INDArray adjoint = Nd4j.create(kernel.dataType(), s[0], s[1], s[3], s[2]);
      for (int y = 0; y < s[0]; y++) {
        for (int x = 0; x < s[1]; x++) {
          adjoint.get(NDArrayIndex.point(y), NDArrayIndex.point(x)).assign(
              kernel.get(NDArrayIndex.point(s[0] - 1 - y), NDArrayIndex.point(s[1] - 1 - x)).transpose());
        }
      }
      return adjoint;
    });
  }

  public INDArray bias(Vgg19Layer layer) {
    return require(biases, layer);
  }

  private static INDArray require(Map<Vgg19Layer, INDArray> map, Vgg19Layer layer) {
    INDArray a = map.get(layer);
    if (a == null) {
      throw new IllegalArgumentException("weights do not include layer " + layer.featureName());
    }
    return a;
  }

  /** Number of weights and biases held. */
  public long parameterCount() {
    long n = 0;
    for (Vgg19Layer layer : kernels.keySet()) {
      n += kernels.get(layer).length() + biases.get(layer).length();
    }
    return n;
  }

  @Override
  public synchronized void close() {
    kernels.values().forEach(INDArray::close);
    adjoints.values().forEach(INDArray::close);
    biases.values().forEach(INDArray::close);
  }
}
