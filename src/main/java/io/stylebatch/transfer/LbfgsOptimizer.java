package io.stylebatch.transfer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, over preallocated vectors.
 *
 * <p>As in the reference implementations the unit step is tried first (the first iteration scales it
 * by 1/|g|_1); a step that does not decrease the loss enough is halved, each trial costing one
 * evaluation. Curvature pairs with non-positive s.y are skipped, which keeps the inverse-Hessian
 * estimate positive definite.
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
  private final INDArray previousPoint;
  private final INDArray previousGradient;

  public LbfgsOptimizer(int history, DataType type, long length) {
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
  }

  @Override
  public int minimize(Objective objective, int maxEvaluations) {
    INDArray x = objective.pointVector();
    INDArray g = objective.gradientVector();
    long n = x.length();
    double f = objective.evaluate();
    objective.accepted();
    int evaluations = 1;
    int accepted = 1;
    int stored = 0;
    int newest = -1;
    boolean first = true;
    while (evaluations < maxEvaluations) {
      // Two-loop recursion: direction = -H g.
      direction.assign(g);
      for (int k = 0; k < stored; k++) {
        int i = Math.floorMod(newest - k, history);
        alpha[i] = rho[i] * blas.dot(n, 1.0, s[i], direction);
        blas.axpy(n, -alpha[i], y[i], direction);
      }
      if (stored > 0) {
        double sy = 1.0 / rho[newest];
        double yy = blas.dot(n, 1.0, y[newest], y[newest]);
        direction.muli(sy / yy);
      }
      for (int k = stored - 1; k >= 0; k--) {
        int i = Math.floorMod(newest - k, history);
        double beta = rho[i] * blas.dot(n, 1.0, y[i], direction);
        blas.axpy(n, alpha[i] - beta, s[i], direction);
      }
      direction.negi();
      double gtd = blas.dot(n, 1.0, g, direction);
      if (!(gtd < 0)) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        stored = 0;
        direction.assign(g).negi();
        gtd = blas.dot(n, 1.0, g, direction);
        first = true;
        if (!(gtd < 0)) {
          break; // zero gradient: converged
        }
      }
      double step = first ? Math.min(1.0, 1.0 / g.norm1Number().doubleValue()) : 1.0;
      first = false;
      previousPoint.assign(x);
      previousGradient.assign(g);
      double previousF = f;
      boolean improved = false;
      for (int trial = 0; trial <= MAX_BACKTRACKS && evaluations < maxEvaluations; trial++) {
        x.assign(previousPoint);
        blas.axpy(n, step, direction, x);
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
        x.assign(previousPoint);
        g.assign(previousGradient);
        break;
      }
      accepted = evaluations;
      objective.accepted();
      int slot = (newest + 1) % history;
      s[slot].assign(x).subi(previousPoint);
      y[slot].assign(g).subi(previousGradient);
      double ys = blas.dot(n, 1.0, y[slot], s[slot]);
      if (ys > 1e-10) {
        rho[slot] = 1.0 / ys;
        newest = slot;
        stored = Math.min(stored + 1, history);
      }
    }
    return accepted;
  }
}
