package io.stylebatch.job;

import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.Provenance;
import io.stylebatch.storage.ObjectInfo;
import io.stylebatch.transfer.ScaleSchedule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which pairs of a manifest a run computes. A pair is done — and not recomputed — only when an earlier run
 * succeeded with it from the same provenance (settings, weights content, content and style versions: see
 * {@link Provenance}) and its image is intact: present with the recorded size in the listing of
 * {@code images/}, and not reported damaged by {@link Evidence#damaged}. The earlier success comes from the
 * previous {@code results/} (skipped) or, for a run that died before writing its tables or whose table is
 * damaged, from the pair's completion record (recovered). Everything else runs, longest first, and the plan
 * says why. Spark-free, so the rule is unit-tested alone.
 *
 * @param toRun pairs to compute, by descending cost (pixels times iterations)
 * @param skipped pairs finished according to the previous {@code results/}, by id
 * @param recovered pairs finished according to their completion records, by id
 * @param reasons why pairs run, with how many for each reason (for the log)
 */
public record ResumePlan(List<PairTask> toRun, Map<String, PairOutcome> skipped, Map<String, PairOutcome> recovered,
    Map<String, Integer> reasons) {

  /** Where an earlier run's work can be found. */
  public interface Evidence {
    /** The previous {@code results/} row of {@code id}, or null. */
    PairOutcome previousResult(String id);

    /** The completion records of those of {@code ids} that have one, read in bulk. */
    Map<String, PairOutcome> completionRecords(Collection<String> ids);

    /** The image an earlier run recorded in {@code finished} ({@code output_uri}) as listed, or null. */
    ObjectInfo image(PairOutcome finished);

    /** Those of {@code finished} whose image does not hold the recorded bytes (read back where configured). */
    Set<String> damaged(Collection<PairOutcome> finished);
  }

  static final String NEVER_FINISHED = "not finished before";

  /**
   * @param provenance what a pair's image would be made from in this run
   */
  public static ResumePlan of(List<PairSpec> pairs, Evidence evidence, Function<PairSpec, Provenance> provenance) {
    Map<String, PairSpec> pending = new LinkedHashMap<>();
    Map<String, Provenance> wanted = new LinkedHashMap<>();
    Map<String, PairOutcome> skipped = new LinkedHashMap<>();
    Map<String, PairOutcome> recovered = new LinkedHashMap<>();
    Map<String, String> why = new LinkedHashMap<>();
    for (PairSpec p : pairs) {
      Provenance prov = provenance.apply(p);
      wanted.put(p.id(), prov);
      PairOutcome previous = evidence.previousResult(p.id());
      String reason = previous == null ? NEVER_FINISHED : changed(previous, p, prov, evidence);
      if (reason == null) {
        skipped.put(p.id(), previous);
      } else {
        pending.put(p.id(), p);
        why.put(p.id(), reason);
      }
    }
    Map<String, PairOutcome> records = pending.isEmpty() ? Map.of() : evidence.completionRecords(pending.keySet());
    for (PairSpec p : pending.values()) {
      PairOutcome record = records.get(p.id());
      if (record != null) {
        String reason = changed(record, p, wanted.get(p.id()), evidence);
        if (reason == null) {
          recovered.put(p.id(), record);
        } else if (why.get(p.id()).equals(NEVER_FINISHED)) {
          why.put(p.id(), reason);
        }
      }
    }
    List<PairOutcome> finished = new ArrayList<>(skipped.values());
    finished.addAll(recovered.values());
    for (String id : finished.isEmpty() ? Set.<String>of() : evidence.damaged(finished)) {
      skipped.remove(id);
      recovered.remove(id);
      why.put(id, "image damaged (content differs from the recorded digest)");
    }
    List<PairTask> toRun = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    for (PairSpec p : pairs) {
      if (!skipped.containsKey(p.id()) && !recovered.containsKey(p.id())) {
        Provenance prov = wanted.get(p.id());
        toRun.add(new PairTask(p, prov.contentVersion(), prov.styleVersion()));
        reasons.merge(why.get(p.id()), 1, Integer::sum);
      }
    }
    toRun.sort(Comparator.comparingLong((PairTask t) -> cost(t.pair())).reversed());
    return new ResumePlan(List.copyOf(toRun), skipped, recovered, reasons);
  }

  /**
   * Null when {@code o} is a success of exactly this pair, from the same provenance, with its image present
   * at the recorded size; otherwise the first difference, as a reason to recompute.
   */
  static String changed(PairOutcome o, PairSpec p, Provenance now, Evidence evidence) {
    Provenance then = o.provenance();
    if (!o.succeeded()) {
      return "failed before";
    }
    if (!p.contentUri().equals(o.contentUri()) || !p.styleUri().equals(o.styleUri())) {
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
    ObjectInfo image = evidence.image(o);
    if (image == null) {
      return "image missing";
    }
    if (o.imageBytes() == null || image.size() != o.imageBytes()) {
      return "image damaged (size differs from the recorded size)";
    }
    return null;
  }

  private static long cost(PairSpec p) {
    return (long) ScaleSchedule.of(p.settings()).pixelEvaluations();
  }

  /** Pairs this run does not compute. */
  public int done() {
    return skipped.size() + recovered.size();
  }
}
