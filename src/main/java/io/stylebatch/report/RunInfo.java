package io.stylebatch.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What the report says about the run itself: its id, when it ran, with which weights (and whether they are
 * random test weights, shown as a banner) and settings. Null for a report rebuilt later from the tables.
 */
public record RunInfo(String runId, Instant started, Instant finished, String weightsUri, boolean randomWeights,
    String settings) {
  public String wallTime() {
    long s = Duration.between(started, finished).toSeconds();
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }
}
