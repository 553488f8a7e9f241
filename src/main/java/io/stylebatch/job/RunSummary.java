package io.stylebatch.job;

import java.util.List;

/**
 * How a run ended, for the exit code, the summary line and tests: its id (null when it never started), counts of pairs, how many were skipped as already
 * done, the caching counters, the message of an invalid-input or unexpected error, and the wall time of the
 * driver's steps (empty when the run did not get that far).
 */
public record RunSummary(String runId, ExitCode exitCode, int pairs, int succeeded, int failed, int skipped, long weightLoads,
    long styleTargetComputations, String message, boolean randomWeights, List<RunPhases.Phase> phases) {
  public RunSummary {
    phases = List.copyOf(phases);
  }

  static RunSummary error(String runId, ExitCode code, String message) {
    return new RunSummary(runId, code, 0, 0, 0, 0, 0, 0, message, false, List.of());
  }

  /** The steps of the run and their wall time, e.g. for a benchmark's breakdown. */
  public String describePhases() {
    return RunPhases.describe(phases);
  }
}
