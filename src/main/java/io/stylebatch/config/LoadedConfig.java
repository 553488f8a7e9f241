package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The effective configuration of one run, as {@link ConfigLoader} built it. Other packages read it only through
 * their declared {@link Setting}s (or, for the transfer table, the raw value of a declared key), so Typesafe
 * Config stays inside this package; it lives on the driver and is never shipped.
 */
public final class LoadedConfig {
  private static final String SPARK_CONF = "stylebatch.spark.conf";

  private final Config config;

  LoadedConfig(Config config) {
    this.config = config;
  }

  /** The setting's value, checked against its rules. */
  public <T> T get(Setting<T> setting) {
    return setting.read(config);
  }

  /** The setting's value, or empty where it is {@code null} ("not set": leave the cluster's own value). */
  public <T> Optional<T> find(Setting<T> setting) {
    try {
      return config.getIsNull(setting.path()) ? Optional.empty() : Optional.of(setting.read(config));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** The value at {@code path} as plain Java (string, number, boolean, list), for tables with parsers of their own. */
  public Object unwrapped(String path) {
    try {
      return config.getValue(path).unwrapped();
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** {@code stylebatch.spark.conf} as Spark properties. */
  public Map<String, String> sparkProperties() {
    Map<String, String> props = new TreeMap<>();
    // A Spark key given whole ("spark.x.y") and one given as nested objects (spark.x.y) name the same property.
    config.getConfig(SPARK_CONF).entrySet().forEach(e -> props.put(
        String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(e.getValue().unwrapped())));
    return props;
  }

  /** Every {@code stylebatch.*} key with its value and origin, secrets masked ({@code --print-config}). */
  public String render() {
    return EffectiveConfig.render(config);
  }
}
