package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.Provenance;
import io.stylebatch.storage.ObjectInfo;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.TransferSetting;
import io.stylebatch.transfer.TransferSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resume rule without Spark: what is skipped, recovered and run, why, and in which order. */
class ResumePlanTest {
  private static final TransferSettings SMALL = TestSettings.of(TransferSetting.IMAGE_SIZE, 64);
  private static final TransferSettings LARGE = TestSettings.of(TransferSetting.IMAGE_SIZE, 512);
  private static final long IMAGE_BYTES = 1234;

  private final Map<String, PairOutcome> results = new HashMap<>();
  private final Map<String, PairOutcome> records = new HashMap<>();
  private final Map<String, ObjectInfo> images = new HashMap<>();
  private final Set<String> damaged = new HashSet<>();
  private final List<Collection<String>> recordReads = new ArrayList<>();
  private String weights = "w1";
  private final Map<String, String> versions = new HashMap<>();

  private final ResumePlan.Evidence evidence = new ResumePlan.Evidence() {
    @Override
    public PairOutcome previousResult(String id) {
      return results.get(id);
    }

    @Override
    public Map<String, PairOutcome> completionRecords(Collection<String> ids) {
      recordReads.add(List.copyOf(ids));
      Map<String, PairOutcome> found = new HashMap<>();
      ids.stream().filter(records::containsKey).forEach(id -> found.put(id, records.get(id)));
      return found;
    }

    @Override
    public ObjectInfo image(PairOutcome finished) {
      return images.get(finished.id());
    }

    @Override
    public Set<String> damaged(Collection<PairOutcome> finished) {
      Set<String> hit = new HashSet<>();
      finished.stream().map(PairOutcome::id).filter(damaged::contains).forEach(hit::add);
      return hit;
    }
  };

  private static PairSpec pair(String id, TransferSettings s) {
    return new PairSpec(1, id, "c/" + id + ".jpg", "s.png", s);
  }

  private Provenance now(PairSpec p) {
    return new Provenance(p.settings().fingerprint(), weights, versions.getOrDefault(p.contentUri(), "etag:c"),
        versions.getOrDefault(p.styleUri(), "etag:s"));
  }

  private PairOutcome outcome(PairSpec p, String status) {
    return new PairOutcome(p.id(), p.contentUri(), p.styleUri(), "o", status, null, 1, 2, 1.0, 1.0, 1.0, 1.0, 5, 4L,
        "1", 0, now(p), IMAGE_BYTES, "sha", List.of(256), List.of());
  }

  private void imageOf(String id) {
    images.put(id, new ObjectInfo(IMAGE_BYTES, "etag:image"));
  }

  private ResumePlan plan(List<PairSpec> pairs) {
    return ResumePlan.of(pairs, evidence, this::now);
  }

  private static List<String> ids(ResumePlan plan) {
    return plan.toRun().stream().map(t -> t.pair().id()).toList();
  }

  @Test
  void finishedPairsAreSkippedOrRecoveredAndTheRestRunsLongestFirst() {
    PairSpec done = pair("done", SMALL);
    PairSpec recorded = pair("recorded", SMALL);
    PairSpec failed = pair("failed", SMALL);
    PairSpec fresh = pair("fresh", SMALL);
    PairSpec big = pair("big", LARGE);
    results.put("done", outcome(done, PairOutcome.SUCCEEDED));
    results.put("failed", outcome(failed, PairOutcome.FAILED));
    records.put("recorded", outcome(recorded, PairOutcome.SUCCEEDED));
    List.of("done", "recorded", "failed").forEach(this::imageOf);

    ResumePlan plan = plan(List.of(done, recorded, failed, fresh, big));

    assertEquals(Set.of("done"), plan.skipped().keySet());
    assertEquals(Set.of("recorded"), plan.recovered().keySet());
    assertEquals(List.of("big", "failed", "fresh"), ids(plan));
    assertEquals(2, plan.done());
    assertEquals(List.of(List.of("recorded", "failed", "fresh", "big")), recordReads,
        "records are read once, in bulk, and only for pairs the results table does not settle");
    assertEquals(Map.of("failed before", 1, ResumePlan.NEVER_FINISHED, 2), plan.reasons());
    assertEquals("etag:c", plan.toRun().get(0).contentVersion(), "the task carries the versions it is made from");
  }

  @Test
  void aChangedSettingAnInputOrAMissingImageMeansRecompute() {
    PairSpec p = pair("p", SMALL);
    results.put("p", outcome(p, PairOutcome.SUCCEEDED));
    assertEquals(List.of("p"), ids(plan(List.of(p))), "no image: recompute");
    imageOf("p");
    assertEquals(List.of(), ids(plan(List.of(p))));
    PairSpec reseeded = pair("p", SMALL.with(TransferSetting.SEED, 9L));
    assertEquals(Map.of("settings changed", 1), plan(List.of(reseeded)).reasons());
    PairSpec otherStyle = new PairSpec(1, "p", p.contentUri(), "other.png", SMALL);
    assertEquals(1, plan(List.of(otherStyle)).toRun().size(), "another style: recompute");
    PairSpec relogged = pair("p", SMALL.with(TransferSetting.LOG_INTERVAL, 3));
    assertEquals(0, plan(List.of(relogged)).toRun().size(), "the log interval does not change the image");
  }

  @Test
  void newContentAtTheSameUrisMeansRecompute() {
    PairSpec p = pair("p", SMALL);
    results.put("p", outcome(p, PairOutcome.SUCCEEDED));
    imageOf("p");
    weights = "w2";
    assertEquals(Map.of("weights content changed", 1), plan(List.of(p)).reasons());
    weights = "w1";
    versions.put(p.contentUri(), "etag:reshot");
    assertEquals(Map.of("content image changed", 1), plan(List.of(p)).reasons());
    versions.remove(p.contentUri());
    versions.put(p.styleUri(), "size:9,mtime:1");
    assertEquals(Map.of("style image changed", 1), plan(List.of(p)).reasons());
    versions.put(p.styleUri(), null);
    assertEquals(Map.of("an input is missing", 1), plan(List.of(p)).reasons(), "an unknown version never matches");
  }

  @Test
  void aSuccessWithoutRecordedProvenanceIsRecomputedOnce() {
    PairSpec p = pair("p", SMALL);
    PairOutcome old = outcome(p, PairOutcome.SUCCEEDED);
    results.put("p", new PairOutcome(old.id(), old.contentUri(), old.styleUri(), old.outputUri(), old.status(), null,
        1, 2, 1.0, 1.0, 1.0, 1.0, 5, 4L, "1", 0, null, null, null, List.of(256), List.of()));
    imageOf("p");
    assertEquals(Map.of("no provenance recorded", 1), plan(List.of(p)).reasons(), "written by an earlier version");
  }

  @Test
  void aDamagedImageMeansRecompute() {
    PairSpec p = pair("p", SMALL);
    results.put("p", outcome(p, PairOutcome.SUCCEEDED));
    images.put("p", new ObjectInfo(100, "etag:truncated"));
    assertEquals(Map.of("image damaged (size differs from the recorded size)", 1), plan(List.of(p)).reasons());
    imageOf("p");
    damaged.add("p");
    ResumePlan plan = plan(List.of(p));
    assertEquals(List.of("p"), ids(plan), "same size, other bytes: the read-back check catches it");
    assertEquals(0, plan.done());
  }

  @Test
  void aRecordNewerThanTheTableWins() {
    PairSpec p = pair("p", SMALL);
    results.put("p", outcome(p, PairOutcome.SUCCEEDED));
    imageOf("p");
    weights = "w2";
    records.put("p", outcome(p, PairOutcome.SUCCEEDED)); // written by a run with the new weights that then died
    ResumePlan plan = plan(List.of(p));
    assertEquals(Set.of("p"), plan.recovered().keySet());
  }
}
