package io.stylebatch.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;

/**
 * The driver's steps of a run, one after the other, with their wall time: each step also names the Spark
 * jobs it starts (the UI's job description). The run's last log line lists them, so the time outside the
 * optimization (manifest, output checks, tables, report) is visible in every run, not only in a benchmark.
 */
public final class RunPhases {
  /** One finished step and its wall time. */
  public record Phase(String name, long millis) {}

  private final SparkContext spark;
  private final String prefix;
  private final List<Phase> finished = new ArrayList<>();
  private String current;
  private long since;

  RunPhases(SparkContext spark, String prefix) {
    this.spark = spark;
    this.prefix = prefix;
  }

  /** Ends the step under way, if any, and starts {@code name}. */
  void begin(String name) {
    end();
    current = name;
    since = System.nanoTime();
    spark.setJobDescription(prefix + name);
  }

  /** Ends the step under way, if any. */
  void end() {
    if (current != null) {
      finished.add(new Phase(current, (System.nanoTime() - since) / 1_000_000));
      current = null;
    }
  }

  List<Phase> finished() {
    return List.copyOf(finished);
  }

  /** E.g. {@code read manifest 1.2 s, optimize 8 pairs 58.0 s, write tables 2.1 s}. */
  static String describe(List<Phase> phases) {
    return phases.stream().map(p -> String.format(Locale.ROOT, "%s %.1f s", p.name(), p.millis() / 1000.0))
        .collect(Collectors.joining(", "));
  }
}
