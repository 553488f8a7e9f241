package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.TransferSetting;
import io.stylebatch.transfer.TransferSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resume rule without Spark: what is skipped, recovered and run, and in which order. */
class ResumePlanTest {
  private static final TransferSettings SMALL = TestSettings.of(TransferSetting.IMAGE_SIZE, 64);
  private static final TransferSettings LARGE = TestSettings.of(TransferSetting.IMAGE_SIZE, 512);

  private final Map<String, PairOutcome> results = new HashMap<>();
  private final Map<String, PairOutcome> records = new HashMap<>();
  private final Set<String> images = new java.util.HashSet<>();

  private final ResumePlan.Evidence evidence = new ResumePlan.Evidence() {
    @Override
    public PairOutcome previousResult(String id) {
      return results.get(id);
    }

    @Override
    public PairOutcome completionRecord(String id) {
      return records.get(id);
    }

    @Override
    public boolean imageExists(String id) {
      return images.contains(id);
    }
  };

  private static PairSpec pair(String id, TransferSettings s) {
    return new PairSpec(1, id, "c/" + id + ".jpg", "s.png", s);
  }

  private static PairOutcome outcome(PairSpec p, String status, String fingerprint) {
    return new PairOutcome(p.id(), p.contentUri(), p.styleUri(), "o", status, null, 1, 2, 1.0, 1.0, 1.0, 1.0, 5, 4L, "1",
        0, fingerprint, List.of(256), List.of());
  }

  private ResumePlan plan(List<PairSpec> pairs) {
    return ResumePlan.of(pairs, evidence, p -> p.settings().fingerprint());
  }

  @Test
  void finishedPairsAreSkippedOrRecoveredAndTheRestRunsLongestFirst() {
    PairSpec done = pair("done", SMALL);
    PairSpec recorded = pair("recorded", SMALL);
    PairSpec failed = pair("failed", SMALL);
    PairSpec fresh = pair("fresh", SMALL);
    PairSpec big = pair("big", LARGE);
    results.put("done", outcome(done, PairOutcome.SUCCEEDED, SMALL.fingerprint()));
    results.put("failed", outcome(failed, PairOutcome.FAILED, SMALL.fingerprint()));
    records.put("recorded", outcome(recorded, PairOutcome.SUCCEEDED, SMALL.fingerprint()));
    images.addAll(List.of("done", "recorded", "failed"));

    ResumePlan plan = plan(List.of(done, recorded, failed, fresh, big));

    assertEquals(Set.of("done"), plan.skipped().keySet());
    assertEquals(Set.of("recorded"), plan.recovered().keySet());
    assertEquals(List.of("big", "failed", "fresh"), plan.toRun().stream().map(PairSpec::id).toList());
    assertEquals(2, plan.done());
  }

  @Test
  void aChangedSettingAnInputOrAMissingImageMeansRecompute() {
    PairSpec p = pair("p", SMALL);
    results.put("p", outcome(p, PairOutcome.SUCCEEDED, SMALL.fingerprint()));
    assertEquals(1, plan(List.of(p)).toRun().size(), "no image: recompute");
    images.add("p");
    assertEquals(0, plan(List.of(p)).toRun().size());
    PairSpec reseeded = pair("p", SMALL.with(TransferSetting.SEED, 9L));
    assertEquals(1, plan(List.of(reseeded)).toRun().size(), "another seed: recompute");
    PairSpec otherStyle = new PairSpec(1, "p", p.contentUri(), "other.png", SMALL);
    assertEquals(1, plan(List.of(otherStyle)).toRun().size(), "another style: recompute");
    PairSpec relogged = pair("p", SMALL.with(TransferSetting.LOG_INTERVAL, 3));
    assertEquals(0, plan(List.of(relogged)).toRun().size(), "the log interval does not change the image");
  }
}
