package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.transfer.settings.InvalidSettingsException;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code stylebatch.transfer.*} and {@code stylebatch.output.*} into {@link TransferSettings}, naming the
 * full key of any bad value.
 */
public final class TransferConfig {
  public static final String PREFIX = "stylebatch.transfer.";

  private TransferConfig() {}

  public static TransferSettings from(Config config) {
    Map<TransferSetting<?>, Object> raw = new HashMap<>();
    for (TransferSetting<?> s : TransferSetting.all()) {
      try {
        raw.put(s, config.getValue(s.path()).unwrapped());
      } catch (ConfigException e) {
        throw new ConfigurationException(e.getMessage(), e);
      }
    }
    try {
      return TransferSettings.parse(raw);
    } catch (InvalidSettingsException e) {
      throw new ConfigurationException(e.violations().stream()
          .map(v -> v.setting().path() + ": " + v.message()).collect(Collectors.joining("; ")), e);
    }
  }

  /** The defaults of {@code reference.conf}, the only place they are written. */
  public static TransferSettings defaults() {
    return from(ConfigLoader.load(null, java.util.List.of()));
  }
}
