package io.stylebatch.transfer;

import io.stylebatch.transfer.objective.LossValues;
import io.stylebatch.transfer.optim.OptimizationFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss log of one optimization: counts evaluations, numbers the accepted iterates (0 = the start) across
 * all scales, keeps every {@code interval}-th iterate plus the first and the last (of each scale), and fails the run on a
 * non-finite loss, naming the evaluation.
 */
final class LossLog {
  private final int interval;
  private final IterationListener listener;
  private final long startNanos;
  private final List<LossRecord> kept = new ArrayList<>();
  private int evaluations;
  private LossValues lastEvaluated;
  private LossRecord lastAccepted;
  private int scale;
  private boolean scaleStarted;

  LossLog(int interval, IterationListener listener, long startNanos) {
    this.interval = interval;
    this.listener = listener;
    this.startNanos = startNanos;
  }

  /** The following evaluations are at a new scale (image size); its first accepted iterate is always kept. */
  void startScale(int size) {
    scale = size;
    scaleStarted = true;
  }

  /** Records one evaluation and returns its total loss. */
  double evaluated(LossValues values) {
    evaluations++;
    if (!values.isFinite()) {
      throw new OptimizationFailedException(evaluations, "loss became non-finite at evaluation " + evaluations
          + " (content=" + values.content() + ", style=" + values.style() + ", tv=" + values.tv()
          + ", total=" + values.total() + ")");
    }
    lastEvaluated = values;
    return values.total();
  }

  /** The point of the last evaluation is the next accepted iterate. */
  void accepted() {
    int iteration = lastAccepted == null ? 0 : lastAccepted.iteration() + 1;
    if (scaleStarted && lastAccepted != null && (kept.isEmpty() || kept.get(kept.size() - 1) != lastAccepted)) {
      kept.add(lastAccepted); // the last iterate of the previous scale
    }
    lastAccepted = new LossRecord(iteration, evaluations, lastEvaluated, (System.nanoTime() - startNanos) / 1_000_000,
        scale);
    if (iteration % interval == 0 || scaleStarted) {
      kept.add(lastAccepted);
    }
    scaleStarted = false;
    listener.onIteration(lastAccepted);
  }

  int evaluations() {
    return evaluations;
  }

  /** The kept records, ending with the last accepted iterate (the point the optimizer left). */
  List<LossRecord> finish() {
    if (lastAccepted == null) {
      throw new IllegalStateException("the optimizer accepted no point");
    }
    if (kept.isEmpty() || kept.get(kept.size() - 1) != lastAccepted) {
      kept.add(lastAccepted);
    }
    return List.copyOf(kept);
  }
}
