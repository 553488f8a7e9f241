package io.stylebatch.transfer.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, over preallocated vectors.
 *
 * <p>As in the reference implementations the unit step is tried first (the first iteration scales it
 * by 1/|g|_1); a step that does not decrease the loss enough is halved, each trial costing one
 * evaluation. Curvature pairs with non-positive s.y are skipped, which keeps the inverse-Hessian
 * estimate positive definite; a skipped pair leaves the history as it was. The vector work runs where it is cheapest for the image's size
 * ({@link VectorKernels}).
 */
public final class LbfgsOptimizer extends VectorOptimizer {
  private static final double ARMIJO_C1 = 1e-4;
  private static final int MAX_BACKTRACKS = 10;

  private final int history;
  private final INDArray[] s;
  private final INDArray[] y;
  private final double[] rho;
  private final double[] alpha;
  private final INDArray direction;
  // Not final: an accepted curvature pair is swapped into the history, the slot's old buffers take their place.
  private INDArray previousPoint;
  private INDArray previousGradient;
  private final VectorKernels kernels;

  public LbfgsOptimizer(int history, DataType type, long length) {
    this(history, type, length, VectorKernels.forLength(length));
  }

  LbfgsOptimizer(int history, DataType type, long length, VectorKernels kernels) {
    super(type, length);
    this.history = history;
    s = new INDArray[history];
    y = new INDArray[history];
    rho = new double[history];
    alpha = new double[history];
    for (int i = 0; i < history; i++) {
      s[i] = vector();
      y[i] = vector();
    }
    direction = vector();
    previousPoint = vector();
    previousGradient = vector();
    this.kernels = kernels;
  }

  @Override
  public int minimize(Objective objective, int maxEvaluations) {
    INDArray x = objective.pointVector();
    INDArray g = objective.gradientVector();
    double f = objective.evaluate();
    objective.accepted();
    int evaluations = 1;
    int accepted = 1;
    int stored = 0;
    int newest = -1;
    boolean first = true;
    while (evaluations < maxEvaluations) {
      // Two-loop recursion: direction = -H g.
      kernels.linear(direction, 1, g, 0, null);
      for (int k = 0; k < stored; k++) {
        int i = Math.floorMod(newest - k, history);
        alpha[i] = rho[i] * kernels.dot(s[i], direction);
        kernels.linear(direction, 1, direction, -alpha[i], y[i]);
      }
      if (stored > 0) {
        double sy = 1.0 / rho[newest];
        double yy = kernels.dot(y[newest], y[newest]);
        kernels.linear(direction, sy / yy, direction, 0, null);
      }
      for (int k = stored - 1; k >= 0; k--) {
        int i = Math.floorMod(newest - k, history);
        double beta = rho[i] * kernels.dot(y[i], direction);
        kernels.linear(direction, 1, direction, alpha[i] - beta, s[i]);
      }
      kernels.linear(direction, -1, direction, 0, null);
      double gtd = kernels.dot(g, direction);
      if (!(gtd < 0)) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        stored = 0;
        kernels.linear(direction, -1, g, 0, null);
        gtd = kernels.dot(g, direction);
        first = true;
        if (!(gtd < 0)) {
          break; // zero gradient: converged
        }
      }
      double step = first ? Math.min(1.0, 1.0 / kernels.sumOfAbsolutes(g)) : 1.0;
      first = false;
      kernels.linear(previousPoint, 1, x, 0, null);
      kernels.linear(previousGradient, 1, g, 0, null);
      double previousF = f;
      boolean improved = false;
      for (int trial = 0; trial <= MAX_BACKTRACKS && evaluations < maxEvaluations; trial++) {
        kernels.linear(x, 1, previousPoint, step, direction);
        f = objective.evaluate();
        evaluations++;
        if (f <= previousF + ARMIJO_C1 * step * gtd) {
          improved = true;
          break;
        }
        step *= 0.5;
      }
      if (!improved) {
        // Budget or backtracking exhausted: stay at the last accepted point.
        kernels.linear(x, 1, previousPoint, 0, null);
        kernels.linear(g, 1, previousGradient, 0, null);
        break;
      }
      accepted = evaluations;
      objective.accepted();
      // The new pair is formed in the previous point's and gradient's buffers (no longer needed), so that a
      // rejected pair never touches the history: with a full history, the oldest pair stays usable.
      kernels.linear(previousPoint, 1, x, -1, previousPoint);
      kernels.linear(previousGradient, 1, g, -1, previousGradient);
      double ys = kernels.dot(previousGradient, previousPoint);
      if (ys > 1e-10) {
        int slot = (newest + 1) % history;
        INDArray freeS = s[slot];
        INDArray freeY = y[slot];
        s[slot] = previousPoint;
        y[slot] = previousGradient;
        previousPoint = freeS;
        previousGradient = freeY;
        rho[slot] = 1.0 / ys;
        newest = slot;
        stored = Math.min(stored + 1, history);
      }
    }
    return accepted;
  }
}
