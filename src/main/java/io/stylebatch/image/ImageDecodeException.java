package io.stylebatch.image;

/** An input file that is not a usable image; its message names the file and the reason. */
public class ImageDecodeException extends RuntimeException {
  public ImageDecodeException(String message) {
    super(message);
  }

  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
