package io.stylebatch.config;

/** Invalid arguments or configuration; the job exits with code 2 before computing anything. */
public class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
