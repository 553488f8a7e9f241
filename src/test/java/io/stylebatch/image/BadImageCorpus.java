package io.stylebatch.image;

import io.stylebatch.tools.SyntheticImages;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The inputs a catalog job meets, generated as real files: odd but valid images (greyscale, CMYK JPEG,
 * 16-bit PNG, palette PNG with transparency, EXIF-rotated JPEG) and broken ones (empty, truncated, text
 * named .jpg, a header declaring huge dimensions, 1x1).
 */
public final class BadImageCorpus {
  private BadImageCorpus() {}

  public static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  public static byte[] jpeg(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }

  /** A photo stored as 8-bit greyscale; left half value 64, right half the photo's grey. */
  public static byte[] greyscalePng() throws IOException {
    BufferedImage g = new BufferedImage(48, 40, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = g.getRaster();
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 48; x++) {
        r.setSample(x, y, 0, x < 24 ? 64 : (x * 5 + y) % 256);
      }
    }
    return png(g);
  }

  /** Print-workflow CMYK JPEG (Adobe APP14 marker, inverted values): left half red, right half 50 % K. */
  public static byte[] cmykJpeg() throws IOException {
    int w = 48;
    int h = 32;
    WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] cmyk = x < w / 2 ? new int[] {0, 255, 255, 0} : new int[] {0, 0, 0, 128};
        r.setPixel(x, y, new int[] {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(r, null, null), null);
    } finally {
      writer.dispose();
    }
    byte[] b = out.toByteArray();
    byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
    return splice(b, app14);
  }

  /** 16 bits per channel RGB: left half (65535, 32768, 0) = orange, right half a gradient. */
  public static byte[] sixteenBitPng() throws IOException {
    int w = 40;
    int h = 40;
    ComponentColorModel cm = new ComponentColorModel(java.awt.color.ColorSpace.getInstance(
        java.awt.color.ColorSpace.CS_sRGB), new int[] {16, 16, 16}, false, false,
        java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster r = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setPixel(x, y, x < w / 2 ? new int[] {65535, 32768, 0} : new int[] {x * 1600, y * 1600, 20000});
      }
    }
    return png(new BufferedImage(cm, r, false, null));
  }

  /** Palette PNG whose index 0 is fully transparent (left half) and index 1 blue (right half). */
  public static byte[] palettePngWithTransparency() throws IOException {
    byte[] red = {0, 0, (byte) 200};
    byte[] green = {0, 0, (byte) 50};
    byte[] blue = {0, (byte) 255, (byte) 10};
    byte[] alpha = {0, (byte) 255, (byte) 255};
    IndexColorModel cm = new IndexColorModel(8, 3, red, green, blue, alpha);
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED, cm);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 40; x++) {
        img.getRaster().setSample(x, y, 0, x < 20 ? 0 : (y < 20 ? 1 : 2));
      }
    }
    return png(img);
  }

  /** A 60x40 landscape JPEG whose EXIF says "rotate 90 degrees clockwise to view" (orientation 6). */
  public static byte[] exifRotatedJpeg() throws IOException {
    BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 60; x++) {
        img.setRGB(x, y, y < 20 ? 0xE01010 : 0x1010E0); // top red, bottom blue as stored
      }
    }
    byte[] tiff = ByteBuffer.allocate(26).put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1})
        .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0)
        .putInt(0).array();
    byte[] app1 = ByteBuffer.allocate(4 + 6 + tiff.length).put((byte) 0xFF).put((byte) 0xE1)
        .putShort((short) (2 + 6 + tiff.length)).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff)
        .array();
    return splice(jpeg(img), app1);
  }

  /** A valid PNG signature and IHDR declaring {@code w x h}, and nothing else of use. */
  public static byte[] pngHeaderDeclaring(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(b, "IHDR", ihdr.array());
    chunk(b, "IEND", new byte[0]);
    return b.array();
  }

  private static void chunk(ByteBuffer b, String type, byte[] data) {
    b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.US_ASCII));
    crc.update(data);
    b.putInt((int) crc.getValue());
  }

  public static byte[] truncated(byte[] file) {
    return Arrays.copyOf(file, file.length / 2);
  }

  public static byte[] tinyPng() throws IOException {
    return png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
  }

  public static byte[] photoPng(long seed) throws IOException {
    return png(SyntheticImages.photo(64, 48, seed));
  }

  public static byte[] photoJpeg(long seed) throws IOException {
    return jpeg(SyntheticImages.photo(64, 48, seed));
  }

  /** Inserts a segment right after the JPEG's SOI marker. */
  private static byte[] splice(byte[] jpeg, byte[] segment) {
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
    return out;
  }

  /**
   * Files that are not PNG or JPEG, by the name the decoder must report for them: formats ImageIO would
   * happily read (GIF, BMP, TIFF), others it cannot (WebP, PDF, ZIP), and data its WBMP reader would take
   * for an image (an ICC profile and random bytes, both starting with two zero bytes).
   */
  public static java.util.Map<String, byte[]> notPngOrJpeg() throws IOException {
    BufferedImage img = SyntheticImages.photo(32, 24, 7);
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("GIF", written(img, "gif"));
    files.put("BMP", written(img, "bmp"));
    files.put("TIFF", written(img, "tiff"));
    byte[] webp = new byte[64];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, webp, 0, 4);
    System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, webp, 8, 8);
    files.put("WebP", webp);
    files.put("PDF", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry("photo.png"));
      z.write(png(img));
      z.closeEntry();
    }
    files.put("ZIP", zip.toByteArray());
    byte[] icc = new byte[3144]; // the size of the common sRGB profile: 00 00 0C 48
    ByteBuffer.wrap(icc).putInt(icc.length);
    System.arraycopy("acsp".getBytes(StandardCharsets.US_ASCII), 0, icc, 36, 4);
    files.put("ICC colour profile", icc);
    byte[] random = new byte[4096];
    new java.util.Random(5).nextBytes(random);
    random[0] = 0;
    random[1] = 0;
    random[2] = 0x20;
    random[3] = 0x20;
    files.put("unknown binary data", random);
    return files;
  }

  private static byte[] written(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }
}
