package io.stylebatch.model;

/** A weight file that is unreadable, incomplete or of the wrong architecture. */
public class WeightsFileException extends RuntimeException {
  public WeightsFileException(String message) {
    super(message);
  }

  public WeightsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
