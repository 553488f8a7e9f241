package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The effective configuration as text for {@code --print-config}: every {@code stylebatch.*} key with its
 * value and where the value came from (reference.conf, a --config file and line, a --set, the
 * environment). Values of keys that look like secrets are masked, so the output can go into a ticket.
 */
final class EffectiveConfig {
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|passwd|token|access[._-]?key|"
      + "session[._-]?key|credential(?!s[._-]?provider)");

  private EffectiveConfig() {}

  static String render(Config config) {
    Map<String, ConfigValue> sorted = new TreeMap<>();
    config.getConfig("stylebatch").atKey("stylebatch").entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    StringBuilder out = new StringBuilder();
    sorted.forEach((key, value) -> out.append(key).append(" = ")
        .append(isSecret(key) ? "\"***\"" : io.stylebatch.config.Uris.redactText(
            value.render(ConfigRenderOptions.concise())))
        .append("   # ").append(origin(value)).append('\n'));
    return out.toString();
  }

  static boolean isSecret(String key) {
    return SECRET.matcher(key).find();
  }

  private static String origin(ConfigValue value) {
    String description = value.origin().description();
    return description.contains("reference.conf") ? "default (reference.conf)" : description;
  }
}
