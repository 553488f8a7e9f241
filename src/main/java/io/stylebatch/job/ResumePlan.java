package io.stylebatch.job;

import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.PairOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which pairs of a manifest a run computes. A pair is done — and not recomputed — when an earlier run
 * finished it with the same inputs and settings fingerprint and its image exists: either recorded in
 * {@code results/} (skipped) or only in a completion record of a run that died before writing the
 * tables (recovered). Everything else runs, longest first. Spark-free, so the rule is unit-tested alone.
 *
 * @param toRun pairs to compute, by descending cost (pixels times iterations)
 * @param skipped pairs finished according to the previous {@code results/}, by id
 * @param recovered pairs finished according to their completion records, by id
 */
public record ResumePlan(List<PairSpec> toRun, Map<String, PairOutcome> skipped, Map<String, PairOutcome> recovered) {

  /** Where an earlier run's work can be found. */
  public interface Evidence {
    /** The previous {@code results/} row of {@code id}, or null. */
    PairOutcome previousResult(String id);

    /** The completion record of {@code id}, or null. */
    PairOutcome completionRecord(String id);

    boolean imageExists(String id);
  }

  /**
   * @param fingerprint the settings fingerprint a pair would be written with in this run
   */
  public static ResumePlan of(List<PairSpec> pairs, Evidence evidence, Function<PairSpec, String> fingerprint) {
    List<PairSpec> toRun = new ArrayList<>();
    Map<String, PairOutcome> skipped = new LinkedHashMap<>();
    Map<String, PairOutcome> recovered = new LinkedHashMap<>();
    for (PairSpec p : pairs) {
      String f = fingerprint.apply(p);
      Predicate<PairOutcome> done = o -> o != null && finishedAs(o, p, f) && evidence.imageExists(p.id());
      PairOutcome previous = evidence.previousResult(p.id());
      if (done.test(previous)) {
        skipped.put(p.id(), previous);
        continue;
      }
      PairOutcome record = evidence.completionRecord(p.id());
      if (done.test(record)) {
        recovered.put(p.id(), record);
      } else {
        toRun.add(p);
      }
    }
    toRun.sort(Comparator.comparingLong(ResumePlan::cost).reversed());
    return new ResumePlan(List.copyOf(toRun), skipped, recovered);
  }

  /** True when {@code o} is a success of exactly this pair: same inputs, same settings. */
  static boolean finishedAs(PairOutcome o, PairSpec p, String fingerprint) {
    return o.succeeded() && p.contentUri().equals(o.contentUri()) && p.styleUri().equals(o.styleUri())
        && fingerprint.equals(o.settingsFingerprint());
  }

  private static long cost(PairSpec p) {
    return (long) io.stylebatch.transfer.ScaleSchedule.of(p.settings()).pixelEvaluations();
  }

  /** Pairs this run does not compute. */
  public int done() {
    return skipped.size() + recovered.size();
  }
}
