package io.stylebatch.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.Provenance;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume rule without Spark: when an earlier outcome stands, and the reason to recompute when not. */
class ResumeRuleTest {
  private static final long IMAGE_BYTES = 1234;
  private static final Provenance NOW = new Provenance("f1", "w1", "etag:c", "etag:s");
  private static final ResumeRule.Wanted WANTED = new ResumeRule.Wanted("p", "c.jpg", "s.png", NOW);
  private final ResumeRule rule = new ResumeRule(new ObjectStore(new Configuration()), false);

  @TempDir
  Path dir;

  private static PairOutcome outcome(String status, Provenance provenance, String uri, String sha) {
    return new PairOutcome("p", "c.jpg", "s.png", uri, status, null, 1, 2, 1.0, 1.0, 1.0, 1.0, 5, 4L, "1", 0,
        provenance, IMAGE_BYTES, sha, List.of(256), List.of());
  }

  private static PairOutcome success(Provenance provenance) {
    return outcome(PairOutcome.SUCCEEDED, provenance, "o/p.png", "sha");
  }

  @Test
  void aSuccessFromTheSameProvenanceWithItsImageAndLogStands() {
    assertNull(rule.reason(WANTED, success(NOW), IMAGE_BYTES, true));
    assertEquals(ResumeRule.NEVER_FINISHED, rule.reason(WANTED, null, null, false));
    assertEquals("failed before", rule.reason(WANTED, outcome(PairOutcome.FAILED, NOW, "o/p.png", null), IMAGE_BYTES,
        true));
    assertEquals("image missing", rule.reason(WANTED, success(NOW), null, true));
    assertEquals("image damaged (size differs from the recorded size)", rule.reason(WANTED, success(NOW), 100L, true));
    assertEquals("loss log missing", rule.reason(WANTED, success(NOW), IMAGE_BYTES, false));
  }

  @Test
  void eachPartOfTheProvenanceIsCompared() {
    assertEquals("settings changed", rule.reason(WANTED, success(new Provenance("f0", "w1", "etag:c", "etag:s")),
        IMAGE_BYTES, true));
    assertEquals("weights content changed", rule.reason(WANTED, success(new Provenance("f1", "w0", "etag:c",
        "etag:s")), IMAGE_BYTES, true));
    assertEquals("content image changed", rule.reason(WANTED, success(new Provenance("f1", "w1", "etag:reshot",
        "etag:s")), IMAGE_BYTES, true));
    assertEquals("style image changed", rule.reason(WANTED, success(new Provenance("f1", "w1", "etag:c",
        "size:9,mtime:1")), IMAGE_BYTES, true));
    assertEquals("no provenance recorded", rule.reason(WANTED, success(null), IMAGE_BYTES, true),
        "written by an earlier version");
    ResumeRule.Wanted missingInput = new ResumeRule.Wanted("p", "c.jpg", "s.png", new Provenance("f1", "w1", null,
        "etag:s"));
    assertEquals("an input is missing", rule.reason(missingInput, success(NOW), IMAGE_BYTES, true),
        "an unknown version never matches");
    ResumeRule.Wanted otherStyle = new ResumeRule.Wanted("p", "c.jpg", "other.png", NOW);
    assertEquals("another content or style URI", rule.reason(otherStyle, success(NOW), IMAGE_BYTES, true));
  }

  @Test
  void readBackComparesTheImagesDigest() throws IOException {
    byte[] image = new byte[(int) IMAGE_BYTES];
    image[7] = 7;
    Path file = Files.write(dir.resolve("p.png"), image);
    PairOutcome recorded = outcome(PairOutcome.SUCCEEDED, NOW, file.toUri().toString(), Listings.sha256(image));
    ResumeRule readBack = new ResumeRule(new ObjectStore(new Configuration()), true);
    assertNull(readBack.reason(WANTED, recorded, IMAGE_BYTES, true));
    image[7] = 8; // same size, other bytes
    Files.write(file, image);
    assertNull(rule.reason(WANTED, recorded, IMAGE_BYTES, true), "without read-back the size is all that is checked");
    assertEquals(ResumeRule.DAMAGED_CONTENT, readBack.reason(WANTED, recorded, IMAGE_BYTES, true));
  }
}
