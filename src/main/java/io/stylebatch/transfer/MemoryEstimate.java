package io.stylebatch.transfer;

import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.transfer.objective.TilePlan;
import io.stylebatch.transfer.settings.OptimizerKind;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Up-front estimate of the native memory one optimization needs, and the tile size that keeps it within
 * the pair's budget, so that rows which cannot fit are rejected with the manifest instead of failing (or
 * killing an executor) mid-run. Estimates are for the full-width VGG19 and a square image of the
 * settings' image size (an upper bound for other aspect ratios).
 */
public final class MemoryEstimate {
  /** The largest tile the automatic choice takes: beyond it the halo saves little and memory grows fast. */
  static final int LARGEST_AUTOMATIC_TILE = 512;
  private static final long FIXED_BYTES = 64L * 1024 * 1024;

  private MemoryEstimate() {}

  /** The estimate for the plan {@link #tileSize} chooses under {@code budgetBytes}. */
  public static long bytes(TransferSettings settings, long budgetBytes) {
    int tile = tileSize(settings, budgetBytes);
    if (tile == 0) {
      return untiled(settings);
    }
    return tiled(settings, tile > 0 ? tile : TilePlan.stride(settings.deepestLayer()));
  }

  /**
   * The tile size to evaluate with: {@code tile-size} when set; 0 (whole image) when that fits the
   * budget; else the largest tile up to {@value #LARGEST_AUTOMATIC_TILE} px that fits; -1 when nothing fits.
   */
  public static int tileSize(TransferSettings settings, long budgetBytes) {
    int forced = settings.get(TransferSetting.TILE_SIZE);
    if (forced > 0) {
      return forced;
    }
    if (untiled(settings) <= budgetBytes) {
      return 0;
    }
    int stride = TilePlan.stride(settings.deepestLayer());
    for (int tile = LARGEST_AUTOMATIC_TILE; tile >= stride; tile -= stride) {
      if (tiled(settings, tile) <= budgetBytes) {
        return tile;
      }
    }
    return -1;
  }

  /**
   * The whole image at once: the network's buffers per input pixel, the image-sized arrays, the adjoint
   * kernels of the backward pass and a fixed 64 MB. Above the benchmark's peak RSS by about 10 % of the
   * pixel-dependent part (1024 px: 2.47 KB per pixel measured, 2.7 KB estimated).
   */
  static long untiled(TransferSettings settings) {
    double pixels = (double) settings.imageSize() * settings.imageSize();
    double stylePixels = (double) settings.styleSize() * settings.styleSize();
    double network = Math.max(networkBytesPerPixel(settings, true) * pixels,
        networkBytesPerPixel(settings, false) * stylePixels);
    return (long) (network + imageBytesPerPixel(settings) * pixels + kernelBytes(settings.deepestLayer())
        + FIXED_BYTES);
  }

  /** Tile by tile: the network of the largest window, the interior scratch, and the image-sized arrays. */
  static long tiled(TransferSettings settings, int tile) {
    Vgg19Layer deepest = settings.deepestLayer();
    int stride = TilePlan.stride(deepest);
    int interior = Math.min(settings.imageSize(), (tile + stride - 1) / stride * stride);
    double window = Math.min(settings.imageSize(), interior + 2.0 * TilePlan.halo(deepest));
    double scratch = 0;
    for (Vgg19Layer layer : lossLayers(settings)) {
      scratch += 2.0 * 4 * layer.outChannels(1) / Math.pow(4, layer.block() - 1) * interior * interior;
    }
    double pixels = (double) settings.imageSize() * settings.imageSize();
    return (long) (networkBytesPerPixel(settings, true) * window * window + scratch
        + imageBytesPerPixel(settings) * pixels + kernelBytes(deepest) + FIXED_BYTES);
  }

  /**
   * The network's buffers per input pixel, as {@code Vgg19Network} allocates them: every activation, the
   * pooled inputs and the channels-last image; with gradients also two gradient buffers of the largest
   * layer's size (gradients flow one layer at a time), the loss layers' gradients and the image's gradient.
   * Without gradients (style targets) it is about half.
   */
  private static double networkBytesPerPixel(TransferSettings settings, boolean withGradients) {
    Set<Vgg19Layer> loss = withGradients ? lossLayers(settings) : Set.of();
    double floats = withGradients ? 6 + 2.0 * Vgg19Layer.RELU1_1.outChannels(1) : 3;
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() > settings.deepestLayer().ordinal()) {
        break;
      }
      double perPixel = layer.outChannels(1) / Math.pow(4, layer.block() - 1);
      floats += perPixel * (loss.contains(layer) ? 2 : 1);
      if (layer.followsPooling()) {
        floats += layer.inChannels(1) / Math.pow(4, layer.block() - 1);
      }
    }
    return 4 * floats;
  }

  /** The adjoint kernels the backward pass convolves with: a float copy of the weights up to {@code deepest}. */
  private static double kernelBytes(Vgg19Layer deepest) {
    double parameters = 0;
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() <= deepest.ordinal()) {
        parameters += 9.0 * layer.inChannels(1) * layer.outChannels(1);
      }
    }
    return 4 * parameters;
  }

  /**
   * Arrays of the image's size: image and gradient, the optimizer's state, the iterate average, the
   * previous scale's image and moments while it is resampled, the content targets, the decoded and converted
   * image on the Java heap (RGB pixels and a float copy), and two more image-sized arrays of margin for the
   * heap's other copies (resized, encoded): without them a 4096 px pair in tiles used 5 % more than estimated.
   */
  private static double imageBytesPerPixel(TransferSettings settings) {
    double vectors = 4 + (settings.get(TransferSetting.OPTIMIZER) == OptimizerKind.ADAM ? 2
        : 2.0 * settings.get(TransferSetting.LBFGS_HISTORY) + 3);
    if (settings.get(TransferSetting.ITERATE_AVERAGE) > 0) {
      vectors += 1;
    }
    if (ScaleSchedule.of(settings).scales().size() > 1) {
      vectors += 3;
    }
    double bytes = 3 * 4 * vectors + 4 + 4 + 12;
    for (Vgg19Layer layer : settings.get(TransferSetting.CONTENT_LAYERS)) {
      bytes += 4.0 * layer.outChannels(1) / Math.pow(4, layer.block() - 1);
    }
    return bytes;
  }

  private static Set<Vgg19Layer> lossLayers(TransferSettings settings) {
    Set<Vgg19Layer> layers = new LinkedHashSet<>(settings.get(TransferSetting.CONTENT_LAYERS));
    layers.addAll(settings.get(TransferSetting.STYLE_LAYERS));
    return layers;
  }
}
