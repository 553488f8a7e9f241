package io.stylebatch.job;

import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairRecords;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** {@link ResumePlan.Evidence} read from an output folder: its previous results, records and images. */
record OutputEvidence(ObjectStore store, OutputLayout layout, Map<String, PairOutcome> previousResults)
    implements ResumePlan.Evidence {
  @Override
  public PairOutcome previousResult(String id) {
    return previousResults.get(id);
  }

  @Override
  public PairOutcome completionRecord(String id) {
    return PairRecords.read(store, layout, id);
  }

  @Override
  public boolean imageExists(String id) {
    try {
      return store.exists(layout.imageUri(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
