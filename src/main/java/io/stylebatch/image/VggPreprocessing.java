package io.stylebatch.image;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input convention of the published VGG19 weights (Caffe): BGR channel order, values 0-255, minus
 * the ImageNet channel means. {@link #toImage} inverts it, clipping to 0-255 and rounding half up, so
 * the same tensor always gives the same bytes.
 */
public final class VggPreprocessing {
  /** ImageNet means in B, G, R order. */
  public static final double[] BGR_MEAN = {103.939, 116.779, 123.68};

  private VggPreprocessing() {}

  /** RGB image to a preprocessed {@code [1, 3, H, W]} tensor of the given type. */
  public static INDArray toTensor(BufferedImage image, DataType type) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    double[] data = new double[3 * h * w];
    int plane = h * w;
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      data[i] = (p & 0xff) - BGR_MEAN[0];
      data[plane + i] = ((p >> 8) & 0xff) - BGR_MEAN[1];
      data[2 * plane + i] = ((p >> 16) & 0xff) - BGR_MEAN[2];
    }
    return Nd4j.create(data, new long[] {1, 3, h, w}, 'c').castTo(type);
  }

  /** Writes {@code image} into an existing {@code [1, 3, H, W]} buffer of matching size. */
  public static void writeInto(BufferedImage image, INDArray target) {
    try (INDArray t = toTensor(image, target.dataType())) {
      target.assign(t);
    }
  }

  /** Preprocessed {@code [1, 3, H, W]} tensor back to an RGB image. */
  public static BufferedImage toImage(INDArray tensor) {
    long[] s = tensor.shape();
    int h = (int) s[2];
    int w = (int) s[3];
    double[] data = tensor.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    int plane = h * w;
    int[] rgb = new int[plane];
    for (int i = 0; i < plane; i++) {
      int b = toByte(data[i] + BGR_MEAN[0]);
      int g = toByte(data[plane + i] + BGR_MEAN[1]);
      int r = toByte(data[2 * plane + i] + BGR_MEAN[2]);
      rgb[i] = (r << 16) | (g << 8) | b;
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, rgb, 0, w);
    return out;
  }

  static int toByte(double v) {
    if (!(v > 0)) {
      return 0; // also NaN
    }
    return v >= 255 ? 255 : (int) Math.floor(v + 0.5);
  }
}
