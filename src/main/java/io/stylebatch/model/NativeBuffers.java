package io.stylebatch.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native arrays one component allocated and must free: ND4J releases native memory only when the
 * Java object is collected, so everything preallocated is registered here and closed deterministically.
 */
public final class NativeBuffers implements AutoCloseable {
  private final List<INDArray> owned = new ArrayList<>();

  /** Registers {@code array} for {@link #close()} and returns it. */
  public INDArray own(INDArray array) {
    owned.add(array);
    return array;
  }

  /** A new zero-filled array of {@code shape}, registered for {@link #close()}. */
  public INDArray create(DataType type, long... shape) {
    return own(Nd4j.create(type, shape));
  }

  @Override
  public void close() {
    owned.forEach(INDArray::close);
    owned.clear();
  }
}
