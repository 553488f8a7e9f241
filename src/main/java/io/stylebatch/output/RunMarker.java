package io.stylebatch.output;

import io.stylebatch.storage.Json;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;

/**
 * The JSON counts of a finished run, written once everything else is in place: as {@code _SUCCESS} (the
 * Hadoop convention that sensors and downstream jobs wait for) when the run exits 0, as {@code _FAILED}
 * when too many pairs failed (exit 3), so that no sensor takes a failed night for a good one.
 */
public record RunMarker(String runId, String finishedAt, int pairs, int succeeded, int failed, int skipped) {

  public byte[] toJson() {
    return (Json.text(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static RunMarker parse(byte[] json) throws IOException {
    return Json.read(json, RunMarker.class);
  }

  /** Writes the marker atomically at {@code uri}. */
  public void write(ObjectStore store, String uri) throws IOException {
    store.writeAtomically(uri, toJson());
  }
}
