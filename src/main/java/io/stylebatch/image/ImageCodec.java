package io.stylebatch.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageIO;

/** Decoding of PNG/JPEG bytes to RGB and encoding of results as PNG (lossless, deterministic). */
public final class ImageCodec {
  private ImageCodec() {}

  /**
   * Decodes an image; {@code name} only labels errors.
   *
   * @throws ImageDecodeException when the bytes are empty or not a decodable image
   */
  public static BufferedImage decode(byte[] bytes, String name) {
    return decode(bytes, name, Long.MAX_VALUE);
  }

  /**
   * Decodes an image after checking, from its header alone, that it has at most {@code maxPixels}
   * pixels, so a small file declaring huge dimensions is refused before any large allocation.
   */
  public static BufferedImage decode(byte[] bytes, String name, long maxPixels) {
    if (bytes.length == 0) {
      throw new ImageDecodeException(name + ": file is empty (0 bytes)");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageDecodeException(name + ": not a PNG or JPEG image (no decoder recognised the "
            + bytes.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > maxPixels) {
          throw new ImageDecodeException(name + ": image is " + w + "x" + h + " = " + (w * h)
              + " pixels, over the limit of " + maxPixels + " (stylebatch.input.max-pixels)");
        }
        BufferedImage image = reader.read(0);
        return ImageResizer.toRgb(image);
      } finally {
        reader.dispose();
      }
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name + ": not a decodable " + "image (" + e.getMessage() + ")", e);
    }
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
