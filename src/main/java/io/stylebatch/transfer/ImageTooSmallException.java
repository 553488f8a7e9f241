package io.stylebatch.transfer;

import io.stylebatch.model.Vgg19Layer;
import java.util.Locale;

/**
 * The image, at the requested size, is too small for the deepest layer the losses use: each pooling
 * halves it, so {@code reluB_x} needs a shorter side of 2^(B-1) pixels. Known only once the image's
 * aspect ratio is, so it fails the pair (not the manifest) and says which size would work.
 */
public final class ImageTooSmallException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private ImageTooSmallException(String message) {
    super(message);
  }

  /** The shortest side {@code layer} can be computed from. */
  public static int minimumSide(Vgg19Layer layer) {
    return 1 << (layer.block() - 1);
  }

  /**
   * @param what which image and setting, e.g. "content image at image_size 16"
   * @param longestSide the size the image was scaled to (its longest side)
   */
  public static void check(String what, int width, int height, int longestSide, Vgg19Layer deepest) {
    int needed = minimumSide(deepest);
    int shorter = Math.min(width, height);
    if (shorter >= needed) {
      return;
    }
    int longer = Math.max(width, height);
    int sizeThatWorks = (int) Math.ceil((double) needed * longer / shorter * longestSide / longer);
    throw new ImageTooSmallException(String.format(Locale.ROOT,
        "the %s is %dx%d px; %s needs a shorter side of at least %d px: use a size of at least %d", what, width,
        height, deepest.featureName(), needed, Math.max(sizeThatWorks, longestSide + 1)));
  }
}
