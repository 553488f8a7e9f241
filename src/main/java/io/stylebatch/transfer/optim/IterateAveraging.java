package io.stylebatch.transfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Iterate averaging around any optimizer: the wrapped optimizer spends all but the last evaluation of the budget,
 * every iterate it accepts is folded into an {@link IterateAverage}, and the last evaluation is spent on the
 * average, which becomes the point. The optimizer's own state is handed over unchanged.
 */
public final class IterateAveraging implements Optimizer {
  private final Optimizer optimizer;
  private final double decay;

  public IterateAveraging(Optimizer optimizer, double decay) {
    this.optimizer = optimizer;
    this.decay = decay;
  }

  @Override
  public int minimize(Objective objective, int maxEvaluations) {
    if (maxEvaluations < 2) {
      return optimizer.minimize(objective, maxEvaluations); // no evaluation to spare for the average
    }
    INDArray x = objective.point();
    try (IterateAverage average = new IterateAverage(decay, x)) {
      int spent = optimizer.minimize(new Objective() {
        @Override
        public INDArray point() {
          return objective.point();
        }

        @Override
        public INDArray gradient() {
          return objective.gradient();
        }

        @Override
        public double evaluate() {
          return objective.evaluate();
        }

        @Override
        public void accepted() {
          objective.accepted();
          average.add(x);
        }
      }, maxEvaluations - 1);
      average.writeInto(x);
      objective.evaluate();
      objective.accepted();
      return spent + 1;
    }
  }

  @Override
  public OptimizerState handOver() {
    return optimizer.handOver();
  }

  @Override
  public void resume(OptimizerState state) {
    optimizer.resume(state);
  }

  @Override
  public void close() {
    optimizer.close();
  }
}
