package io.stylebatch.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Wide-gamut test inputs made from first principles: ICC profiles for Display P3 and Adobe RGB (1998) built
 * from the JDK's sRGB profile by replacing its colorants (and, for Adobe RGB, its tone curve) with the
 * published D50-adapted values, and 16-bit PNGs tagged with them ({@code iCCP}) whose pixels are computed
 * with plain matrix arithmetic — not with the colour management under test — from a given sRGB image.
 */
final class TaggedImages {
  /** A tagged colour space: its profile and how its encoded values relate to D50 XYZ. */
  record Space(String name, ICC_Profile profile, double[][] toXyz, double gamma) {}

  private static final double[][] P3 = {{0.5151, 0.2920, 0.1571}, {0.2412, 0.6922, 0.0666}, {-0.0011, 0.0419, 0.7841}};
  private static final double[][] ADOBE = {{0.6097, 0.2053, 0.1492}, {0.3111, 0.6257, 0.0632}, {0.0195, 0.0609, 0.7446}};

  private TaggedImages() {}

  /** Display P3: P3 primaries, D65 white, the sRGB tone curve (gamma 0 here means "the sRGB curve"). */
  static Space displayP3() {
    return new Space("Display P3", ICC_Profile.getInstance(patch(P3, 0)), P3, 0);
  }

  /** Adobe RGB (1998): its primaries, D65 white, gamma 563/256. */
  static Space adobeRgb() {
    return new Space("Adobe RGB (1998)", ICC_Profile.getInstance(patch(ADOBE, 563.0 / 256)), ADOBE, 563.0 / 256);
  }

  /** The sRGB profile's own colorants (D50), read from its rXYZ/gXYZ/bXYZ tags. */
  static double[][] srgbToXyz() {
    ByteBuffer b = ByteBuffer.wrap(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    double[][] m = new double[3][3];
    String[] tags = {"rXYZ", "gXYZ", "bXYZ"};
    for (int c = 0; c < 3; c++) {
      int offset = tagOffset(b, tags[c]);
      for (int row = 0; row < 3; row++) {
        m[row][c] = b.getInt(offset + 8 + 4 * row) / 65536.0;
      }
    }
    return m;
  }

  private static byte[] patch(double[][] colorants, double gamma) {
    byte[] data = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData().clone();
    ByteBuffer b = ByteBuffer.wrap(data);
    String[] tags = {"rXYZ", "gXYZ", "bXYZ"};
    for (int c = 0; c < 3; c++) {
      int offset = tagOffset(b, tags[c]);
      for (int row = 0; row < 3; row++) {
        b.putInt(offset + 8 + 4 * row, (int) Math.round(colorants[row][c] * 65536));
      }
    }
    if (gamma > 0) {
      for (String trc : new String[] {"rTRC", "gTRC", "bTRC"}) {
        int offset = tagOffset(b, trc);
        b.put(offset, (byte) 'c').put(offset + 1, (byte) 'u').put(offset + 2, (byte) 'r').put(offset + 3, (byte) 'v');
        b.putInt(offset + 4, 0).putInt(offset + 8, 1).putShort(offset + 12, (short) Math.round(gamma * 256));
        setTagSize(b, trc, 14);
      }
    }
    // A profile of its own, as real ones are: its own description and creation date, no stale profile id (MD5).
    int desc = tagOffset(b, "desc");
    int length = b.getInt(desc + 8);
    byte[] name = (gamma > 0 ? "Adobe RGB (1998) test" : "Display P3 test").getBytes(StandardCharsets.US_ASCII);
    java.util.Arrays.fill(data, desc + 12, desc + 12 + length, (byte) 0);
    System.arraycopy(name, 0, data, desc + 12, Math.min(name.length, length - 1));
    b.putShort(24, (short) 2026).putShort(26, (short) 12).putShort(28, (short) 3);
    java.util.Arrays.fill(data, 84, 100, (byte) 0);
    return data;
  }

  private static int tagOffset(ByteBuffer b, String signature) {
    int count = b.getInt(128);
    for (int i = 0; i < count; i++) {
      int entry = 132 + 12 * i;
      if (b.getInt(entry) == sig(signature)) {
        return b.getInt(entry + 4);
      }
    }
    throw new IllegalStateException("no tag " + signature);
  }

  private static void setTagSize(ByteBuffer b, String signature, int size) {
    int count = b.getInt(128);
    for (int i = 0; i < count; i++) {
      int entry = 132 + 12 * i;
      if (b.getInt(entry) == sig(signature)) {
        b.putInt(entry + 8, size);
      }
    }
  }

  private static int sig(String s) {
    return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
  }

  /** The values, 0–1, that {@code space} encodes for the sRGB colour {@code rgb} (0–255 per channel). */
  static double[] encode(Space space, int[] rgb) {
    double[] linear = new double[3];
    for (int c = 0; c < 3; c++) {
      double v = rgb[c] / 255.0;
      linear[c] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    double[] xyz = multiply(srgbToXyz(), linear);
    double[] target = multiply(invert(space.toXyz()), xyz);
    double[] encoded = new double[3];
    for (int c = 0; c < 3; c++) {
      double v = Math.max(0, Math.min(1, target[c]));
      encoded[c] = space.gamma() > 0 ? Math.pow(v, 1 / space.gamma())
          : v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }
    return encoded;
  }

  /** A 16-bit PNG of {@code srgb}'s colours encoded in {@code space}, tagged with its profile. */
  static byte[] taggedPng16(BufferedImage srgb, Space space) throws IOException {
    int w = srgb.getWidth();
    int h = srgb.getHeight();
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = srgb.getRGB(x, y);
        double[] e = encode(space, new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff});
        for (int c = 0; c < 3; c++) {
          raster.setSample(x, y, c, (int) Math.round(e[c] * 65535));
        }
      }
    }
    BufferedImage image = new BufferedImage(cm, raster, false, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
    iccp.setAttribute("profileName", space.name());
    iccp.setAttribute("compressionMethod", "deflate");
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(space.profile().getData());
    }
    iccp.setUserObject(z.toByteArray());
    root.appendChild(iccp);
    metadata.mergeTree("javax_imageio_png_1.0", root);
    return write(writer, image, metadata, null);
  }

  /**
   * An 8-bit JPEG (quality 1.0) of {@code srgb}'s colours encoded in {@code space}: the encoded values written
   * as they are, and the profile inserted as an {@code APP2 ICC_PROFILE} segment after the JFIF header (an
   * encoder handed a non-sRGB image would convert its pixels first).
   */
  static byte[] taggedJpeg(BufferedImage srgb, Space space) throws IOException {
    BufferedImage encoded = new BufferedImage(srgb.getWidth(), srgb.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < srgb.getHeight(); y++) {
      for (int x = 0; x < srgb.getWidth(); x++) {
        int p = srgb.getRGB(x, y);
        double[] e = encode(space, new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff});
        encoded.setRGB(x, y, ((int) Math.round(e[0] * 255) << 16) | ((int) Math.round(e[1] * 255) << 8)
            | (int) Math.round(e[2] * 255));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(1.0f);
    byte[] plain = write(writer, encoded, null, param);
    byte[] profile = space.profile().getData();
    byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + id.length + 2 + profile.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int app0End = 4 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff)); // SOI, then APP0 (JFIF) with its length
    out.write(plain, 0, app0End);
    out.write(new byte[] {(byte) 0xff, (byte) 0xe2, (byte) (length >> 8), (byte) length});
    out.write(id);
    out.write(new byte[] {1, 1});
    out.write(profile);
    out.write(plain, app0End, plain.length - app0End);
    return out.toByteArray();
  }

  /** The same JPEG without its APP2 profile segment: what a reader ignoring the profile sees. */
  static byte[] withoutProfile(byte[] tagged) {
    int app0End = 4 + (((tagged[4] & 0xff) << 8) | (tagged[5] & 0xff));
    int app2End = app0End + 2 + (((tagged[app0End + 2] & 0xff) << 8) | (tagged[app0End + 3] & 0xff));
    byte[] out = new byte[tagged.length - (app2End - app0End)];
    System.arraycopy(tagged, 0, out, 0, app0End);
    System.arraycopy(tagged, app2End, out, app0End, tagged.length - app2End);
    return out;
  }

  /** {@code srgb} as a JPEG of quality 1.0 without a profile: JPEG's own loss, for comparison. */
  static byte[] srgbJpeg(BufferedImage srgb) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(1.0f);
    return write(writer, srgb, null, param);
  }

  /** An 8-bit PNG of {@code srgb} whose iCCP chunk holds {@code profile} (compressed), valid or not. */
  static byte[] pngWithProfileBytes(BufferedImage srgb, byte[] profile) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(srgb), null);
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
    iccp.setAttribute("profileName", "broken");
    iccp.setAttribute("compressionMethod", "deflate");
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(profile);
    }
    iccp.setUserObject(z.toByteArray());
    root.appendChild(iccp);
    metadata.mergeTree("javax_imageio_png_1.0", root);
    return write(writer, srgb, metadata, null);
  }

  private static byte[] write(ImageWriter writer, BufferedImage image, IIOMetadata metadata,
      javax.imageio.ImageWriteParam param) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
    }
    return out;
  }

  private static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] inv = new double[3][3];
    inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return inv;
  }
}
