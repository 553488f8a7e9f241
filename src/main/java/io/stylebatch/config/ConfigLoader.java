package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.util.List;

/**
 * Builds the effective configuration: {@code --set} overrides, over an optional {@code --config}
 * file, over {@code reference.conf}. Keys of the file and of the overrides are checked against
 * reference.conf so that a typo fails loudly instead of being ignored.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param configFile optional file layered over the defaults (null for none)
   * @param overrides {@code key=value} strings; values use HOCON syntax ({@code [a, b]} for lists)
   * @throws ConfigurationException naming the bad file, key or value
   */
  public static LoadedConfig load(File configFile, List<String> overrides) {
    return load(configFile, configFile == null ? null : configFile.toString(), overrides);
  }

  /**
   * As {@link #load(File, List)}, with the file named {@code source} in messages (the URI it was fetched
   * from when it is a local copy of a remote object).
   */
  public static LoadedConfig load(File configFile, String source, List<String> overrides) {
    Config reference = ConfigFactory.defaultReference();
    Config config = reference;
    KnownKeys known = new KnownKeys(reference);
    if (configFile != null) {
      if (!configFile.isFile()) {
        throw new ConfigurationException("config file " + source + " does not exist");
      }
      Config file;
      try {
        file = ConfigFactory.parseFile(configFile, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        throw new ConfigurationException("config file " + source + ": " + e.getMessage(), e);
      }
      List<String> unknown = known.unknownIn(file.root());
      if (!unknown.isEmpty()) {
        throw new ConfigurationException("config file " + source + ": unknown key"
            + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + " (see conf/README.md)");
      }
      config = file.withFallback(config);
    }
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigurationException("--set expects key=value, got '" + override + "'");
      }
      String key = override.substring(0, eq).trim();
      String value = override.substring(eq + 1).trim();
      known.problemWith(key).ifPresent(problem -> {
        throw new ConfigurationException("--set " + problem + ": unknown configuration key (see conf/README.md)");
      });
      try {
        config = ConfigFactory.parseString(quoteKey(key) + " = " + valueLiteral(value),
            ConfigParseOptions.defaults().setOriginDescription("--set " + key)).withFallback(config);
      } catch (ConfigException e) {
        throw new ConfigurationException("--set " + override + ": " + e.getMessage(), e);
      }
    }
    try {
      return new LoadedConfig(config.resolve());
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * The key as a HOCON path: split as HOCON splits paths (a quoted element such as {@code "spark.x.y"} stays
   * one element, so Spark keys can be given whole), then every element quoted.
   */
  private static String quoteKey(String key) {
    try {
      return com.typesafe.config.ConfigUtil.joinPath(com.typesafe.config.ConfigUtil.splitPath(key));
    } catch (ConfigException e) {
      throw new ConfigurationException("--set " + key + ": not a valid key (" + e.getMessage() + ")", e);
    }
  }

  /** Lists, objects and quoted strings pass through; anything else is taken as a quoted string/number. */
  private static String valueLiteral(String value) {
    if (value.startsWith("[") || value.startsWith("{") || value.startsWith("\"")) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
