package io.stylebatch.image;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.config.ConfigurationException;
import java.io.Serializable;

/**
 * {@code stylebatch.input.*}: how large an input object and its decoded image may be, and how small its
 * shorter side. Every image the product decodes — pair inputs on executors, thumbnails for the report on
 * the driver — goes through these limits.
 */
public record InputLimits(long maxBytes, long maxPixels, int minSide) implements Serializable {
  public InputLimits {
    if (maxBytes < 1 || maxPixels < 1 || minSide < 1) {
      throw new ConfigurationException("stylebatch.input.max-bytes, max-pixels and min-side must be positive");
    }
  }

  public static InputLimits from(Config config) {
    try {
      // Full paths, so that an error names the whole key.
      return new InputLimits(config.getBytes("stylebatch.input.max-bytes"),
          config.getLong("stylebatch.input.max-pixels"), config.getInt("stylebatch.input.min-side"));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
