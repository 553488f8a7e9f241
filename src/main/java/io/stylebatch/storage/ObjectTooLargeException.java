package io.stylebatch.storage;

import java.io.IOException;

/** An object over the configured size limit; refused before it is read. */
public class ObjectTooLargeException extends IOException {
  public ObjectTooLargeException(String message) {
    super(message);
  }
}
