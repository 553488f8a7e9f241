package io.stylebatch.image;

import io.stylebatch.config.LoadedConfig;
import io.stylebatch.config.Setting;
import java.io.Serializable;
import java.util.Optional;

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

  /** Limits that refuse nothing, for images the product made itself. */
  public static InputLimits none() {
    return new InputLimits(Long.MAX_VALUE, Long.MAX_VALUE, 1);
  }

  /**
   * What is wrong with an image of these dimensions (from its header), in the words a run and {@code --validate}
   * share; empty when it is within the limits.
   */
  public Optional<String> problemWith(long width, long height) {
    if (width * height > maxPixels) {
      return Optional.of("image is " + width + "x" + height + " = " + width * height + " pixels, over the limit of "
          + maxPixels + " (" + MAX_PIXELS.path() + ")");
    }
    if (Math.min(width, height) < minSide) {
      return Optional.of("image is " + width + "x" + height + " pixels; its shorter side must be at least "
          + minSide + " (" + MIN_SIDE.path() + ")");
    }
    return Optional.empty();
  }

  public static InputLimits from(LoadedConfig config) {
    return new InputLimits(config.get(MAX_BYTES), config.get(MAX_PIXELS), config.get(MIN_SIDE));
  }
}
