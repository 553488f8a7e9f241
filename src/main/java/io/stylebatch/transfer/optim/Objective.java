package io.stylebatch.transfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an optimizer minimizes: a function of a point held in a fixed buffer. The optimizer moves
 * {@link #point()} in place and calls {@link #evaluate()}, which returns the value and leaves the
 * gradient in {@link #gradient()}. Each call is one evaluation, the unit of the {@code iterations} budget;
 * {@link #accepted()} marks the points the optimizer moves through, the iterates that the loss log shows.
 */
public interface Objective {
  INDArray point();

  INDArray gradient();

  double evaluate();

  /**
   * Says that {@link #point()} is now an accepted iterate of the optimizer and that the last
   * {@link #evaluate()} was at this point. The first call is the starting image (iteration 0); line-search
   * trial points that are rejected never get this call.
   */
  void accepted();

  /** {@link #point()} as a flat vector view (the optimizers' view of the image). */
  default INDArray pointVector() {
    return point().reshape(point().length());
  }

  /** {@link #gradient()} as a flat vector view. */
  default INDArray gradientVector() {
    return gradient().reshape(gradient().length());
  }
}
