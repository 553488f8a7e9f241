package io.stylebatch.transfer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an optimizer minimizes: a function of a point held in a fixed buffer. The optimizer moves
 * {@link #point()} in place and calls {@link #evaluate()}, which returns the value and leaves the
 * gradient in {@link #gradient()}. Each call is one iteration of the style-transfer loop.
 */
public interface Objective {
  INDArray point();

  INDArray gradient();

  double evaluate();

  /** {@link #point()} as a flat vector view (the optimizers' view of the image). */
  default INDArray pointVector() {
    return point().reshape(point().length());
  }

  /** {@link #gradient()} as a flat vector view. */
  default INDArray gradientVector() {
    return gradient().reshape(gradient().length());
  }
}
