package io.stylebatch.job.executor;

import io.stylebatch.output.PairOutcome;
import java.io.Serializable;
import java.util.List;

/**
 * What a task returns to the driver: counts only. The pairs' rows reach the tables from their completion
 * records ({@code _pairs/}), so the driver's memory and {@code spark.driver.maxResultSize} do not grow with the
 * loss logs; only an outcome whose record could not be written travels here (without its loss log).
 */
public record TaskStatus(int succeeded, int failed, List<PairOutcome> unrecorded) implements Serializable {
  public static TaskStatus sum(List<TaskStatus> statuses) {
    int ok = 0;
    int bad = 0;
    List<PairOutcome> unrecorded = new java.util.ArrayList<>();
    for (TaskStatus s : statuses) {
      ok += s.succeeded;
      bad += s.failed;
      unrecorded.addAll(s.unrecorded);
    }
    return new TaskStatus(ok, bad, unrecorded);
  }
}
