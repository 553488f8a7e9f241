package io.stylebatch.transfer.objective;

import io.stylebatch.image.ImageResizer;
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
   * @param width the image's width before scaling
   * @param height the image's height before scaling
   * @param longestSide the size the image is scaled to (its longest side)
   */
  public static void check(String what, int width, int height, int longestSide, Vgg19Layer deepest) {
    int needed = minimumSide(deepest);
    int[] scaled = ImageResizer.fitLongestSide(width, height, longestSide);
    if (Math.min(scaled[0], scaled[1]) >= needed) {
      return;
    }
    throw new ImageTooSmallException(String.format(Locale.ROOT,
        "the %s is %dx%d px; %s needs a shorter side of at least %d px: use a size of at least %d", what, scaled[0],
        scaled[1], deepest.featureName(), needed, sizeThatWorks(width, height, needed)));
  }

  /** The smallest longest side at which the scaled image's shorter side, rounded as the resizer does, suffices. */
  static int sizeThatWorks(int width, int height, int needed) {
    int shorter = Math.min(width, height);
    int longer = Math.max(width, height);
    int size = Math.max(needed, (int) Math.floor((needed - 0.5) * longer / shorter));
    while (true) {
      int[] scaled = ImageResizer.fitLongestSide(width, height, size);
      if (Math.min(scaled[0], scaled[1]) >= needed) {
        return size;
      }
      size++;
    }
  }
}
