package io.stylebatch.transfer;

import io.stylebatch.model.NativeBuffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The total-variation term: the sum of squared differences between vertically and horizontally
 * neighbouring pixels. It is local and cheap, so both the whole-image and the tiled objective evaluate it
 * on the whole image, bound once to the image and gradient buffers.
 */
final class TotalVariation implements AutoCloseable {
  private final NativeBuffers buffers = new NativeBuffers();
  private final Direction vertical;
  private final Direction horizontal;

  private record Direction(INDArray next, INDArray prev, INDArray diff, INDArray gradNext, INDArray gradPrev) {}

  /** @param image and {@code gradient}: {@code [1, 3, H, W]} */
  TotalVariation(INDArray image, INDArray gradient) {
    long h = image.size(2);
    long w = image.size(3);
    vertical = h > 1 ? direction(image, gradient, NDArrayIndex.interval(1, h), NDArrayIndex.interval(0, h - 1), true) : null;
    horizontal = w > 1 ? direction(image, gradient, NDArrayIndex.interval(1, w), NDArrayIndex.interval(0, w - 1), false) : null;
  }

  private Direction direction(INDArray x, INDArray g, INDArrayIndex next, INDArrayIndex prev, boolean rows) {
    return new Direction(along(x, next, rows), along(x, prev, rows),
        buffers.create(x.dataType(), along(x, next, rows).shape()), along(g, next, rows), along(g, prev, rows));
  }

  private static INDArray along(INDArray a, INDArrayIndex index, boolean rows) {
    return rows ? a.get(NDArrayIndex.all(), NDArrayIndex.all(), index, NDArrayIndex.all())
        : a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), index);
  }

  /** Returns the (unweighted) TV of the image and adds {@code weight} times its gradient to the gradient buffer. */
  double addGradient(double weight) {
    double tv = 0;
    for (Direction d : new Direction[] {vertical, horizontal}) {
      if (d == null) {
        continue;
      }
      d.next.sub(d.prev, d.diff);
      tv += GatysObjective.sumOfSquares(d.diff);
      d.diff.muli(2.0 * weight);
      d.gradNext.addi(d.diff);
      d.gradPrev.subi(d.diff);
    }
    return tv;
  }

  @Override
  public void close() {
    buffers.close();
  }
}
