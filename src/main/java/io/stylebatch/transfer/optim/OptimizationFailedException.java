package io.stylebatch.transfer.optim;

/** The optimization could not continue, e.g. a loss became NaN or infinite at a given evaluation. */
public class OptimizationFailedException extends RuntimeException {
  private final int evaluation;

  public OptimizationFailedException(int evaluation, String message) {
    super(message);
    this.evaluation = evaluation;
  }

  /** The 1-based loss/gradient evaluation at which it failed. */
  public int evaluation() {
    return evaluation;
  }
}
