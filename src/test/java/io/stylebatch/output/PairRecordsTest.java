package io.stylebatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.objective.LossValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion records are written in the product's one JSON style and records of earlier versions still read. */
class PairRecordsTest {
  private static final PairOutcome OUTCOME = new PairOutcome("p1", "s3a://in/c.png", "s3a://in/s.png",
      "s3a://out/images/p1.png", PairOutcome.SUCCEEDED, null, 60, 100, 1.0, 2.0, 3.0, 6.0, 1000, 900L, "1", 0,
      new Provenance("f", "w", "c1", "s1"), 9L, "sha", List.of(128, 256),
      List.of(new LossRecord(0, 1, new LossValues(1, 2, 3, 6), 10L, 128),
          new LossRecord(10, 12, new LossValues(0.5, 1, 1.5, 3), 100L, 256)));

  @Test
  void aRecordIsWrittenInSnakeCaseAndReadBackEqual(@TempDir Path dir) throws Exception {
    ObjectStore store = new ObjectStore(new Configuration());
    OutputLayout layout = new OutputLayout(dir.toString());
    PairRecords.write(store, layout, OUTCOME);
    String json = Files.readString(Path.of(layout.pairRecord("p1")));
    assertTrue(json.contains("\"content_uri\"") && json.contains("\"image_sha256\""), json);
    assertFalse(json.matches("(?s).*\"[a-z]+[A-Z].*"), "a camelCase name: " + json);
    assertEquals(OUTCOME, PairRecords.read(store, layout, "p1"));
    assertNull(PairRecords.read(store, layout, "p2"));
  }

  @Test
  void aRecordOfAnEarlierVersionInCamelCaseStillReads() throws Exception {
    byte[] legacy = new ObjectMapper().writeValueAsBytes(OUTCOME);
    assertTrue(new String(legacy, StandardCharsets.UTF_8).contains("\"contentUri\""));
    assertEquals(OUTCOME, PairRecords.parse(legacy));
  }
}
