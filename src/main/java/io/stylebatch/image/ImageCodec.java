package io.stylebatch.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;

/** Decoding of PNG/JPEG bytes to RGB and encoding of results as PNG (lossless, deterministic). */
public final class ImageCodec {
  /**
   * Decoder warnings that mean the pixel data is incomplete (the JDK JPEG decoder fills a truncated
   * image with grey and only warns); others, such as a missing ICC profile, are harmless.
   */
  private static final java.util.regex.Pattern DAMAGE =
      java.util.regex.Pattern.compile("(?i)corrupt|premature|truncat|unexpected end|bad huffman|invalid");

  private ImageCodec() {}

  /**
   * Decodes an image; {@code name} only labels errors.
   *
   * @throws ImageDecodeException when the bytes are empty or not a decodable image
   */
  public static BufferedImage decode(byte[] bytes, String name) {
    return decode(bytes, name, InputLimits.none());
  }

  /**
   * Decodes an image after checking, from its header alone, that its dimensions are within {@code limits},
   * so a small file declaring huge dimensions is refused before any large allocation. Damaged
   * data the decoder only warns about (a truncated JPEG) is an error too; EXIF orientation is applied.
   */
  public static BufferedImage decode(byte[] bytes, String name, InputLimits limits) {
    if (bytes.length == 0) {
      throw new ImageDecodeException(name + ": file is empty (0 bytes)");
    }
    ImageFormat format = ImageFormat.of(bytes);
    if (format == null) {
      throw new ImageDecodeException(name + ": not a PNG or JPEG image (detected: " + ImageFormat.describe(bytes)
          + ")");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerFormat());
      if (!readers.hasNext()) {
        throw new IllegalStateException("no ImageIO reader for " + format);
      }
      ImageReader reader = readers.next();
      try {
        // PNG metadata is read for its iCCP chunk.
        reader.setInput(in, true, format != ImageFormat.PNG);
        String problem = limits.problemWith(reader.getWidth(0), reader.getHeight(0)).orElse(null);
        if (problem != null) {
          throw new ImageDecodeException(name + ": " + problem);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
          if (DAMAGE.matcher(warning).find()) {
            warnings.add(warning);
          }
        });
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new ImageDecodeException(name + ": image data is damaged or truncated (" + warnings.get(0) + ")");
        }
        // JPEG readers apply an APP2 profile themselves (the image comes back in sRGB); PNG's iCCP is applied here.
        java.awt.color.ICC_Profile embedded = format == ImageFormat.PNG ? IccConversion.pngProfile(reader) : null;
        BufferedImage rgb = embedded != null ? IccConversion.toSrgb(image, embedded) : toSrgb(image);
        return format == ImageFormat.JPEG ? ExifOrientation.apply(rgb, ExifOrientation.read(bytes)) : rgb;
      } finally {
        reader.dispose();
      }
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name + ": not a decodable image (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The width and height an image will have once decoded (EXIF orientation applied), read from its header
   * only: what {@code --validate} checks without decoding pixels.
   *
   * @throws ImageDecodeException when the bytes are not a PNG or JPEG whose header can be read
   */
  public static int[] dimensions(byte[] bytes, String name) {
    ImageFormat format = ImageFormat.of(bytes);
    if (format == null) {
      throw new ImageDecodeException(name + ": not a PNG or JPEG image (detected: " + ImageFormat.describe(bytes)
          + ")");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName(format.readerFormat()).next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        boolean turned = format == ImageFormat.JPEG && ExifOrientation.read(bytes) >= 5;
        return turned ? new int[] {h, w} : new int[] {w, h};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name + ": the image header cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Any decoded image as 8-bit sRGB. Grey images (8 or 16 bit) map their sample straight to R=G=B
   * (Java2D would treat them as linear grey and brighten them); transparency is composited on white.
   */
  static BufferedImage toSrgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
    if (grey) {
      int bits = cm.getComponentSize(0);
      double scale = 255.0 / ((1 << bits) - 1);
      boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
      double alphaScale = alpha ? 1.0 / ((1 << cm.getComponentSize(1)) - 1) : 0;
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      int[] px = new int[raster.getNumBands()];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          raster.getPixel(x, y, px);
          double v = px[0] * scale;
          if (alpha) {
            double a = px[1] * alphaScale;
            v = v * a + 255 * (1 - a);
          }
          int g = VggPreprocessing.toByte(v);
          out.setRGB(x, y, (g << 16) | (g << 8) | g);
        }
      }
      return out;
    }
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    if (cm.getColorSpace() instanceof ICC_ColorSpace icc && !icc.isCS_sRGB() && icc.getType() == ColorSpace.TYPE_RGB
        && !cm.hasAlpha()) {
      return IccConversion.toSrgb(image, icc);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Decodes an image this job wrote, in any of its output formats ({@link OutputFormat}), to 8-bit sRGB: for
   * the report's thumbnails. Inputs go through {@link #decode}, which accepts only PNG and JPEG.
   */
  public static BufferedImage decodeOutput(byte[] bytes, String name) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageDecodeException(name + ": no reader for this image format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return toSrgb(reader.read(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new ImageDecodeException(name + ": not a decodable image (" + e.getMessage() + ")", e);
    }
  }

  /** A JPEG at {@code quality} (0..1): for thumbnails, where size matters more than exactness. */
  public static byte[] encodeJpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(ios);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  public static byte[] encodePng(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
