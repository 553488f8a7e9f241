package io.stylebatch.image;

import java.awt.image.BufferedImage;

/**
 * "Preserve original colours": keeps the luminance of the stylized image and the chroma of the content
 * photo (YIQ, as Gatys et al. 2016, "Preserving Color in Neural Artistic Style Transfer"), so the
 * result takes the style's texture but not its palette.
 */
public final class ColorPreservation {
  private ColorPreservation() {}

  /** Combines {@code stylized}'s luminance with {@code content}'s chroma; sizes must match. */
  public static BufferedImage transferLuminance(BufferedImage stylized, BufferedImage content) {
    return transferLuminance(RgbImage.of(stylized), content).to8Bit();
  }

  /**
   * Combines {@code stylized}'s luminance, at full precision, with {@code content}'s chroma; sizes must
   * match. The result is not clipped: the 8-bit and 16-bit images made from it clip it.
   */
  public static RgbImage transferLuminance(RgbImage stylized, BufferedImage content) {
    int w = stylized.width();
    int h = stylized.height();
    if (content.getWidth() != w || content.getHeight() != h) {
      throw new IllegalArgumentException("content is " + content.getWidth() + "x" + content.getHeight()
          + " but stylized image is " + w + "x" + h);
    }
    int[] c = content.getRGB(0, 0, w, h, null, 0, w);
    double[] out = new double[c.length * 3];
    for (int i = 0; i < c.length; i++) {
      // The luminance of the image as it would be shown (clipped to 0–255), at full precision.
      double y = 0.299 * clip(stylized.value(i, 0)) + 0.587 * clip(stylized.value(i, 1))
          + 0.114 * clip(stylized.value(i, 2));
      double[] cc = yiq(c[i]);
      out[3 * i] = y + 0.9563 * cc[1] + 0.6210 * cc[2];
      out[3 * i + 1] = y - 0.2721 * cc[1] - 0.6474 * cc[2];
      out[3 * i + 2] = y - 1.1070 * cc[1] + 1.7046 * cc[2];
    }
    return new RgbImage(w, h, out);
  }

  private static double clip(double v) {
    return v > 0 ? Math.min(v, 255) : 0;
  }

  /** {Y, I, Q} of a packed RGB pixel, components 0-255 scale. */
  public static double[] yiq(int rgb) {
    double r = (rgb >> 16) & 0xff;
    double g = (rgb >> 8) & 0xff;
    double b = rgb & 0xff;
    return new double[] {
        0.299 * r + 0.587 * g + 0.114 * b,
        0.595716 * r - 0.274453 * g - 0.321263 * b,
        0.211456 * r - 0.522591 * g + 0.311135 * b};
  }

}
