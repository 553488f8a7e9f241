package io.stylebatch.transfer.optim;

import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;

/** Minimizes an {@link Objective} within a budget of evaluations, over preallocated buffers. */
public interface Optimizer extends AutoCloseable {
  /**
   * Runs at most {@code maxEvaluations} evaluations and leaves {@link Objective#point()} at an
   * evaluated point.
   *
   * @return the 1-based number of the evaluation whose point {@link Objective#point()} now holds
   */
  int minimize(Objective objective, int maxEvaluations);

  /** Copies of the state worth carrying to the next scale, after {@link #minimize}; the caller closes it. */
  default OptimizerState handOver() {
    return OptimizerState.NONE;
  }

  /** Starts the next {@link #minimize} from a predecessor's state, resampled to this point's size. */
  default void resume(OptimizerState state) {
  }

  @Override
  void close();

  /**
   * The optimizer the settings ask for, sized for points of {@code length} elements, with iterate averaging
   * around it when {@code iterate-average} is on.
   */
  static Optimizer create(TransferSettings settings, org.nd4j.linalg.api.buffer.DataType type, long length) {
    Optimizer optimizer = switch (settings.get(TransferSetting.OPTIMIZER)) {
      case LBFGS -> new LbfgsOptimizer(settings.get(TransferSetting.LBFGS_HISTORY), type, length);
      case ADAM -> new AdamOptimizer(settings.get(TransferSetting.LEARNING_RATE), type, length);
    };
    double decay = settings.get(TransferSetting.ITERATE_AVERAGE);
    return decay > 0 ? new IterateAveraging(optimizer, decay) : optimizer;
  }
}
