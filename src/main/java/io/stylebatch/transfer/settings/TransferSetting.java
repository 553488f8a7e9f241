package io.stylebatch.transfer.settings;

import io.stylebatch.image.OutputFormat;
import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The table of per-pair settings: each setting is declared here once, with its key (under
 * {@code stylebatch.transfer.}, or {@code stylebatch.output.} for how the image is written), its manifest column if a row may override it, how its value is parsed,
 * its range, and whether it changes the output image (and so enters {@link TransferSettings#fingerprint()}).
 * Defaults live only in {@code reference.conf}. The config loader, the manifest validator, the fingerprint
 * and the documentation test all read this table, so a new setting is one line here, one in
 * {@code reference.conf} and one in {@code conf/README.md}.
 *
 * @param <T> the value's Java type
 */
public final class TransferSetting<T> {
  private static final List<TransferSetting<?>> ALL = new ArrayList<>();

  public static final TransferSetting<Integer> IMAGE_SIZE =
      define("image-size", "image_size", SettingParsers.INT, intIn(16, 4096));
  public static final TransferSetting<Double> STYLE_SCALE =
      define("style-scale", "style_scale", SettingParsers.DOUBLE, v -> v > 0 && v <= 8 ? null : "must be in (0, 8]");
  public static final TransferSetting<Double> CONTENT_WEIGHT =
      define("content-weight", "content_weight", SettingParsers.DOUBLE, TransferSetting::nonNegative);
  public static final TransferSetting<Double> STYLE_WEIGHT =
      define("style-weight", "style_weight", SettingParsers.DOUBLE, TransferSetting::nonNegative);
  public static final TransferSetting<Double> TV_WEIGHT =
      define("tv-weight", "tv_weight", SettingParsers.DOUBLE, TransferSetting::nonNegative);
  public static final TransferSetting<List<Vgg19Layer>> CONTENT_LAYERS =
      define("content-layers", null, SettingParsers.LAYERS, v -> null);
  public static final TransferSetting<List<Vgg19Layer>> STYLE_LAYERS =
      define("style-layers", null, SettingParsers.LAYERS, v -> null);
  /** Empty means 1.0 for every style layer; see {@link TransferSettings#styleLayerWeights()}. */
  public static final TransferSetting<List<Double>> STYLE_LAYER_WEIGHTS = define("style-layer-weights", null,
      SettingParsers.DECIMALS, v -> v.stream().allMatch(w -> nonNegative(w) == null) ? null
          : "every entry must be a finite number >= 0");
  public static final TransferSetting<PoolingMode> POOLING =
      define("pooling", null, SettingParsers.enumOf(PoolingMode.class), v -> null);
  public static final TransferSetting<OptimizerKind> OPTIMIZER =
      define("optimizer", null, SettingParsers.enumOf(OptimizerKind.class), v -> null);
  /** A budget of loss/gradient evaluations, the unit the cost is proportional to. */
  public static final TransferSetting<Integer> ITERATIONS =
      define("iterations", "iterations", SettingParsers.INT, intIn(1, 100_000));
  public static final TransferSetting<Double> LEARNING_RATE = define("learning-rate", null, SettingParsers.DOUBLE,
      v -> v > 0 && Double.isFinite(v) ? null : "must be a finite number > 0");
  public static final TransferSetting<Integer> LBFGS_HISTORY =
      define("lbfgs-history", null, SettingParsers.INT, intIn(1, 100));
  public static final TransferSetting<InitMode> INIT =
      define("init", null, SettingParsers.enumOf(InitMode.class), v -> null);
  public static final TransferSetting<Double> NOISE_STDDEV =
      define("noise-stddev", null, SettingParsers.DOUBLE, TransferSetting::nonNegative);
  public static final TransferSetting<Long> SEED = define("seed", "seed", SettingParsers.LONG, v -> null);
  /** How often losses are logged; does not change the image, so it stays out of the fingerprint. */
  public static final TransferSetting<Integer> LOG_INTERVAL =
      define("log-interval", null, SettingParsers.INT, intIn(1, 100_000), false);
  public static final TransferSetting<Boolean> PRESERVE_COLORS =
      define("preserve-colors", null, SettingParsers.BOOLEAN, v -> null);
  /** Decay of the bias-corrected moving average of the iterates that becomes the image; 0 = off. */
  public static final TransferSetting<Double> ITERATE_AVERAGE = define("iterate-average", "iterate_average",
      SettingParsers.DOUBLE, v -> v >= 0 && v < 1 ? null : "must be in [0, 1)");
  /** Longest side of the first, coarsest scale of a coarse-to-fine run; 0 = one scale, at image-size. */
  public static final TransferSetting<Integer> SCALE_START = define("scale-start", "scale_start", SettingParsers.INT,
      v -> v == 0 || (v >= 16 && v <= 4096) ? null : "must be 0 (one scale) or in [16, 4096]");
  /** Each scale's size is the previous one's times this, until image-size is reached. */
  public static final TransferSetting<Double> SCALE_FACTOR = define("scale-factor", null, SettingParsers.DOUBLE,
      v -> v >= 1.1 && v <= 4 ? null : "must be in [1.1, 4]");
  /** Evaluations at the first scale; 0 = iterations. Every later scale gets iterations. */
  public static final TransferSetting<Integer> SCALE_START_ITERATIONS = define("scale-start-iterations",
      "scale_start_iterations", SettingParsers.INT, intIn(0, 100_000));
  /**
   * Interior side of the tiles an evaluation is split into; 0 = automatic (tiles only when the whole image
   * would not fit max-pair-memory). Tiling gives the same objective, so it stays out of the fingerprint.
   */
  public static final TransferSetting<Integer> TILE_SIZE =
      define("tile-size", null, SettingParsers.INT, intIn(0, 4096), false);

  /**
   * Format of the written image; per row as {@code output_format}. In the fingerprint: another format is
   * another file, so a rerun with another format recomputes the pair.
   */
  public static final TransferSetting<OutputFormat> OUTPUT_FORMAT = define("output", "format", "output_format",
      SettingParsers.enumOf(OutputFormat.class), v -> null, true);
  /** Quality of the lossy formats (JPEG, WebP), 1–100; per row as {@code output_quality}. */
  public static final TransferSetting<Integer> OUTPUT_QUALITY = define("output", "quality", "output_quality",
      SettingParsers.INT, intIn(1, 100), true);

  private final String section;
  private final String key;
  private final String column;
  private final Function<Object, T> parser;
  private final Function<T, String> check;
  private final boolean fingerprinted;
  private final int index;

  private TransferSetting(String section, String key, String column, Function<Object, T> parser,
      Function<T, String> check, boolean fingerprinted, int index) {
    this.section = section;
    this.key = key;
    this.column = column;
    this.parser = parser;
    this.check = check;
    this.fingerprinted = fingerprinted;
    this.index = index;
  }

  private static <T> TransferSetting<T> define(String key, String column, Function<Object, T> parser,
      Function<T, String> check) {
    return define(key, column, parser, check, true);
  }

  private static <T> TransferSetting<T> define(String key, String column, Function<Object, T> parser,
      Function<T, String> check, boolean fingerprinted) {
    return define("transfer", key, column, parser, check, fingerprinted);
  }

  private static <T> TransferSetting<T> define(String section, String key, String column,
      Function<Object, T> parser, Function<T, String> check, boolean fingerprinted) {
    TransferSetting<T> s = new TransferSetting<>(section, key, column, parser, check, fingerprinted, ALL.size());
    ALL.add(s);
    return s;
  }

  /** Every setting, in declaration order. */
  public static List<TransferSetting<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The setting a manifest column overrides, if it is one. */
  public static Optional<TransferSetting<?>> byColumn(String column) {
    return ALL.stream().filter(s -> column.equals(s.column)).findFirst();
  }

  /** The manifest columns that override settings, in declaration order. */
  public static List<String> overrideColumns() {
    return ALL.stream().filter(s -> s.column != null).map(s -> s.column).toList();
  }

  /** The key within its section, e.g. {@code image-size} (under {@code stylebatch.transfer.}). */
  public String key() {
    return key;
  }

  /** The full configuration path, e.g. {@code stylebatch.transfer.image-size} or {@code stylebatch.output.format}. */
  public String path() {
    return "stylebatch." + section + "." + key;
  }

  /** The manifest column that overrides this setting, or null if rows cannot override it. */
  public String column() {
    return column;
  }

  public boolean fingerprinted() {
    return fingerprinted;
  }

  int index() {
    return index;
  }

  /**
   * Converts a raw value (a string from a manifest cell or {@code --set}, or a parsed HOCON number,
   * boolean or list) and checks its range.
   *
   * @throws IllegalArgumentException saying what is wrong with the value (not naming the setting)
   */
  public T parse(Object raw) {
    T value = parser.apply(raw);
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem + ", got " + raw);
    }
    return value;
  }

  /** Why {@code value} is out of range, or null if it is fine. */
  String problem(Object value) {
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return check.apply(typed);
  }

  @Override
  public String toString() {
    return key;
  }

  private static Function<Integer, String> intIn(int min, int max) {
    return v -> v >= min && v <= max ? null : String.format(Locale.ROOT, "must be in [%d, %d]", min, max);
  }

  private static String nonNegative(double v) {
    return v >= 0 && Double.isFinite(v) ? null : "must be a finite number >= 0";
  }
}
