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
      Config c = config.getConfig("stylebatch.report");
      return new ReportSettings(c.getBoolean("enabled"), c.getInt("thumbnail-size"), c.getInt("max-detailed-pairs"));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
