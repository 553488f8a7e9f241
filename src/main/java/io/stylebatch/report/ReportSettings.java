package io.stylebatch.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.config.ConfigurationException;
import java.io.Serializable;

/** {@code stylebatch.report.*}. */
public record ReportSettings(boolean enabled, int thumbnailSize, int maxDetailedPairs) implements Serializable {
  public ReportSettings {
    if (thumbnailSize < 16 || thumbnailSize > 1024 || maxDetailedPairs < 0) {
      throw new ConfigurationException("stylebatch.report: thumbnail-size must be in [16, 1024] and "
          + "max-detailed-pairs >= 0");
    }
  }

  public static ReportSettings from(Config config) {
    try {
      // Full paths, so that an error names the whole key.
      return new ReportSettings(config.getBoolean("stylebatch.report.enabled"),
          config.getInt("stylebatch.report.thumbnail-size"), config.getInt("stylebatch.report.max-detailed-pairs"));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
