package io.stylebatch.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.color.ICC_ProfileRGB;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.ByteBuffer;
import java.util.function.DoubleUnaryOperator;

/**
 * An RGB matrix/TRC ICC profile evaluated in double precision: each channel through its tone curve
 * ({@code curv} gamma or table, or {@code para} function types 0–4), the colorant matrix to D50 XYZ, then the
 * inverse of the sRGB profile's matrix and the sRGB curve. This is what an ICC colour-management module
 * computes for such profiles, without the interpolation error of a 16-bit lookup table.
 */
final class MatrixShaper {
  private static final double[][] XYZ_TO_SRGB = invert(matrix(
      (ICC_ProfileRGB) ICC_Profile.getInstance(ColorSpace.CS_sRGB)));

  private final DoubleUnaryOperator[] curves;
  private final double[][] toSrgbLinear;

  private MatrixShaper(DoubleUnaryOperator[] curves, double[][] toXyz) {
    this.curves = curves;
    this.toSrgbLinear = multiply(XYZ_TO_SRGB, toXyz);
  }

  /** The profile as a matrix and curves, or null when it is not an RGB matrix/TRC profile. */
  static MatrixShaper of(ICC_Profile profile) {
    if (!(profile instanceof ICC_ProfileRGB rgb) || profile.getData(ICC_Profile.icSigAToB0Tag) != null) {
      return null;
    }
    int[] tags = {ICC_Profile.icSigRedTRCTag, ICC_Profile.icSigGreenTRCTag, ICC_Profile.icSigBlueTRCTag};
    DoubleUnaryOperator[] curves = new DoubleUnaryOperator[3];
    for (int c = 0; c < 3; c++) {
      curves[c] = curve(profile.getData(tags[c]));
    }
    return new MatrixShaper(curves, matrix(rgb));
  }

  BufferedImage toSrgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    double[] max = new double[3];
    for (int c = 0; c < 3; c++) {
      max[c] = (1L << image.getColorModel().getComponentSize(c)) - 1;
    }
    int[] px = new int[raster.getNumBands()];
    double[] linear = new double[3];
    int[] packed = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        for (int c = 0; c < 3; c++) {
          linear[c] = curves[c].applyAsDouble(px[c] / max[c]);
        }
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          double v = toSrgbLinear[c][0] * linear[0] + toSrgbLinear[c][1] * linear[1] + toSrgbLinear[c][2] * linear[2];
          rgb = (rgb << 8) | VggPreprocessing.toByte(255 * srgbEncode(v));
        }
        packed[y * w + x] = rgb;
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, packed, 0, w);
    return out;
  }

  static double srgbEncode(double v) {
    if (!(v > 0)) {
      return 0;
    }
    return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(Math.min(v, 1), 1 / 2.4) - 0.055;
  }

  /** A tone curve from its tag: {@code curv} (identity, gamma or table) or {@code para} (types 0–4). */
  static DoubleUnaryOperator curve(byte[] tag) {
    ByteBuffer b = ByteBuffer.wrap(tag);
    String type = new String(tag, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
    if (type.equals("curv")) {
      int n = b.getInt(8);
      if (n == 0) {
        return x -> x;
      }
      if (n == 1) {
        double gamma = (b.getShort(12) & 0xffff) / 256.0;
        return x -> Math.pow(clamp(x), gamma);
      }
      double[] table = new double[n];
      for (int i = 0; i < n; i++) {
        table[i] = (b.getShort(12 + 2 * i) & 0xffff) / 65535.0;
      }
      return x -> {
        double pos = clamp(x) * (n - 1);
        int i = Math.min((int) pos, n - 2);
        return table[i] + (pos - i) * (table[i + 1] - table[i]);
      };
    }
    if (type.equals("para")) {
      int function = b.getShort(8) & 0xffff;
      double[] p = new double[7];
      int count = new int[] {1, 3, 4, 5, 7}[function];
      for (int i = 0; i < count; i++) {
        p[i] = b.getInt(12 + 4 * i) / 65536.0;
      }
      double g = p[0];
      double a = p[1];
      double bb = p[2];
      double c = p[3];
      double d = p[4];
      double e = p[5];
      double f = p[6];
      return switch (function) {
        case 0 -> x -> Math.pow(clamp(x), g);
        case 1 -> x -> x >= -bb / a ? Math.pow(a * x + bb, g) : 0;
        case 2 -> x -> x >= -bb / a ? Math.pow(a * x + bb, g) + c : c;
        case 3 -> x -> x >= d ? Math.pow(a * x + bb, g) : c * x;
        default -> x -> x >= d ? Math.pow(a * x + bb, g) + e : c * x + f;
      };
    }
    throw new IllegalArgumentException("tone curve of type '" + type + "' is not supported");
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }

  private static double[][] matrix(ICC_ProfileRGB profile) {
    float[][] m = profile.getMatrix();
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[r][c] = m[r][c];
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
      }
    }
    return out;
  }

  static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    return new double[][] {
        {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det,
            (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det},
        {(m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det,
            (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det},
        {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det,
            (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det}};
  }
}
