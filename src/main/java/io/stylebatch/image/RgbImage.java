package io.stylebatch.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;

/**
 * An optimized image at full precision: sRGB values on the 0–255 scale, as the optimizer ends with them
 * (not yet clipped or rounded), interleaved R, G, B. 8-bit and 16-bit images are both made from it, so a
 * 16-bit output keeps the optimizer's precision instead of being widened from 8 bits.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final double[] rgb;

  /** @param rgb {@code width * height * 3} values, interleaved R, G, B, 0–255 scale (taken, not copied) */
  public RgbImage(int width, int height, double[] rgb) {
    if (rgb.length != (long) width * height * 3) {
      throw new IllegalArgumentException("expected " + width * height * 3 + " values, got " + rgb.length);
    }
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** The pixels of an 8-bit image, exactly. */
  public static RgbImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] packed = image.getRGB(0, 0, w, h, null, 0, w);
    double[] values = new double[packed.length * 3];
    for (int i = 0; i < packed.length; i++) {
      values[3 * i] = (packed[i] >> 16) & 0xff;
      values[3 * i + 1] = (packed[i] >> 8) & 0xff;
      values[3 * i + 2] = packed[i] & 0xff;
    }
    return new RgbImage(w, h, values);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel {@code i} (row-major), 0–255 scale, unclipped. */
  public double value(int i, int c) {
    return rgb[3 * i + c];
  }

  /** 8 bits per channel: each value clipped to 0–255 and rounded half up. */
  public BufferedImage to8Bit() {
    int[] packed = new int[width * height];
    for (int i = 0; i < packed.length; i++) {
      packed[i] = (VggPreprocessing.toByte(rgb[3 * i]) << 16) | (VggPreprocessing.toByte(rgb[3 * i + 1]) << 8)
          | VggPreprocessing.toByte(rgb[3 * i + 2]);
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, packed, 0, width);
    return out;
  }

  /** 16 bits per channel (sRGB): each value clipped to 0–255, scaled to 0–65535 and rounded. */
  public BufferedImage to16Bit() {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    int[] samples = new int[rgb.length];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = to16(rgb[i]);
    }
    raster.setPixels(0, 0, width, height, samples);
    return new BufferedImage(cm, raster, false, null);
  }

  static int to16(double v) {
    if (!(v > 0)) {
      return 0; // also NaN
    }
    return v >= 255 ? 65535 : (int) Math.floor(v * 257 + 0.5);
  }
}
