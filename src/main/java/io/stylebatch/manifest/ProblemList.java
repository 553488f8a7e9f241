package io.stylebatch.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems found in a manifest or its inputs, in the order found: the first {@link #SHOWN} are kept word for word,
 * the rest only counted, so a catalog with a million bad rows costs a bounded amount of memory and an error
 * message a person can read.
 */
public final class ProblemList {
  /** Problems listed one by one; the message ends with the count of the rest. */
  public static final int SHOWN = 100;

  private final List<String> first = new ArrayList<>();
  private long total;

  public void add(String problem) {
    total++;
    if (first.size() < SHOWN) {
      first.add(problem);
    }
  }

  public boolean isEmpty() {
    return total == 0;
  }

  /** How many problems were found. */
  public long total() {
    return total;
  }

  /** The problems kept word for word: the first {@link #SHOWN}. */
  public List<String> shown() {
    return List.copyOf(first);
  }

  /** "N problem(s)". */
  public String count() {
    return total + " problem" + (total == 1 ? "" : "s");
  }

  /** One line per kept problem, and "… and M more" when some were only counted. */
  public String lines() {
    StringBuilder b = new StringBuilder();
    first.forEach(p -> b.append("\n  - ").append(p));
    if (total > first.size()) {
      b.append("\n  … and ").append(total - first.size()).append(" more (the first ").append(first.size())
          .append(" are listed)");
    }
    return b.toString();
  }
}
