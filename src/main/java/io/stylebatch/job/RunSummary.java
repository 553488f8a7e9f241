package io.stylebatch.job;

/**
 * How a run ended, for the exit code, the summary line and tests: its id (null when it never started), counts of pairs, how many were skipped as already
 * done, the caching counters, and the message of an invalid-input or unexpected error.
 */
public record RunSummary(String runId, ExitCode exitCode, int pairs, int succeeded, int failed, int skipped, long weightLoads,
    long styleTargetComputations, String message, boolean randomWeights) {
  static RunSummary error(String runId, ExitCode code, String message) {
    return new RunSummary(runId, code, 0, 0, 0, 0, 0, 0, message, false);
  }
}
