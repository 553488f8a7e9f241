package io.stylebatch.transfer.objective;

import io.stylebatch.image.ImageResizer;
import io.stylebatch.image.VggPreprocessing;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gram matrices a stylized image is pulled towards, one {@code [C, C]} per style layer. They depend
 * only on the style image(s), the style size, the style layers and the pooling, not on the content, so
 * a Spark executor computes them once per style and reuses them for every pair that uses that style.
 */
public final class StyleTargets implements AutoCloseable {
  private final Map<Vgg19Layer, INDArray> grams;

  private StyleTargets(Map<Vgg19Layer, INDArray> grams) {
    this.grams = Collections.unmodifiableMap(grams);
  }

  /** Targets of a single style image, evaluated whole. */
  public static StyleTargets compute(Vgg19Weights weights, BufferedImage style, TransferSettings settings) {
    return compute(weights, List.of(style), List.of(1.0), settings, 0);
  }

  /**
   * Targets of a blend of style images: the Gram matrices averaged with {@code blendWeights}
   * (normalized to sum to 1). Each style image is resized so its longest side is the style size.
   *
   * @param tileSize 0 to run each style image through the network whole, otherwise the tile side: the
   *     Gram matrices are then summed over tile interiors, which gives the same matrices
   */
  public static StyleTargets compute(Vgg19Weights weights, List<BufferedImage> styles, List<Double> blendWeights,
      TransferSettings settings, int tileSize) {
    if (styles.isEmpty() || styles.size() != blendWeights.size()) {
      throw new IllegalArgumentException("need one blend weight per style image, got " + styles.size()
          + " images and " + blendWeights.size() + " weights");
    }
    double sum = blendWeights.stream().mapToDouble(Double::doubleValue).sum();
    if (!(sum > 0) || blendWeights.stream().anyMatch(w -> !(w >= 0))) {
      throw new IllegalArgumentException("blend weights must be >= 0 with a positive sum, got " + blendWeights);
    }
    Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
    if (settings.get(TransferSetting.STYLE_LAYERS).isEmpty()) {
      return new StyleTargets(grams);
    }
    for (int s = 0; s < styles.size(); s++) {
      ImageTooSmallException.check("style image at image_size x style_scale = " + settings.styleSize(),
          styles.get(s).getWidth(), styles.get(s).getHeight(), settings.styleSize(), settings.deepestLayer());
      BufferedImage resized = ImageResizer.toLongestSide(styles.get(s), settings.styleSize());
      double blend = blendWeights.get(s) / sum;
      Map<Vgg19Layer, INDArray> own = tileSize == 0 ? whole(weights, resized, settings, blend)
          : tiled(weights, resized, settings, blend, tileSize);
      own.forEach((layer, gram) -> {
        INDArray previous = grams.putIfAbsent(layer, gram);
        if (previous != null) {
          previous.addi(gram);
          gram.close();
        }
      });
    }
    return new StyleTargets(grams);
  }

  private static Map<Vgg19Layer, INDArray> whole(Vgg19Weights weights, BufferedImage image, TransferSettings settings,
      double blend) {
    Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
    List<Vgg19Layer> layers = settings.get(TransferSetting.STYLE_LAYERS);
    try (Vgg19Network net = new Vgg19Network(weights, DataType.FLOAT, image.getHeight(), image.getWidth(),
        settings.get(TransferSetting.POOLING), new HashSet<>(layers), false)) {
      VggPreprocessing.writeInto(image, net.input());
      net.forward();
      for (Vgg19Layer layer : layers) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(layer));
        INDArray gram = Nd4j.create(DataType.FLOAT, f.size(1), f.size(1));
        Nd4j.gemm(f, f, gram, true, false, blend / f.length(), 0.0);
        grams.putIfAbsent(layer, gram);
      }
    }
    return grams;
  }

  private static Map<Vgg19Layer, INDArray> tiled(Vgg19Weights weights, BufferedImage image, TransferSettings settings,
      double blend, int tileSize) {
    Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
    Map<Vgg19Layer, Double> scale = new EnumMap<>(Vgg19Layer.class);
    Set<Vgg19Layer> layers = new LinkedHashSet<>(settings.get(TransferSetting.STYLE_LAYERS));
    TilePlan plan = TilePlan.of(image.getHeight(), image.getWidth(), tileSize, settings.deepestLayer());
    try (INDArray pixels = Nd4j.create(DataType.FLOAT, 1, 3, image.getHeight(), image.getWidth());
        TiledNetwork net = new TiledNetwork(weights, DataType.FLOAT, plan, settings.get(TransferSetting.POOLING),
            layers, false, pixels, null)) {
      VggPreprocessing.writeInto(image, pixels);
      for (Vgg19Layer layer : layers) {
        long[] shape = net.featureShape(layer);
        grams.put(layer, Nd4j.create(DataType.FLOAT, shape[3], shape[3]));
        scale.put(layer, blend / (shape[1] * shape[2] * shape[3]));
      }
      net.accumulateGrams(grams, scale);
    }
    return grams;
  }

  public Map<Vgg19Layer, INDArray> grams() {
    return grams;
  }

  @Override
  public void close() {
    grams.values().forEach(INDArray::close);
  }
}
