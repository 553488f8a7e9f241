package io.stylebatch.manifest;

import java.util.List;

/** A manifest that cannot be run; lists every problem found, each naming its row and column. */
public class ManifestException extends RuntimeException {
  private final List<String> problems;

  public ManifestException(String manifestUri, List<String> problems) {
    this(manifestUri, listOf(problems));
  }

  public ManifestException(String manifestUri, ProblemList problems) {
    super("invalid manifest " + manifestUri + " (" + problems.count() + "):" + problems.lines());
    this.problems = problems.shown();
  }

  /** One problem caused by {@code cause} (the manifest could not be read), kept for the log. */
  public ManifestException(String manifestUri, String problem, Throwable cause) {
    this(manifestUri, List.of(problem));
    initCause(cause);
  }

  private static ProblemList listOf(List<String> problems) {
    ProblemList list = new ProblemList();
    problems.forEach(list::add);
    return list;
  }

  /** The problems listed word for word (at most {@link ProblemList#SHOWN}). */
  public List<String> problems() {
    return problems;
  }
}
