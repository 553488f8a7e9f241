package io.stylebatch.job;

import io.stylebatch.job.executor.JobCounters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;

/**
 * Logs the driver's view of the optimization stage: evaluations done out of the budget, pairs done and
 * failed, and the ETA from the evaluation rate. Running tasks' evaluation counts reach the driver with the
 * executors' heartbeats (every 10 s by default), so the ETA moves while pairs are still running. A line is
 * logged when progress moved by at least 1% or a pair finished, and at least every three minutes.
 */
final class ProgressLog extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final long CHECK_SECONDS = 10;
  private static final long QUIET_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(3);

  private final String appName;
  private final JobCounters counters;
  private final SparkContext sc;
  private final int pairs;
  private final long totalEvaluations;
  private final long start = System.nanoTime();
  private final Map<Long, Long> running = new ConcurrentHashMap<>(); // task id -> its evaluations so far
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stylebatch-progress");
    t.setDaemon(true);
    return t;
  });
  private long lastLogged = System.nanoTime();
  private long lastDone = -1;
  private long lastPairs = -1;

  ProgressLog(String appName, JobCounters counters, SparkContext sc, int pairs, long totalEvaluations) {
    this.appName = appName;
    this.counters = counters;
    this.sc = sc;
    this.pairs = pairs;
    this.totalEvaluations = totalEvaluations;
    sc.addSparkListener(this);
    timer.scheduleAtFixedRate(() -> log(false), CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    long id = counters.evaluations().id();
    scala.collection.Iterator<Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>>> it =
        update.accumUpdates().iterator();
    while (it.hasNext()) {
      Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task = it.next();
      scala.collection.Iterator<AccumulableInfo> infos = task._4().iterator();
      while (infos.hasNext()) {
        AccumulableInfo info = infos.next();
        if (info.id() == id && info.update().isDefined()) {
          running.put((Long) task._1(), ((Number) info.update().get()).longValue());
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    running.remove(end.taskInfo().taskId()); // its final count is now in the accumulator
  }

  ProgressEstimate estimate() {
    long done = counters.evaluations().value() + running.values().stream().mapToLong(Long::longValue).sum();
    return new ProgressEstimate(Math.min(done, totalEvaluations), totalEvaluations,
        (int) counters.pairsSucceeded(), (int) counters.pairsFailed(), pairs, (System.nanoTime() - start) / 1e9);
  }

  private synchronized void log(boolean last) {
    ProgressEstimate e = estimate();
    long finished = e.pairsDone() + e.pairsFailed();
    boolean moved = e.done() - lastDone >= Math.max(1, totalEvaluations / 100) || finished != lastPairs;
    if (last || moved || System.nanoTime() - lastLogged > QUIET_LIMIT_NANOS) {
      LOG.info("{} progress{}: {}", appName, last ? " (end)" : "", e.describe());
      lastLogged = System.nanoTime();
      lastDone = e.done();
      lastPairs = finished;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sc.removeSparkListener(this);
    log(true);
  }
}
