package io.stylebatch.job.executor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.TransferConfig;
import io.stylebatch.image.InputLimits;
import io.stylebatch.report.ReportSettings;
import io.stylebatch.storage.S3Settings;
import io.stylebatch.config.Uris;
import io.stylebatch.transfer.settings.TransferSettings;
import java.io.Serializable;
import java.time.Duration;

/** The job's settings, read once from the effective configuration and validated; shipped to executors. */
public record JobSettings(String weightsUri, String manifestFormat, InputLimits input, long maxPairMemoryBytes,
    double maxFailedFraction, int styleCacheEntries, int threadsPerTask, Duration leaseTimeout,
    double estimateMicrosPerPixelEvaluation, String appName,
    TransferSettings transferDefaults, S3Settings s3, ReportSettings report, String verifySkipped,
    int tasksPerSlot) implements Serializable {
  /** {@code stylebatch.job.verify-skipped}: read each finished image back and compare its SHA-256. */
  public static final String VERIFY_DIGEST = "digest";
  /** {@code stylebatch.job.verify-skipped}: trust the listing's size (no reads). */
  public static final String VERIFY_SIZE = "size";

  public JobSettings {
    if (weightsUri == null || weightsUri.isBlank()) {
      throw new ConfigurationException("stylebatch.model.weights must name the VGG19 weight file");
    }
    Uris.credentialProblem(weightsUri).ifPresent(problem -> {
      throw new ConfigurationException("stylebatch.model.weights: " + problem);
    });
    if (!(maxFailedFraction >= 0 && maxFailedFraction <= 1)) {
      throw new ConfigurationException("stylebatch.job.max-failed-fraction must be in [0, 1], got "
          + maxFailedFraction);
    }
    if (maxPairMemoryBytes < 1) {
      throw new ConfigurationException("stylebatch.job.max-pair-memory must be positive");
    }
    if (threadsPerTask < 0) {
      throw new ConfigurationException("stylebatch.job.threads-per-task must be >= 0, got " + threadsPerTask);
    }
    if (leaseTimeout.toSeconds() < 10) {
      throw new ConfigurationException("stylebatch.job.lease-timeout must be at least 10s, got " + leaseTimeout);
    }
    if (!(estimateMicrosPerPixelEvaluation > 0)) {
      throw new ConfigurationException("stylebatch.job.estimate-us-per-pixel-evaluation must be > 0");
    }
    if (!VERIFY_DIGEST.equals(verifySkipped) && !VERIFY_SIZE.equals(verifySkipped)) {
      throw new ConfigurationException("stylebatch.job.verify-skipped must be " + VERIFY_DIGEST + " or " + VERIFY_SIZE
          + ", got '" + verifySkipped + "'");
    }
    if (tasksPerSlot < 1) {
      throw new ConfigurationException("stylebatch.job.tasks-per-slot must be >= 1, got " + tasksPerSlot);
    }
    if (styleCacheEntries < 1) {
      throw new ConfigurationException("stylebatch.job.style-cache-entries must be >= 1, got " + styleCacheEntries);
    }
  }

  /** The same settings with a concrete thread count (the driver resolves "auto" before shipping). */
  public JobSettings withThreadsPerTask(int threads) {
    return new JobSettings(weightsUri, manifestFormat, input, maxPairMemoryBytes,
        maxFailedFraction, styleCacheEntries, threads, leaseTimeout, estimateMicrosPerPixelEvaluation, appName,
        transferDefaults, s3, report, verifySkipped, tasksPerSlot);
  }

  /** Whether a rerun reads finished images back to verify their content before skipping them. */
  public boolean verifySkippedByDigest() {
    return VERIFY_DIGEST.equals(verifySkipped);
  }

  public static JobSettings from(Config config) {
    try {
      return new JobSettings(config.getString("stylebatch.model.weights"),
          config.getString("stylebatch.manifest.format"),
          InputLimits.from(config),
          config.getBytes("stylebatch.job.max-pair-memory"),
          config.getDouble("stylebatch.job.max-failed-fraction"),
          config.getInt("stylebatch.job.style-cache-entries"),
          config.getInt("stylebatch.job.threads-per-task"),
          config.getDuration("stylebatch.job.lease-timeout"),
          config.getDouble("stylebatch.job.estimate-us-per-pixel-evaluation"),
          config.getString("stylebatch.job.app-name"),
          TransferConfig.from(config),
          S3Settings.from(config),
          ReportSettings.from(config),
          config.getString("stylebatch.job.verify-skipped"),
          config.getInt("stylebatch.job.tasks-per-slot"));
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
