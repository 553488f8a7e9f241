package io.stylebatch.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.config.ConfigurationException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /** How a value is written for Hadoop; fs.s3a.connection.establish.timeout takes plain milliseconds. */
  private enum Kind { TEXT, BOOLEAN, COUNT, DURATION, PLAIN_MILLIS }

  /** stylebatch.s3 key, Hadoop key, value kind. */
  private static final String[][] KEYS = {
      {"endpoint", "fs.s3a.endpoint", "TEXT"},
      {"region", "fs.s3a.endpoint.region", "TEXT"},
      {"path-style-access", "fs.s3a.path.style.access", "BOOLEAN"},
      {"ssl-enabled", "fs.s3a.connection.ssl.enabled", "BOOLEAN"},
      {"credentials-provider", "fs.s3a.aws.credentials.provider", "TEXT"},
      {"retry.attempts", "fs.s3a.attempts.maximum", "COUNT"},
      {"retry.limit", "fs.s3a.retry.limit", "COUNT"},
      {"retry.interval", "fs.s3a.retry.interval", "DURATION"},
      {"retry.throttle-limit", "fs.s3a.retry.throttle.limit", "COUNT"},
      {"retry.throttle-interval", "fs.s3a.retry.throttle.interval", "DURATION"},
      {"retry.connect-timeout", "fs.s3a.connection.establish.timeout", "PLAIN_MILLIS"},
  };

  public S3Settings {
    explicit = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(explicit));
    if (!(committer.equals("magic") || committer.equals("directory") || committer.equals("file"))) {
      throw new ConfigurationException("stylebatch.s3.committer must be magic, directory or file, got '"
          + committer + "'");
    }
  }

  public static S3Settings from(Config config) {
    String p = "stylebatch.s3.";
    Map<String, String> explicit = new LinkedHashMap<>();
    try {
      for (String[] k : KEYS) {
        String path = p + k[0];
        if (config.getIsNull(path)) {
          continue;
        }
        String value = switch (Kind.valueOf(k[2])) {
          case TEXT -> config.getString(path).trim();
          case BOOLEAN -> Boolean.toString(config.getBoolean(path));
          case COUNT -> Integer.toString(nonNegative(path, config.getInt(path)));
          case DURATION -> nonNegative(path, config.getDuration(path, TimeUnit.MILLISECONDS)) + "ms";
          case PLAIN_MILLIS -> Long.toString(nonNegative(path, config.getDuration(path, TimeUnit.MILLISECONDS)));
        };
        if (!value.isEmpty()) {
          explicit.put(k[1], value);
        }
      }
      return new S3Settings(explicit, config.getString(p + "committer").trim().toLowerCase(Locale.ROOT));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static <N extends Number> N nonNegative(String path, N n) {
    if (n.longValue() < 0) {
      throw new ConfigurationException(path + " must be >= 0, got " + n);
    }
    return n;
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
