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
 * {@code stylebatch.s3.*}: the S3A settings users need, as plain configuration. Holds no credentials;
 * those stay with Hadoop's credential providers or the environment.
 */
public record S3Settings(String endpoint, String region, boolean pathStyleAccess, boolean sslEnabled,
    String credentialsProvider, String committer, int retryAttempts, int retryLimit, long retryIntervalMs,
    long connectTimeoutMs) implements Serializable {

  /** Spark's cloud committer protocol (spark-hadoop-cloud); used only when on the classpath. */
  public static final String CLOUD_COMMIT_PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
  public static final String CLOUD_PARQUET_COMMITTER =
      "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";

  public S3Settings {
    if (!(committer.equals("magic") || committer.equals("directory") || committer.equals("file"))) {
      throw new ConfigurationException("stylebatch.s3.committer must be magic, directory or file, got '"
          + committer + "'");
    }
    if (retryAttempts < 1 || retryLimit < 0 || retryIntervalMs < 0 || connectTimeoutMs < 1) {
      throw new ConfigurationException("stylebatch.s3.retry.*: attempts >= 1, limit >= 0, interval >= 0 and "
          + "connect-timeout > 0 are required");
    }
  }

  public static S3Settings from(Config config) {
    try {
      // Full paths, so that an error names the whole key.
      String p = "stylebatch.s3.";
      return new S3Settings(config.getString(p + "endpoint").trim(), config.getString(p + "region").trim(),
          config.getBoolean(p + "path-style-access"), config.getBoolean(p + "ssl-enabled"),
          config.getString(p + "credentials-provider").trim(),
          config.getString(p + "committer").trim().toLowerCase(Locale.ROOT), config.getInt(p + "retry.attempts"),
          config.getInt(p + "retry.limit"), config.getDuration(p + "retry.interval", TimeUnit.MILLISECONDS),
          config.getDuration(p + "retry.connect-timeout", TimeUnit.MILLISECONDS));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** The Hadoop {@code fs.s3a.*} entries these settings stand for. */
  public Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    if (!endpoint.isEmpty()) {
      m.put("fs.s3a.endpoint", endpoint);
    }
    if (!region.isEmpty()) {
      m.put("fs.s3a.endpoint.region", region);
    }
    m.put("fs.s3a.path.style.access", Boolean.toString(pathStyleAccess));
    m.put("fs.s3a.connection.ssl.enabled", Boolean.toString(sslEnabled));
    if (!credentialsProvider.isEmpty()) {
      m.put("fs.s3a.aws.credentials.provider", credentialsProvider);
    }
    m.put("fs.s3a.attempts.maximum", Integer.toString(retryAttempts));
    m.put("fs.s3a.retry.limit", Integer.toString(retryLimit));
    m.put("fs.s3a.retry.interval", retryIntervalMs + "ms");
    m.put("fs.s3a.retry.throttle.limit", Integer.toString(retryLimit));
    m.put("fs.s3a.retry.throttle.interval", retryIntervalMs + "ms");
    m.put("fs.s3a.connection.establish.timeout", Long.toString(connectTimeoutMs));
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
