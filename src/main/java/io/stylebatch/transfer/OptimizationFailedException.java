package io.stylebatch.transfer;

/** The optimization could not continue, e.g. a loss became NaN or infinite at a given iteration. */
public class OptimizationFailedException extends RuntimeException {
  private final int iteration;

  public OptimizationFailedException(int iteration, String message) {
    super(message);
    this.iteration = iteration;
  }

  public int iteration() {
    return iteration;
  }
}
