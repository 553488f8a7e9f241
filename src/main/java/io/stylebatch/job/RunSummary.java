package io.stylebatch.job;

/**
 * How a run ended, for the exit code and for tests: counts of pairs, how many were skipped as already
 * done, the caching counters, and the message of an invalid-input or unexpected error.
 */
public record RunSummary(ExitCode exitCode, int pairs, int succeeded, int failed, int skipped, long weightLoads,
    long styleTargetComputations, String message) {
  static RunSummary error(ExitCode code, String message) {
    return new RunSummary(code, 0, 0, 0, 0, 0, 0, message);
  }
}
