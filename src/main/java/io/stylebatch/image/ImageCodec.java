package io.stylebatch.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    if (bytes.length == 0) {
      throw new ImageDecodeException(name + ": file is empty (0 bytes)");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(name + ": not a decodable image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new ImageDecodeException(name + ": not a PNG or JPEG image (no decoder recognised the "
          + bytes.length + " bytes)");
    }
    return ImageResizer.toRgb(image);
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
