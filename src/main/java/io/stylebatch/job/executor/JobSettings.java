package io.stylebatch.job.executor;

import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.LoadedConfig;
import io.stylebatch.config.Setting;
import io.stylebatch.config.Uris;
import io.stylebatch.image.InputLimits;
import io.stylebatch.report.ReportSettings;
import io.stylebatch.storage.S3Settings;
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

  public static final Setting<String> WEIGHTS = Setting.text("stylebatch.model.weights")
      .must(v -> !v.isEmpty(), "must name the VGG19 weight file");
  public static final Setting<String> MANIFEST_FORMAT = Setting.text("stylebatch.manifest.format");
  public static final Setting<Long> MAX_PAIR_MEMORY = Setting.bytes("stylebatch.job.max-pair-memory")
      .must(v -> v >= 1, "must be positive");
  public static final Setting<Double> MAX_FAILED_FRACTION = Setting.decimal("stylebatch.job.max-failed-fraction")
      .must(v -> v >= 0 && v <= 1, "must be in [0, 1]");
  public static final Setting<Integer> STYLE_CACHE_ENTRIES = Setting.integer("stylebatch.job.style-cache-entries")
      .must(v -> v >= 1, "must be >= 1");
  public static final Setting<Integer> THREADS_PER_TASK = Setting.integer("stylebatch.job.threads-per-task")
      .must(v -> v >= 0, "must be >= 0");
  public static final Setting<Duration> LEASE_TIMEOUT = Setting.duration("stylebatch.job.lease-timeout")
      .must(v -> v.toSeconds() >= 10, "must be at least 10s");
  public static final Setting<Double> ESTIMATE_US_PER_PIXEL_EVALUATION =
      Setting.decimal("stylebatch.job.estimate-us-per-pixel-evaluation").must(v -> v > 0, "must be > 0");
  public static final Setting<String> APP_NAME = Setting.text("stylebatch.job.app-name");
  public static final Setting<String> VERIFY_SKIPPED = Setting.text("stylebatch.job.verify-skipped")
      .must(v -> v.equals(VERIFY_DIGEST) || v.equals(VERIFY_SIZE), "must be " + VERIFY_DIGEST + " or " + VERIFY_SIZE);
  public static final Setting<Integer> TASKS_PER_SLOT = Setting.integer("stylebatch.job.tasks-per-slot")
      .must(v -> v >= 1, "must be >= 1");

  public JobSettings {
    WEIGHTS.require(weightsUri == null ? "" : weightsUri.strip());
    // Not a rule of WEIGHTS: its message would print the URI, credentials and all.
    Uris.credentialProblem(weightsUri).ifPresent(problem -> {
      throw new ConfigurationException(WEIGHTS.path() + ": " + problem);
    });
    MAX_PAIR_MEMORY.require(maxPairMemoryBytes);
    MAX_FAILED_FRACTION.require(maxFailedFraction);
    STYLE_CACHE_ENTRIES.require(styleCacheEntries);
    THREADS_PER_TASK.require(threadsPerTask);
    LEASE_TIMEOUT.require(leaseTimeout);
    ESTIMATE_US_PER_PIXEL_EVALUATION.require(estimateMicrosPerPixelEvaluation);
    VERIFY_SKIPPED.require(verifySkipped);
    TASKS_PER_SLOT.require(tasksPerSlot);
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

  public static JobSettings from(LoadedConfig config) {
    return new JobSettings(config.get(WEIGHTS), config.get(MANIFEST_FORMAT), InputLimits.from(config),
        config.get(MAX_PAIR_MEMORY), config.get(MAX_FAILED_FRACTION), config.get(STYLE_CACHE_ENTRIES),
        config.get(THREADS_PER_TASK), config.get(LEASE_TIMEOUT), config.get(ESTIMATE_US_PER_PIXEL_EVALUATION),
        config.get(APP_NAME), TransferSettings.from(config), S3Settings.from(config), ReportSettings.from(config),
        config.get(VERIFY_SKIPPED), config.get(TASKS_PER_SLOT));
  }
}
