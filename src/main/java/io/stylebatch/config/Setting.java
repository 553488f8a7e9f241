package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One configuration key, declared next to the settings record that uses it: its full path, how its value is
 * read and the rule the value must meet. Packages declare their keys as tables of these constants, so a key,
 * its type and its range are written once; this package alone reads Typesafe Config. The rule is applied when
 * the value is read and when a settings record is built from values ({@link #require}), with the same message.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  /** How a value is read from the loaded configuration. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Config config, String path);
  }

  /** One rule and what it asks, in words that complete "KEY ..., got VALUE". */
  private record Rule<T>(Predicate<T> test, String requirement) {}

  private final String path;
  private final Reader<T> reader;
  private final List<Rule<T>> rules;

  private Setting(String path, Reader<T> reader, List<Rule<T>> rules) {
    this.path = path;
    this.reader = reader;
    this.rules = List.copyOf(rules);
  }

  private static <T> Setting<T> of(String path, Reader<T> reader) {
    return new Setting<>(path, reader, List.of());
  }

  public static Setting<String> text(String path) {
    return of(path, (c, p) -> c.getString(p).trim());
  }

  /** A size with an optional unit ({@code 8g}, {@code 512m}, plain bytes). */
  public static Setting<Long> bytes(String path) {
    return of(path, Config::getBytes);
  }

  public static Setting<Integer> integer(String path) {
    return of(path, Config::getInt);
  }

  public static Setting<Long> count(String path) {
    return of(path, Config::getLong);
  }

  public static Setting<Double> decimal(String path) {
    return of(path, Config::getDouble);
  }

  public static Setting<Boolean> flag(String path) {
    return of(path, Config::getBoolean);
  }

  public static Setting<Duration> duration(String path) {
    return of(path, Config::getDuration);
  }

  /** This setting with one more rule; {@code requirement} completes "KEY ..., got VALUE" ("must be >= 0"). */
  public Setting<T> must(Predicate<T> test, String requirement) {
    List<Rule<T>> more = new ArrayList<>(rules);
    more.add(new Rule<>(test, requirement));
    return new Setting<>(path, reader, more);
  }

  /** This setting with its value normalized before the rules see it (trimmed, lower-cased). */
  public Setting<T> map(java.util.function.UnaryOperator<T> normalize) {
    Reader<T> before = reader;
    return new Setting<>(path, (c, p) -> normalize.apply(before.read(c, p)), rules);
  }

  /** The full key, as users write it. */
  public String path() {
    return path;
  }

  /** {@code value} if it meets the rule; else a {@link ConfigurationException} naming the key. */
  public T require(T value) {
    for (Rule<T> rule : rules) {
      if (!rule.test().test(value)) {
        throw new ConfigurationException(path + " " + rule.requirement() + ", got " + value);
      }
    }
    return value;
  }

  T read(Config config) {
    try {
      return require(reader.read(config, path));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
