package io.stylebatch.job.plan;

import io.stylebatch.job.executor.PairTask;
import java.util.List;
import java.util.Map;

/**
 * Which pairs of a manifest a run computes, as {@link ResumePlanner} decided it with {@link ResumeRule}: the pairs to
 * run (longest first), how many are done according to {@code results/} (skipped: their rows stay as they are),
 * which are done according to their completion records only (recovered: this run writes their rows), and why
 * the others run, with how many for each reason (for the log).
 */
public record ResumePlan(List<PairTask> toRun, int skipped, List<String> recovered, Map<String, Integer> reasons) {
  /** Pairs this run does not compute. */
  public int done() {
    return skipped + recovered.size();
  }
}
