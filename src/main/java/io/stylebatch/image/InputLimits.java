package io.stylebatch.image;

import io.stylebatch.config.LoadedConfig;
import io.stylebatch.config.Setting;
import java.io.Serializable;

/**
 * {@code stylebatch.input.*}: how large an input object and its decoded image may be, and how small its
 * shorter side. Every image the product decodes — pair inputs on executors, thumbnails for the report on
 * the driver — goes through these limits.
 */
public record InputLimits(long maxBytes, long maxPixels, int minSide) implements Serializable {
  public static final Setting<Long> MAX_BYTES =
      Setting.bytes("stylebatch.input.max-bytes").must(v -> v >= 1, "must be positive");
  public static final Setting<Long> MAX_PIXELS =
      Setting.count("stylebatch.input.max-pixels").must(v -> v >= 1, "must be positive");
  public static final Setting<Integer> MIN_SIDE =
      Setting.integer("stylebatch.input.min-side").must(v -> v >= 1, "must be positive");

  public InputLimits {
    MAX_BYTES.require(maxBytes);
    MAX_PIXELS.require(maxPixels);
    MIN_SIDE.require(minSide);
  }

  public static InputLimits from(LoadedConfig config) {
    return new InputLimits(config.get(MAX_BYTES), config.get(MAX_PIXELS), config.get(MIN_SIDE));
  }
}
