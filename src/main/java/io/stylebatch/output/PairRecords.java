package io.stylebatch.output;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylebatch.storage.ObjectStore;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Reads and writes the per-pair completion records ({@link OutputLayout#pairRecord}): a finished
 * pair's outcome with its loss log, as JSON, written atomically right after its image.
 */
public final class PairRecords {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

  private PairRecords() {}

  public static void write(ObjectStore store, OutputLayout layout, PairOutcome outcome) throws IOException {
    store.writeAtomically(layout.pairRecord(outcome.id()), JSON.writeValueAsBytes(outcome));
  }

  /** The record of {@code id}, or null if there is none or it cannot be read. */
  public static PairOutcome read(ObjectStore store, OutputLayout layout, String id) {
    try {
      return JSON.readValue(store.readAll(layout.pairRecord(id), MAX_RECORD_BYTES), PairOutcome.class);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // a damaged record only costs a recomputation
    }
  }
}
