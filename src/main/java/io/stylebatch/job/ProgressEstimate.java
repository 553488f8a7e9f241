package io.stylebatch.job;

import java.util.Locale;

/**
 * Progress of a run in the unit its cost is proportional to: loss/gradient evaluations done out of the
 * total budget of the pairs being computed, and the time left at the rate so far. Pairs finished early
 * (L-BFGS converged, or failed) count their whole budget as done.
 */
record ProgressEstimate(long done, long total, int pairsDone, int pairsFailed, int pairs, double elapsedSeconds) {

  double fraction() {
    return total == 0 ? 1 : Math.min(1, (double) done / total);
  }

  /** Seconds left, or NaN while nothing is done yet. */
  double secondsLeft() {
    return done == 0 ? Double.NaN : elapsedSeconds * (total - done) / done;
  }

  String describe() {
    double left = secondsLeft();
    String eta = Double.isNaN(left) ? "unknown (no evaluation finished yet)"
        : left >= 90 ? String.format(Locale.ROOT, "%.0f min", left / 60) : String.format(Locale.ROOT, "%.0f s", left);
    return String.format(Locale.ROOT, "%.0f%% (%d/%d evaluations), %d/%d pairs done, %d failed, ETA %s",
        100 * fraction(), done, total, pairsDone, pairs, pairsFailed, eta);
  }
}
