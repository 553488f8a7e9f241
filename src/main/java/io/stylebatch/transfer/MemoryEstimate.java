package io.stylebatch.transfer;

import io.stylebatch.model.Vgg19Layer;

/**
 * Up-front estimate of the native memory one optimization needs, so that rows which cannot fit are
 * rejected with the manifest instead of failing (or killing an executor) mid-run.
 */
public final class MemoryEstimate {
  private MemoryEstimate() {}

  /**
   * Upper bound in bytes for the full-width VGG19 and a square image of the settings' image size: per
   * input pixel, three float buffers per activation (activation, its gradient, loss gradient or pooling)
   * plus the transposed-convolution scratch of the first layer, and a fixed 64 MB. Matches the benchmark
   * (about 0.35 GB at 256 px).
   */
  public static long bytes(TransferSettings settings) {
    double floatsPerPixel = 0;
    Vgg19Layer deepest = settings.deepestLayer();
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() > deepest.ordinal()) {
        break;
      }
      floatsPerPixel += 3.0 * layer.outChannels(1) / Math.pow(4, layer.block() - 1);
    }
    floatsPerPixel += 9.0 * 64;
    double pixels = (double) settings.imageSize() * settings.imageSize();
    double stylePixels = (double) settings.styleSize() * settings.styleSize();
    return (long) (4 * floatsPerPixel * Math.max(pixels, stylePixels / 3) + 64L * 1024 * 1024);
  }
}
