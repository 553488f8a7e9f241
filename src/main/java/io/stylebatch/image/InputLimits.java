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
      Config c = config.getConfig("stylebatch.input");
      return new InputLimits(c.getBytes("max-bytes"), c.getLong("max-pixels"), c.getInt("min-side"));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
