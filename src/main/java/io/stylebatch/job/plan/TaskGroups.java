package io.stylebatch.job.plan;

import io.stylebatch.job.executor.PairTask;
import io.stylebatch.transfer.ScaleSchedule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How the pairs to run are cut into Spark tasks. Up to {@code tasksPerSlot} pairs per task slot each pair is its
 * own task, scheduled longest first — the finest balance. Beyond that, pairs are grouped into
 * {@code slots × tasksPerSlot} tasks, each pair (longest first) going to the task with the least work so far,
 * so that the scheduler and the driver see a number of tasks (and task results) bounded by the cluster, not by
 * the catalog, while the tasks stay of about equal length.
 */
public final class TaskGroups {
  private TaskGroups() {}

  /** @param toRun pairs by descending cost; the groups come back by descending total cost */
  public static List<List<PairTask>> of(List<PairTask> toRun, int slots, int tasksPerSlot) {
    long limit = (long) Math.max(1, slots) * Math.max(1, tasksPerSlot);
    if (toRun.size() <= limit) {
      return toRun.stream().map(List::of).toList();
    }
    int n = (int) limit;
    List<List<PairTask>> groups = new ArrayList<>(n);
    long[] work = new long[n];
    PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.<Integer>comparingLong(g -> work[g])
        .thenComparingInt(g -> g));
    for (int g = 0; g < n; g++) {
      groups.add(new ArrayList<>());
      lightest.add(g);
    }
    for (PairTask t : toRun) {
      int g = lightest.poll();
      groups.get(g).add(t);
      work[g] += cost(t);
      lightest.add(g);
    }
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      order.add(g);
    }
    order.sort(Comparator.<Integer>comparingLong(g -> work[g]).reversed());
    return order.stream().map(groups::get).map(List::copyOf).toList();
  }

  /**
   * Partitions for a Spark job over {@code n} small objects (records, images to read back): a few hundred per
   * task, to amortize a task, and at most four tasks per slot.
   */
  public static int slices(org.apache.spark.sql.SparkSession spark, int n) {
    return Math.max(1, Math.min(Math.max(1, spark.sparkContext().defaultParallelism()) * 4, (n + 199) / 200));
  }

  /** A pair's work: pixels times evaluations over its scales. */
  static long cost(PairTask t) {
    return (long) ScaleSchedule.of(t.pair().settings()).pixelEvaluations();
  }
}
