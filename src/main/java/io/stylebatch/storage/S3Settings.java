package io.stylebatch.storage;

import io.stylebatch.config.LoadedConfig;
import io.stylebatch.config.Setting;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code stylebatch.s3.*}: the S3A settings users need, as plain configuration. A key that is not set
 * ({@code null} in reference.conf) leaves the cluster's own {@code fs.s3a.*} value (core-site.xml,
 * {@code spark.hadoop.fs.s3a.*}) in force; only keys given in a profile, a {@code --config} file or a
 * {@code --set} are applied. Holds no credentials; those stay with Hadoop's providers or the environment.
 *
 * @param explicit the Hadoop settings the configuration sets, by Hadoop key
 * @param committer the committer of the Parquet tables on s3a:// (the product's choice: magic by default)
 */
public record S3Settings(Map<String, String> explicit, String committer) implements Serializable {

  /** Spark's cloud committer protocol (spark-hadoop-cloud); used only when on the classpath. */
  public static final String CLOUD_COMMIT_PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
  public static final String CLOUD_PARQUET_COMMITTER =
      "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";

  /** One {@code stylebatch.s3} key and the Hadoop key it sets, with the value as Hadoop wants it written. */
  private record HadoopKey<T>(Setting<T> setting, String hadoopKey, Function<T, String> written) {
    static HadoopKey<String> text(String key, String hadoopKey) {
      return new HadoopKey<>(Setting.text(PREFIX + key), hadoopKey, v -> v);
    }

    static HadoopKey<Boolean> flag(String key, String hadoopKey) {
      return new HadoopKey<>(Setting.flag(PREFIX + key), hadoopKey, String::valueOf);
    }

    static HadoopKey<Integer> count(String key, String hadoopKey) {
      return new HadoopKey<>(Setting.integer(PREFIX + key).must(v -> v >= 0, "must be >= 0"), hadoopKey,
          String::valueOf);
    }

    /** A duration; Hadoop reads "123ms", except where {@code plainMillis} (fs.s3a.connection.establish.timeout). */
    static HadoopKey<Duration> duration(String key, String hadoopKey, boolean plainMillis) {
      return new HadoopKey<>(Setting.duration(PREFIX + key).must(v -> !v.isNegative(), "must be >= 0"), hadoopKey,
          v -> v.toMillis() + (plainMillis ? "" : "ms"));
    }

    void put(LoadedConfig config, Map<String, String> into) {
      config.find(setting).map(written).filter(v -> !v.isEmpty()).ifPresent(v -> into.put(hadoopKey, v));
    }
  }

  private static final String PREFIX = "stylebatch.s3.";

  /** The table of keys: each written once, with its Hadoop key and how its value is written. */
  private static final List<HadoopKey<?>> KEYS = List.of(
      HadoopKey.text("endpoint", "fs.s3a.endpoint"),
      HadoopKey.text("region", "fs.s3a.endpoint.region"),
      HadoopKey.flag("path-style-access", "fs.s3a.path.style.access"),
      HadoopKey.flag("ssl-enabled", "fs.s3a.connection.ssl.enabled"),
      HadoopKey.text("credentials-provider", "fs.s3a.aws.credentials.provider"),
      HadoopKey.count("retry.attempts", "fs.s3a.attempts.maximum"),
      HadoopKey.count("retry.limit", "fs.s3a.retry.limit"),
      HadoopKey.duration("retry.interval", "fs.s3a.retry.interval", false),
      HadoopKey.count("retry.throttle-limit", "fs.s3a.retry.throttle.limit"),
      HadoopKey.duration("retry.throttle-interval", "fs.s3a.retry.throttle.interval", false),
      HadoopKey.duration("retry.connect-timeout", "fs.s3a.connection.establish.timeout", true));

  public static final Setting<String> COMMITTER = Setting.text(PREFIX + "committer")
      .map(v -> v.toLowerCase(Locale.ROOT))
      .must(v -> v.equals("magic") || v.equals("directory") || v.equals("file"), "must be magic, directory or file");

  public S3Settings {
    explicit = Collections.unmodifiableMap(new TreeMap<>(explicit));
    COMMITTER.require(committer);
  }

  /** Every key of {@code stylebatch.s3}, for the documentation tests. */
  public static List<Setting<?>> settings() {
    List<Setting<?>> all = new java.util.ArrayList<>(KEYS.stream().<Setting<?>>map(HadoopKey::setting).toList());
    all.add(COMMITTER);
    return all;
  }

  public static S3Settings from(LoadedConfig config) {
    Map<String, String> explicit = new LinkedHashMap<>();
    KEYS.forEach(key -> key.put(config, explicit));
    return new S3Settings(explicit, config.get(COMMITTER));
  }

  /** The Hadoop {@code fs.s3a.*} entries these settings stand for: the explicit ones and the committer's. */
  public Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>(explicit);
    if (!committer.equals("file")) {
      m.put("fs.s3a.committer.name", committer);
      m.put("fs.s3a.committer.magic.enabled", "true");
    }
    return m;
  }

  public void applyTo(Configuration conf) {
    hadoopSettings().forEach(conf::set);
  }

  /** Whether Spark's cloud commit protocol is on the classpath (spark-hadoop-cloud). */
  public static boolean cloudCommitterAvailable() {
    try {
      Class.forName(CLOUD_COMMIT_PROTOCOL);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
