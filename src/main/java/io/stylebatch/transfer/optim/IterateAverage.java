package io.stylebatch.transfer.optim;

import io.stylebatch.model.NativeBuffers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the optimizer's accepted iterates, bias-corrected (divided by
 * 1 - decay^k after k iterates, as Adam's moments are) so that early averages are not pulled towards zero.
 * Averaging removes the iterate noise of the last steps; the written image is the average.
 */
public final class IterateAverage implements AutoCloseable {
  private final double decay;
  private final NativeBuffers buffers = new NativeBuffers();
  private final INDArray sum;
  private int count;

  public IterateAverage(double decay, INDArray like) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
    }
    this.decay = decay;
    this.sum = buffers.create(like.dataType(), like.shape());
  }

  /** Folds in one iterate. */
  public void add(INDArray iterate) {
    DirectVector.linear(sum, decay, sum, 1 - decay, iterate);
    count++;
  }

  int count() {
    return count;
  }

  /** Writes the bias-corrected average into {@code target}. */
  public void writeInto(INDArray target) {
    if (count == 0) {
      throw new IllegalStateException("no iterate was averaged");
    }
    DirectVector.linear(target, 1 / (1 - Math.pow(decay, count)), sum, 0, null);
  }

  @Override
  public void close() {
    buffers.close();
  }
}
