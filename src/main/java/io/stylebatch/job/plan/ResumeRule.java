package io.stylebatch.job.plan;

import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.Provenance;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.io.Serializable;

/**
 * When an earlier run's outcome of a pair still stands, so that the pair is not recomputed: the outcome is a
 * success of the same content and style URIs from the same provenance (settings, weights content, content and
 * style versions: see {@link Provenance}), its image is listed with the recorded size, its loss log is in
 * {@code losses/}, and — with {@code stylebatch.job.verify-skipped = digest} — the image still holds the recorded
 * bytes. Spark-free and serializable: the same rule runs on executors over the joined tables and over the
 * completion records, and alone in unit tests.
 *
 * @param readBack whether an image that passes every other check is read back and compared by digest
 */
record ResumeRule(ObjectStore store, boolean readBack) implements Serializable {
  static final String NEVER_FINISHED = "not finished before";
  static final String DAMAGED_CONTENT = "image damaged (content differs from the recorded digest)";

  /** A pair of this run's manifest with what its image would be made from. */
  record Wanted(String id, String contentUri, String styleUri, Provenance provenance) implements Serializable {}

  /** A pair's verdict: done when {@code reason} is null. */
  record Verdict(String id, String reason) implements Serializable {}

  /**
   * @param previous the earlier outcome, or null
   * @param imageSize the listed size of the image {@code previous} names, or null when it is not listed
   * @param hasLossLog whether the pair's loss log is stored with the outcome
   * @return null when {@code previous} stands; otherwise the first difference, as a reason to recompute
   */
  String reason(Wanted wanted, PairOutcome previous, Long imageSize, boolean hasLossLog) {
    if (previous == null) {
      return NEVER_FINISHED;
    }
    Provenance then = previous.provenance();
    Provenance now = wanted.provenance();
    if (!previous.succeeded()) {
      return "failed before";
    }
    if (!wanted.contentUri().equals(previous.contentUri()) || !wanted.styleUri().equals(previous.styleUri())) {
      return "another content or style URI";
    }
    if (then == null || !now.complete() || then.settingsFingerprint() == null || then.weightsDigest() == null) {
      return now.complete() ? "no provenance recorded" : "an input is missing";
    }
    if (!now.settingsFingerprint().equals(then.settingsFingerprint())) {
      return "settings changed";
    }
    if (!now.weightsDigest().equals(then.weightsDigest())) {
      return "weights content changed";
    }
    if (!now.contentVersion().equals(then.contentVersion())) {
      return "content image changed";
    }
    if (!now.styleVersion().equals(then.styleVersion())) {
      return "style image changed";
    }
    if (imageSize == null) {
      return "image missing";
    }
    if (previous.imageBytes() == null || imageSize.longValue() != previous.imageBytes()) {
      return "image damaged (size differs from the recorded size)";
    }
    if (!hasLossLog) {
      return "loss log missing";
    }
    if (readBack && !intact(previous)) {
      return DAMAGED_CONTENT;
    }
    return null;
  }

  /** Whether the image holds exactly the bytes its outcome describes. */
  private boolean intact(PairOutcome o) {
    if (o.imageBytes() == null || o.imageSha256() == null) {
      return false;
    }
    try {
      return o.imageSha256().equals(Listings.sha256(store.readAll(o.outputUri(), o.imageBytes())));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
