package io.stylebatch.transfer.optim;

import io.stylebatch.model.NativeBuffers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the optimizers share: state vectors of the point's length, preallocated and freed together. */
abstract class VectorOptimizer implements Optimizer {
  private final NativeBuffers buffers = new NativeBuffers();
  private final DataType type;
  private final long length;

  VectorOptimizer(DataType type, long length) {
    this.type = type;
    this.length = length;
  }

  /** A new zero vector of the point's length, freed by {@link #close()}. */
  protected final INDArray vector() {
    return buffers.create(type, length);
  }

  @Override
  public final void close() {
    buffers.close();
  }
}
