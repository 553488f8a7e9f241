package io.stylebatch.transfer;

import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every setting of one style-transfer optimization, validated once and immutable, so that it can be
 * shipped to Spark executors and compared between runs ({@link #fingerprint()}).
 *
 * <p>Defaults follow jcjohnson/neural-style, whose loss definitions (Caffe-scale input, Gram divided by
 * C*H*W, mean-squared errors) are the ones in {@code contract.md}: content weight 5 at relu4_2, style
 * weight 100 over relu1_1..relu5_1 with layer weights 1, TV weight 1e-3, max pooling, L-BFGS. Image size
 * (256) and iterations (300) are set for CPU budgets, and the start is the content photo rather than
 * noise, which reaches a good result in fewer iterations.
 */
public final class TransferSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int imageSize;
  private final double styleScale;
  private final double contentWeight;
  private final double styleWeight;
  private final double tvWeight;
  private final List<Vgg19Layer> contentLayers;
  private final List<Vgg19Layer> styleLayers;
  private final List<Double> styleLayerWeights;
  private final PoolingMode pooling;
  private final OptimizerKind optimizer;
  private final int iterations;
  private final double learningRate;
  private final int lbfgsHistory;
  private final InitMode init;
  private final double noiseStddev;
  private final long seed;
  private final int logInterval;
  private final boolean preserveColors;

  private TransferSettings(Builder b) {
    this.imageSize = b.imageSize;
    this.styleScale = b.styleScale;
    this.contentWeight = b.contentWeight;
    this.styleWeight = b.styleWeight;
    this.tvWeight = b.tvWeight;
    this.contentLayers = List.copyOf(b.contentLayers);
    this.styleLayers = List.copyOf(b.styleLayers);
    this.styleLayerWeights = b.styleLayerWeights == null
        ? styleLayers.stream().map(l -> 1.0).toList() : List.copyOf(b.styleLayerWeights);
    this.pooling = Objects.requireNonNull(b.pooling, "pooling");
    this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
    this.iterations = b.iterations;
    this.learningRate = b.learningRate;
    this.lbfgsHistory = b.lbfgsHistory;
    this.init = Objects.requireNonNull(b.init, "init");
    this.noiseStddev = b.noiseStddev;
    this.seed = b.seed;
    this.logInterval = b.logInterval;
    this.preserveColors = b.preserveColors;
    validate();
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    range(problems, "image-size", imageSize, 16, 4096);
    if (!(styleScale > 0 && styleScale <= 8)) {
      problems.add("style-scale must be in (0, 8], got " + styleScale);
    }
    nonNegative(problems, "content-weight", contentWeight);
    nonNegative(problems, "style-weight", styleWeight);
    nonNegative(problems, "tv-weight", tvWeight);
    if (contentLayers.isEmpty() && styleLayers.isEmpty()) {
      problems.add("at least one content or style layer is required");
    }
    if (styleLayerWeights.size() != styleLayers.size()) {
      problems.add("style-layer-weights has " + styleLayerWeights.size() + " entries but style-layers has "
          + styleLayers.size());
    }
    for (double w : styleLayerWeights) {
      nonNegative(problems, "style-layer-weights entry", w);
    }
    range(problems, "iterations", iterations, 1, 100_000);
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      problems.add("learning-rate must be positive, got " + learningRate);
    }
    range(problems, "lbfgs-history", lbfgsHistory, 1, 100);
    nonNegative(problems, "noise-stddev", noiseStddev);
    range(problems, "log-interval", logInterval, 1, 100_000);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid transfer settings: " + String.join("; ", problems));
    }
  }

  private static void range(List<String> problems, String key, long v, long min, long max) {
    if (v < min || v > max) {
      problems.add(key + " must be in [" + min + ", " + max + "], got " + v);
    }
  }

  private static void nonNegative(List<String> problems, String key, double v) {
    if (!(v >= 0 && Double.isFinite(v))) {
      problems.add(key + " must be a finite number >= 0, got " + v);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.imageSize = imageSize;
    b.styleScale = styleScale;
    b.contentWeight = contentWeight;
    b.styleWeight = styleWeight;
    b.tvWeight = tvWeight;
    b.contentLayers = contentLayers;
    b.styleLayers = styleLayers;
    b.styleLayerWeights = styleLayerWeights;
    b.pooling = pooling;
    b.optimizer = optimizer;
    b.iterations = iterations;
    b.learningRate = learningRate;
    b.lbfgsHistory = lbfgsHistory;
    b.init = init;
    b.noiseStddev = noiseStddev;
    b.seed = seed;
    b.logInterval = logInterval;
    b.preserveColors = preserveColors;
    return b;
  }

  public int imageSize() {
    return imageSize;
  }

  public double styleScale() {
    return styleScale;
  }

  /** Longest side of the style image as the network sees it: image size times style scale. */
  public int styleSize() {
    return Math.max(16, (int) Math.round(imageSize * styleScale));
  }

  public double contentWeight() {
    return contentWeight;
  }

  public double styleWeight() {
    return styleWeight;
  }

  public double tvWeight() {
    return tvWeight;
  }

  public List<Vgg19Layer> contentLayers() {
    return contentLayers;
  }

  public List<Vgg19Layer> styleLayers() {
    return styleLayers;
  }

  public List<Double> styleLayerWeights() {
    return styleLayerWeights;
  }

  public PoolingMode pooling() {
    return pooling;
  }

  public OptimizerKind optimizer() {
    return optimizer;
  }

  public int iterations() {
    return iterations;
  }

  public double learningRate() {
    return learningRate;
  }

  public int lbfgsHistory() {
    return lbfgsHistory;
  }

  public InitMode init() {
    return init;
  }

  public double noiseStddev() {
    return noiseStddev;
  }

  public long seed() {
    return seed;
  }

  public int logInterval() {
    return logInterval;
  }

  public boolean preserveColors() {
    return preserveColors;
  }

  /** The deepest layer any loss needs; the network is built only this deep. */
  public Vgg19Layer deepestLayer() {
    List<Vgg19Layer> all = new ArrayList<>(contentLayers);
    all.addAll(styleLayers);
    return all.stream().max(Enum::compareTo).orElseThrow();
  }

  /**
   * Upper bound of the native memory one optimization with these settings needs, in bytes, for the
   * full-width VGG19 and a square image of {@link #imageSize()}: per input pixel, three float buffers
   * per activation (activation, its gradient, loss gradient or pooling) plus the transposed-convolution
   * scratch of the first layer, and a fixed 64 MB. Matches the benchmark (about 0.35 GB at 256 px).
   */
  public long estimatedMemoryBytes() {
    double floatsPerPixel = 0;
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() > deepestLayer().ordinal()) {
        break;
      }
      floatsPerPixel += 3.0 * layer.outChannels(1) / Math.pow(4, layer.block() - 1);
    }
    floatsPerPixel += 9.0 * 64;
    double pixels = (double) imageSize * imageSize;
    double stylePixels = (double) styleSize() * styleSize();
    return (long) (4 * floatsPerPixel * Math.max(pixels, stylePixels / 3) + 64L * 1024 * 1024);
  }

  /**
   * A canonical text of every setting that affects the output image. Two runs with equal fingerprints
   * (and equal inputs and weights) produce the same image, which is what lets a re-run skip a pair.
   */
  public String fingerprint() {
    return String.format(Locale.ROOT,
        "size=%d;styleScale=%s;cw=%s;sw=%s;tvw=%s;content=%s;style=%s;styleW=%s;pool=%s;opt=%s;it=%d;lr=%s;"
            + "hist=%d;init=%s;noise=%s;seed=%d;colors=%s",
        imageSize, styleScale, contentWeight, styleWeight, tvWeight, names(contentLayers), names(styleLayers),
        styleLayerWeights, pooling, optimizer, iterations, learningRate, lbfgsHistory, init, noiseStddev, seed,
        preserveColors);
  }

  private static List<String> names(List<Vgg19Layer> layers) {
    return layers.stream().map(Vgg19Layer::featureName).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransferSettings t && t.fingerprint().equals(fingerprint()) && t.logInterval == logInterval;
  }

  @Override
  public int hashCode() {
    return fingerprint().hashCode();
  }

  @Override
  public String toString() {
    return "TransferSettings{" + fingerprint() + ";logInterval=" + logInterval + "}";
  }

  /** Mutable builder with the documented defaults. */
  public static final class Builder {
    private int imageSize = 256;
    private double styleScale = 1.0;
    private double contentWeight = 5.0;
    private double styleWeight = 100.0;
    private double tvWeight = 1e-3;
    private List<Vgg19Layer> contentLayers = List.of(Vgg19Layer.RELU4_2);
    private List<Vgg19Layer> styleLayers = List.of(Vgg19Layer.RELU1_1, Vgg19Layer.RELU2_1, Vgg19Layer.RELU3_1,
        Vgg19Layer.RELU4_1, Vgg19Layer.RELU5_1);
    private List<Double> styleLayerWeights;
    private PoolingMode pooling = PoolingMode.MAX;
    private OptimizerKind optimizer = OptimizerKind.LBFGS;
    private int iterations = 300;
    private double learningRate = 10.0;
    private int lbfgsHistory = 10;
    private InitMode init = InitMode.CONTENT;
    private double noiseStddev = 10.0;
    private long seed = 0;
    private int logInterval = 10;
    private boolean preserveColors = false;

    private Builder() {}

    public Builder imageSize(int v) {
      imageSize = v;
      return this;
    }

    public Builder styleScale(double v) {
      styleScale = v;
      return this;
    }

    public Builder contentWeight(double v) {
      contentWeight = v;
      return this;
    }

    public Builder styleWeight(double v) {
      styleWeight = v;
      return this;
    }

    public Builder tvWeight(double v) {
      tvWeight = v;
      return this;
    }

    public Builder contentLayers(List<Vgg19Layer> v) {
      contentLayers = v;
      return this;
    }

    /** Sets the style layers; their weights reset to 1 unless {@link #styleLayerWeights} follows. */
    public Builder styleLayers(List<Vgg19Layer> v) {
      styleLayers = v;
      styleLayerWeights = null;
      return this;
    }

    public Builder styleLayerWeights(List<Double> v) {
      styleLayerWeights = v;
      return this;
    }

    public Builder pooling(PoolingMode v) {
      pooling = v;
      return this;
    }

    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    public Builder iterations(int v) {
      iterations = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder lbfgsHistory(int v) {
      lbfgsHistory = v;
      return this;
    }

    public Builder init(InitMode v) {
      init = v;
      return this;
    }

    public Builder noiseStddev(double v) {
      noiseStddev = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder logInterval(int v) {
      logInterval = v;
      return this;
    }

    public Builder preserveColors(boolean v) {
      preserveColors = v;
      return this;
    }

    /** @throws IllegalArgumentException listing every invalid setting */
    public TransferSettings build() {
      return new TransferSettings(this);
    }
  }
}
