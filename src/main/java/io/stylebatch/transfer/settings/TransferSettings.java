package io.stylebatch.transfer.settings;

import io.stylebatch.config.ConfigLoader;
import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.LoadedConfig;
import io.stylebatch.model.Vgg19Layer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every setting of one style-transfer optimization ({@link TransferSetting} lists them), validated once and
 * immutable, so that it can be shipped to Spark executors and compared between runs ({@link #fingerprint()}).
 * Built from the configuration (defaults in {@code reference.conf}) and, per pair, with a manifest row's
 * overrides applied by {@link #with}.
 */
public final class TransferSettings implements Serializable {
  private static final long serialVersionUID = 2L;

  private final Object[] values;

  private TransferSettings(Object[] values) {
    this.values = values;
    List<SettingViolation> violations = new ArrayList<>();
    for (TransferSetting<?> s : TransferSetting.all()) {
      Object v = values[s.index()];
      String problem = v == null ? "has no value" : s.problem(v);
      if (problem != null) {
        violations.add(new SettingViolation(s, v, v == null ? problem : problem + ", got " + v));
      }
    }
    if (violations.isEmpty()) {
      jointRules(violations);
    }
    if (!violations.isEmpty()) {
      throw new InvalidSettingsException(violations);
    }
  }

  private void jointRules(List<SettingViolation> violations) {
    if (get(TransferSetting.CONTENT_LAYERS).isEmpty() && get(TransferSetting.STYLE_LAYERS).isEmpty()) {
      violations.add(new SettingViolation(TransferSetting.STYLE_LAYERS, List.of(),
          "at least one content or style layer is required"));
    }
    List<Double> weights = get(TransferSetting.STYLE_LAYER_WEIGHTS);
    int layers = get(TransferSetting.STYLE_LAYERS).size();
    if (!weights.isEmpty() && weights.size() != layers) {
      violations.add(new SettingViolation(TransferSetting.STYLE_LAYER_WEIGHTS, weights, "has " + weights.size()
          + " entries but style-layers has " + layers));
    }
  }

  /**
   * Reads {@code stylebatch.transfer.*} and {@code stylebatch.output.*} (every key of the table), naming the full key
   * of any bad value.
   */
  public static TransferSettings from(LoadedConfig config) {
    Map<TransferSetting<?>, Object> raw = new HashMap<>();
    for (TransferSetting<?> s : TransferSetting.all()) {
      raw.put(s, config.unwrapped(s.path()));
    }
    try {
      return parse(raw);
    } catch (InvalidSettingsException e) {
      throw new ConfigurationException(e.violations().stream()
          .map(v -> v.setting().path() + ": " + v.message()).collect(Collectors.joining("; ")), e);
    }
  }

  /** The defaults of {@code reference.conf}, the only place they are written. */
  public static TransferSettings defaults() {
    return from(ConfigLoader.load(null, List.of()));
  }

  /**
   * Settings from raw values (strings or parsed HOCON values) for every setting of the table.
   *
   * @throws InvalidSettingsException listing every value that does not parse or is out of range
   */
  public static TransferSettings parse(Map<TransferSetting<?>, Object> raw) {
    Object[] values = new Object[TransferSetting.all().size()];
    List<SettingViolation> violations = new ArrayList<>();
    for (TransferSetting<?> s : TransferSetting.all()) {
      Object r = raw.get(s);
      try {
        values[s.index()] = r == null ? null : s.parse(r);
      } catch (IllegalArgumentException e) {
        violations.add(new SettingViolation(s, r, e.getMessage()));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidSettingsException(violations);
    }
    return new TransferSettings(values);
  }

  public <T> T get(TransferSetting<T> setting) {
    @SuppressWarnings("unchecked")
    T v = (T) values[setting.index()];
    return v;
  }

  /** These settings with one value replaced (validated). */
  public <T> TransferSettings with(TransferSetting<T> setting, T value) {
    return with(Collections.singletonMap(setting, value));
  }

  /** These settings with several values replaced at once (validated together). */
  public TransferSettings with(Map<TransferSetting<?>, ?> changes) {
    Object[] copy = values.clone();
    changes.forEach((s, v) -> copy[s.index()] = v);
    return new TransferSettings(copy);
  }

  public int imageSize() {
    return get(TransferSetting.IMAGE_SIZE);
  }

  public int iterations() {
    return get(TransferSetting.ITERATIONS);
  }

  /** Longest side of the style image as the network sees it: image size times style scale. */
  public int styleSize() {
    return Math.max(16, (int) Math.round(imageSize() * get(TransferSetting.STYLE_SCALE)));
  }

  /** The weight of each style layer: as configured, or 1.0 for each when none are configured. */
  public List<Double> styleLayerWeights() {
    List<Double> w = get(TransferSetting.STYLE_LAYER_WEIGHTS);
    return w.isEmpty() ? Collections.nCopies(get(TransferSetting.STYLE_LAYERS).size(), 1.0) : w;
  }

  /** The deepest layer any loss needs; the network is built only this deep. */
  public Vgg19Layer deepestLayer() {
    List<Vgg19Layer> all = new ArrayList<>(get(TransferSetting.CONTENT_LAYERS));
    all.addAll(get(TransferSetting.STYLE_LAYERS));
    return all.stream().max(Enum::compareTo).orElseThrow();
  }

  /**
   * A canonical text of every setting that affects the output image. Two runs with equal fingerprints
   * (and equal inputs and weights) produce the same image, which is what lets a re-run skip a pair.
   */
  public String fingerprint() {
    return TransferSetting.all().stream().filter(TransferSetting::fingerprinted)
        .map(s -> s.key() + "=" + canonical(values[s.index()])).collect(Collectors.joining(";"));
  }

  private static String canonical(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(TransferSettings::canonical).collect(Collectors.joining(",", "[", "]"));
    }
    return v instanceof Vgg19Layer layer ? layer.featureName() : String.valueOf(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransferSettings t && Arrays.equals(t.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TransferSettings{" + fingerprint() + ";log-interval=" + get(TransferSetting.LOG_INTERVAL) + "}";
  }
}
