package io.stylebatch.transfer.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an optimizer hands to its successor at the next scale of a coarse-to-fine run: vectors of the point's
 * length (the caller resamples them to the next point's size, as it does the image) and a step count. Owns its
 * vectors. Empty for an optimizer whose state does not survive a change of size (L-BFGS's curvature pairs).
 */
public record OptimizerState(List<INDArray> vectors, int steps) implements AutoCloseable {
  public static final OptimizerState NONE = new OptimizerState(List.of(), 0);

  public OptimizerState {
    vectors = List.copyOf(vectors);
  }

  public boolean isEmpty() {
    return vectors.isEmpty();
  }

  @Override
  public void close() {
    vectors.forEach(INDArray::close);
  }
}
