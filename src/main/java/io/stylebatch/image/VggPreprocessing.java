package io.stylebatch.image;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input convention of the published VGG19 weights (Caffe): BGR channel order, values 0-255, minus
 * the ImageNet channel means. {@link #toRgb} inverts it at full precision; {@link RgbImage} clips to 0-255
 * and rounds half up, so the same tensor always gives the same bytes.
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
    int plane = h * w;
    long[] shape = {1, 3, h, w};
    if (type == DataType.FLOAT) {
      // Computed in double and rounded once to float, as a double tensor cast to float would be, without the
      // double copy (24 bytes per pixel on the heap and as much native memory).
      float[] data = new float[3 * plane];
      for (int i = 0; i < plane; i++) {
        int p = rgb[i];
        data[i] = (float) ((p & 0xff) - BGR_MEAN[0]);
        data[plane + i] = (float) (((p >> 8) & 0xff) - BGR_MEAN[1]);
        data[2 * plane + i] = (float) (((p >> 16) & 0xff) - BGR_MEAN[2]);
      }
      return Nd4j.create(data, shape, 'c');
    }
    double[] data = new double[3 * plane];
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      data[i] = (p & 0xff) - BGR_MEAN[0];
      data[plane + i] = ((p >> 8) & 0xff) - BGR_MEAN[1];
      data[2 * plane + i] = ((p >> 16) & 0xff) - BGR_MEAN[2];
    }
    INDArray tensor = Nd4j.create(data, shape, 'c');
    if (type == DataType.DOUBLE) {
      return tensor;
    }
    try (tensor) {
      return tensor.castTo(type);
    }
  }

  /** Writes {@code image} into an existing {@code [1, 3, H, W]} buffer of matching size. */
  public static void writeInto(BufferedImage image, INDArray target) {
    try (INDArray t = toTensor(image, target.dataType())) {
      target.assign(t);
    }
  }

  /** Preprocessed {@code [1, 3, H, W]} tensor back to RGB values at full precision (0–255 scale, unclipped). */
  public static RgbImage toRgb(INDArray tensor) {
    long[] s = tensor.shape();
    int h = (int) s[2];
    int w = (int) s[3];
    // Float tensors are read as float (widening to double is exact), without a double copy.
    double[] data = null;
    float[] floats = null;
    try (INDArray contiguous = tensor.dup('c')) {
      if (contiguous.dataType() == DataType.FLOAT) {
        floats = contiguous.data().asFloat();
      } else if (contiguous.dataType() == DataType.DOUBLE) {
        data = contiguous.data().asDouble();
      } else {
        try (INDArray wide = contiguous.castTo(DataType.DOUBLE)) {
          data = wide.data().asDouble();
        }
      }
    }
    int plane = h * w;
    double[] rgb = new double[3 * plane];
    for (int i = 0; i < plane; i++) {
      rgb[3 * i] = value(data, floats, 2 * plane + i) + BGR_MEAN[2];
      rgb[3 * i + 1] = value(data, floats, plane + i) + BGR_MEAN[1];
      rgb[3 * i + 2] = value(data, floats, i) + BGR_MEAN[0];
    }
    return new RgbImage(w, h, rgb);
  }

  private static double value(double[] data, float[] floats, int i) {
    return floats != null ? floats[i] : data[i];
  }

  static int toByte(double v) {
    if (!(v > 0)) {
      return 0; // also NaN
    }
    return v >= 255 ? 255 : (int) Math.floor(v + 0.5);
  }
}
