package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Refuses configuration keys that {@code reference.conf} does not declare — in {@code --config} files as
 * in {@code --set} — so that a typo fails the run instead of being silently ignored, with the nearest
 * declared key as a suggestion. {@code stylebatch.spark.conf} is free-form (Spark's own keys).
 */
final class KnownKeys {
  static final String FREE_FORM = "stylebatch.spark.conf";

  private final Config reference;
  private final List<String> declared = new ArrayList<>();

  KnownKeys(Config reference) {
    this.reference = reference;
    declared.addAll(declaredPaths(reference));
  }

  /** Every leaf key of {@code config}, those set to null ("not set") included, unlike {@code entrySet()}. */
  static List<String> declaredPaths(Config config) {
    List<String> paths = new ArrayList<>();
    walk(config.root(), List.of(), paths);
    return paths;
  }

  private static void walk(ConfigObject object, List<String> prefix, List<String> paths) {
    object.forEach((key, value) -> {
      List<String> keys = new ArrayList<>(prefix);
      keys.add(key);
      if (value instanceof ConfigObject child && !child.isEmpty()) {
        walk(child, keys, paths);
      } else {
        paths.add(ConfigUtil.joinPath(keys));
      }
    });
  }

  /** Every key of {@code layer} that is not declared, each as "key (did you mean ...?)". */
  List<String> unknownIn(ConfigObject layer) {
    List<String> unknown = new ArrayList<>();
    collect(layer, List.of(), unknown);
    return unknown;
  }

  /** The key itself if it is declared (or free-form), else empty. */
  Optional<String> problemWith(String path) {
    if (isFreeForm(path) || reference.hasPathOrNull(path)) {
      return Optional.empty();
    }
    return Optional.of(describe(path));
  }

  private void collect(ConfigObject object, List<String> prefix, List<String> unknown) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> keys = new ArrayList<>(prefix);
      keys.add(e.getKey());
      String path = ConfigUtil.joinPath(keys);
      if (isFreeForm(path)) {
        continue;
      }
      if (!reference.hasPathOrNull(path)) {
        unknown.add(describe(path));
      } else if (e.getValue() instanceof ConfigObject child
          && reference.getValue(path).valueType() == ConfigValueType.OBJECT) {
        collect(child, keys, unknown);
      }
    }
  }

  private static boolean isFreeForm(String path) {
    return path.equals(FREE_FORM) || path.startsWith(FREE_FORM + ".");
  }

  private String describe(String path) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    return declared.stream().min(Comparator.comparingInt(d -> distance.apply(d, path)))
        .filter(best -> distance.apply(best, path) <= Math.max(2, path.length() / 6))
        .map(best -> path + " (did you mean " + best + "?)").orElse(path);
  }
}
