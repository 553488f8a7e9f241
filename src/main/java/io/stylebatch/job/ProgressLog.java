package io.stylebatch.job;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the driver's view of a running stage (pairs done and failed, rate, ETA) at a fixed interval. */
final class ProgressLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final long INTERVAL_SECONDS = 30;

  private final String appName;
  private final JobCounters counters;
  private final int total;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stylebatch-progress");
    t.setDaemon(true);
    return t;
  });

  ProgressLog(String appName, JobCounters counters, int total) {
    this.appName = appName;
    this.counters = counters;
    this.total = total;
    timer.scheduleAtFixedRate(() -> log(false), INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    log(true);
  }

  private void log(boolean last) {
    long done = counters.pairsSucceeded();
    long failed = counters.pairsFailed();
    double minutes = (System.nanoTime() - start) / 6e10;
    double perMinute = minutes > 0 ? (done + failed) / minutes : 0;
    long remaining = total - done - failed;
    String eta = perMinute > 0 ? String.format(Locale.ROOT, "%.1f min", remaining / perMinute) : "unknown";
    LOG.info(String.format(Locale.ROOT, "%s progress%s: %d/%d done, %d failed, %.2f pairs/min, ETA %s", appName,
        last ? " (end)" : "", done, total, failed, perMinute, last ? "0 min" : eta));
  }
}
