package io.stylebatch.storage;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.ImageDecodeException;
import io.stylebatch.image.InputLimits;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Reads an input image within {@link InputLimits}, for a run and for {@code --validate} alike, with the same
 * checks and the same messages: the size before the download, the dimensions from the header before decoding.
 */
public final class InputImages {
  private InputImages() {}

  /** Reads {@code bytes} of an object, or throws an {@link InputException} naming the URI and the problem. */
  @FunctionalInterface
  private interface Read {
    byte[] bytes() throws IOException;
  }

  /**
   * @param column what the image is, for messages (e.g. {@code content_uri})
   * @throws InputException naming the column, the URI and the problem
   * @throws IOException when the store itself fails (worth a retry)
   */
  public static BufferedImage read(ObjectStore store, String column, String uri, InputLimits limits)
      throws IOException {
    try {
      return ImageCodec.decode(fetch(uri, () -> store.readAll(uri, limits.maxBytes())), uri, limits);
    } catch (InputException | ImageDecodeException e) {
      throw new InputException(column + " " + e.getMessage(), e);
    }
  }

  /**
   * The width and height of an input from its header only: a ranged read of {@code headerBytes}, the whole object
   * when its header lies beyond them (a JPEG whose metadata fills the first bytes).
   *
   * @throws InputException or {@link ImageDecodeException} naming the URI and the problem
   */
  public static int[] dimensions(ObjectStore store, String uri, InputLimits limits, int headerBytes)
      throws IOException {
    int[] dims;
    try {
      dims = ImageCodec.dimensions(fetch(uri, () -> store.readPrefix(uri, limits.maxBytes(), headerBytes)), uri);
    } catch (ImageDecodeException prefixTooShort) {
      dims = ImageCodec.dimensions(fetch(uri, () -> store.readAll(uri, limits.maxBytes())), uri);
    }
    String problem = limits.problemWith(dims[0], dims[1]).orElse(null);
    if (problem != null) {
      throw new InputException(uri + ": " + problem);
    }
    return dims;
  }

  private static byte[] fetch(String uri, Read read) throws IOException {
    try {
      return read.bytes();
    } catch (FileNotFoundException e) {
      throw new InputException(uri + ": object not found", e);
    } catch (ObjectTooLargeException e) {
      throw new InputException(e.getMessage() + " (" + InputLimits.MAX_BYTES.path() + ")", e);
    }
  }

  /** A problem with one input object; its message names the column and the URI. */
  public static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
      super(message);
    }

    public InputException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
