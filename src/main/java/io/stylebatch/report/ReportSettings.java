package io.stylebatch.report;

import io.stylebatch.config.LoadedConfig;
import io.stylebatch.config.Setting;
import java.io.Serializable;

/** {@code stylebatch.report.*}. */
public record ReportSettings(boolean enabled, int thumbnailSize, int maxDetailedPairs) implements Serializable {
  public static final Setting<Boolean> ENABLED = Setting.flag("stylebatch.report.enabled");
  public static final Setting<Integer> THUMBNAIL_SIZE = Setting.integer("stylebatch.report.thumbnail-size")
      .must(v -> v >= 16 && v <= 1024, "must be in [16, 1024]");
  public static final Setting<Integer> MAX_DETAILED_PAIRS = Setting.integer("stylebatch.report.max-detailed-pairs")
      .must(v -> v >= 0, "must be >= 0");

  public ReportSettings {
    THUMBNAIL_SIZE.require(thumbnailSize);
    MAX_DETAILED_PAIRS.require(maxDetailedPairs);
  }

  public static ReportSettings from(LoadedConfig config) {
    return new ReportSettings(config.get(ENABLED), config.get(THUMBNAIL_SIZE), config.get(MAX_DETAILED_PAIRS));
  }
}
