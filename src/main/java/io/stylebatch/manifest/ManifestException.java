package io.stylebatch.manifest;

import java.util.List;

/** A manifest that cannot be run; lists every problem found, each naming its row and column. */
public class ManifestException extends RuntimeException {
  private final List<String> problems;

  public ManifestException(String manifestUri, List<String> problems) {
    super("invalid manifest " + manifestUri + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
