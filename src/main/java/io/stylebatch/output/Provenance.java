package io.stylebatch.output;

import java.io.Serializable;

/**
 * What a pair's image was made from, recorded with it so that a rerun can tell whether it would make the
 * same image: the settings' fingerprint, the SHA-256 of the weights file's content, and the versions of the
 * content and style objects as the store listed them ({@link io.stylebatch.storage.ObjectInfo#version}).
 * Any field that differs — or is unknown — means "changed".
 */
public record Provenance(String settingsFingerprint, String weightsDigest, String contentVersion,
    String styleVersion) implements Serializable {

  /** Whether every field is known; an incomplete provenance never matches. */
  public boolean complete() {
    return settingsFingerprint != null && weightsDigest != null && contentVersion != null && styleVersion != null;
  }

  /** Whether an image made with {@code recorded} is what this provenance would make now. */
  public boolean sameAs(Provenance recorded) {
    return complete() && equals(recorded);
  }
}
