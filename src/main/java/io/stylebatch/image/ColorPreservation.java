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
    int w = stylized.getWidth();
    int h = stylized.getHeight();
    if (content.getWidth() != w || content.getHeight() != h) {
      throw new IllegalArgumentException("content is " + content.getWidth() + "x" + content.getHeight()
          + " but stylized image is " + w + "x" + h);
    }
    int[] s = stylized.getRGB(0, 0, w, h, null, 0, w);
    int[] c = content.getRGB(0, 0, w, h, null, 0, w);
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      double y = yiq(s[i])[0];
      double[] cc = yiq(c[i]);
      out[i] = rgb(y, cc[1], cc[2]);
    }
    BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    result.setRGB(0, 0, w, h, out, 0, w);
    return result;
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

  static int rgb(double y, double i, double q) {
    int r = VggPreprocessing.toByte(y + 0.9563 * i + 0.6210 * q);
    int g = VggPreprocessing.toByte(y - 0.2721 * i - 0.6474 * q);
    int b = VggPreprocessing.toByte(y - 1.1070 * i + 1.7046 * q);
    return (r << 16) | (g << 8) | b;
  }
}
