package io.stylebatch.storage;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.InputLimits;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Reads an image object within {@link InputLimits}: the size is checked before the download, the pixel
 * count from the header before decoding, the shorter side after. Failures name the column and the URI.
 */
public final class InputImages {
  private InputImages() {}

  /**
   * @param column what the image is, for messages (e.g. {@code content_uri})
   * @throws InputException naming the column, the URI and the problem
   * @throws IOException when the store itself fails (worth a retry)
   */
  public static BufferedImage read(ObjectStore store, String column, String uri, InputLimits limits)
      throws IOException {
    byte[] bytes;
    try {
      bytes = store.readAll(uri, limits.maxBytes());
    } catch (FileNotFoundException e) {
      throw new InputException(column + " " + uri + ": object not found");
    } catch (ObjectTooLargeException e) {
      throw new InputException(column + " " + e.getMessage() + " (stylebatch.input.max-bytes)");
    }
    BufferedImage image = ImageCodec.decode(bytes, column + " " + uri, limits.maxPixels());
    if (Math.min(image.getWidth(), image.getHeight()) < limits.minSide()) {
      throw new InputException(column + " " + uri + ": image is " + image.getWidth() + "x" + image.getHeight()
          + " pixels; its shorter side must be at least " + limits.minSide() + " (stylebatch.input.min-side)");
    }
    return image;
  }

  /** A problem with one input object; its message names the column and the URI. */
  public static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
      super(message);
    }
  }
}
