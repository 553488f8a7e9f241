package io.stylebatch.job.executor;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Spark accumulators the tasks bump and the driver reads: how often weights were loaded and style
 * targets computed (the caching contract: once per executor JVM, once per style per executor), and
 * how many pairs finished. Named, so they show in the Spark UI. They are bumped inside tasks, so a retried
 * task counts again: the figures are upper bounds, exact only when no task was retried (as in the tests).
 */
public final class JobCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LongAccumulator weightLoads;
  private final LongAccumulator styleTargetComputations;
  private final LongAccumulator pairsSucceeded;
  private final LongAccumulator pairsFailed;
  private final LongAccumulator evaluations;

  public JobCounters(SparkContext sc) {
    weightLoads = sc.longAccumulator("stylebatch.weightLoads");
    styleTargetComputations = sc.longAccumulator("stylebatch.styleTargetComputations");
    pairsSucceeded = sc.longAccumulator("stylebatch.pairsSucceeded");
    pairsFailed = sc.longAccumulator("stylebatch.pairsFailed");
    evaluations = sc.longAccumulator("stylebatch.evaluations");
  }

  void weightsLoaded() {
    weightLoads.add(1);
  }

  void styleTargetsComputed() {
    styleTargetComputations.add(1);
  }

  void pairFinished(boolean succeeded) {
    (succeeded ? pairsSucceeded : pairsFailed).add(1);
  }

  /** Loss/gradient evaluations done; a finished pair tops its count up to its whole budget. */
  void evaluationsDone(long n) {
    evaluations.add(n);
  }

  /** The accumulator of evaluations, whose running tasks' values reach the driver with executor heartbeats. */
  public LongAccumulator evaluations() {
    return evaluations;
  }

  public long weightLoads() {
    return weightLoads.value();
  }

  public long styleTargetComputations() {
    return styleTargetComputations.value();
  }

  public long pairsSucceeded() {
    return pairsSucceeded.value();
  }

  public long pairsFailed() {
    return pairsFailed.value();
  }
}
