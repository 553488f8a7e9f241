package io.stylebatch.transfer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * L-BFGS on a non-convex objective, where the Armijo line search accepts steps with s.y &lt;= 0: such a pair
 * must not enter the history, also when the history is full (its slot then holds the oldest pair, which the
 * rejected one must not corrupt). Checked against a reference written from the textbook two-loop recursion
 * over a list of the last accepted pairs.
 */
class LbfgsHistoryTest {
  private static final int N = 6;
  private static final int HISTORY = 3;
  /** Accepted iterates compared: the descent, before steps shrink to rounding near the minimum. */
  private static final int COMPARED = 25;

  /**
   * f(x) = -3 tanh(x_0 - 3) + 0.01 x_0^2 + sum_{i>0} i x_i^2 / 2: a convex bowl in x_1..x_5 that fills the history
   * first, and along x_0 a slope that steepens (negative curvature for x_0 &lt; 3), where accepted steps have
   * s.y &lt; 0.
   */
  static double value(double[] x, double[] g) {
    double t = Math.tanh(x[0] - 3);
    double f = -3 * t + 0.01 * x[0] * x[0];
    g[0] = -3 * (1 - t * t) + 0.02 * x[0];
    for (int i = 1; i < x.length; i++) {
      f += 0.5 * i * x[i] * x[i];
      g[i] = i * x[i];
    }
    return f;
  }

  static double[] start() {
    double[] x = new double[N];
    for (int i = 1; i < N; i++) {
      x[i] = 1.0 + 0.3 * i;
    }
    return x;
  }

  /** The objective for the product optimizer; records the value at every accepted iterate. */
  static final class DoubleWells implements Objective {
    final INDArray x = Nd4j.create(start(), new long[] {N}, 'c').castTo(DataType.DOUBLE);
    final INDArray g = Nd4j.create(DataType.DOUBLE, N);
    final List<Double> accepted = new ArrayList<>();
    double last;

    @Override
    public INDArray point() {
      return x;
    }

    @Override
    public INDArray gradient() {
      return g;
    }

    @Override
    public double evaluate() {
      double[] gradient = new double[N];
      last = value(x.toDoubleVector(), gradient);
      for (int i = 0; i < N; i++) {
        g.putScalar(i, gradient[i]);
      }
      return last;
    }

    @Override
    public void accepted() {
      accepted.add(last);
    }
  }

  /** The reference: the same line search and rules, the history a list of the last accepted pairs. */
  static final class Reference {
    final List<Double> accepted = new ArrayList<>();
    int rejectedWithFullHistory;

    void minimize(int maxEvaluations) {
      double[] x = start();
      double[] g = new double[N];
      double f = value(x, g);
      accepted.add(f);
      int evaluations = 1;
      Deque<double[][]> pairs = new ArrayDeque<>(); // newest first: {s, y}
      boolean first = true;
      while (evaluations < maxEvaluations) {
        double[] d = g.clone();
        List<Double> alphas = new ArrayList<>();
        for (double[][] p : pairs) {
          double a = dot(p[0], d) / dot(p[1], p[0]);
          alphas.add(a);
          axpy(d, -a, p[1]);
        }
        if (!pairs.isEmpty()) {
          double[][] newest = pairs.peekFirst();
          double scale = dot(newest[1], newest[0]) / dot(newest[1], newest[1]);
          for (int i = 0; i < N; i++) {
            d[i] *= scale;
          }
        }
        int k = pairs.size() - 1;
        for (var it = pairs.descendingIterator(); it.hasNext(); k--) {
          double[][] p = it.next();
          double beta = dot(p[1], d) / dot(p[1], p[0]);
          axpy(d, alphas.get(k) - beta, p[0]);
        }
        for (int i = 0; i < N; i++) {
          d[i] = -d[i];
        }
        double gtd = dot(g, d);
        if (!(gtd < 0)) {
          pairs.clear();
          for (int i = 0; i < N; i++) {
            d[i] = -g[i];
          }
          gtd = dot(g, d);
          first = true;
          if (!(gtd < 0)) {
            break;
          }
        }
        double step = first ? Math.min(1.0, 1.0 / sumAbs(g)) : 1.0;
        first = false;
        double[] x0 = x.clone();
        double[] g0 = g.clone();
        double f0 = f;
        boolean improved = false;
        for (int trial = 0; trial <= 10 && evaluations < maxEvaluations; trial++) {
          for (int i = 0; i < N; i++) {
            x[i] = x0[i] + step * d[i];
          }
          f = value(x, g);
          evaluations++;
          if (f <= f0 + 1e-4 * step * gtd) {
            improved = true;
            break;
          }
          step *= 0.5;
        }
        if (!improved) {
          break;
        }
        accepted.add(f);
        double[] s = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
          s[i] = x[i] - x0[i];
          y[i] = g[i] - g0[i];
        }
        if (dot(y, s) > 1e-10) {
          pairs.addFirst(new double[][] {s, y});
          if (pairs.size() > HISTORY) {
            pairs.removeLast();
          }
        } else if (pairs.size() == HISTORY && accepted.size() <= COMPARED) {
          rejectedWithFullHistory++; // a real step with negative curvature, not rounding near the minimum
        }
      }
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void axpy(double[] y, double a, double[] x) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  static double sumAbs(double[] a) {
    double s = 0;
    for (double v : a) {
      s += Math.abs(v);
    }
    return s;
  }

  @Test
  void aRejectedCurvaturePairNeverCorruptsAFullHistory() {
    int budget = 80;
    Reference reference = new Reference();
    reference.minimize(budget);
    assertTrue(reference.rejectedWithFullHistory >= 1, "the objective must reject a pair with a full history: "
        + reference.rejectedWithFullHistory);
    DoubleWells objective = new DoubleWells();
    try (LbfgsOptimizer lbfgs = new LbfgsOptimizer(HISTORY, DataType.DOUBLE, N)) {
      lbfgs.minimize(objective, budget);
    }
    assertTrue(objective.accepted.size() > COMPARED && reference.accepted.size() > COMPARED, "accepted iterates: "
        + objective.accepted + " vs the reference " + reference.accepted);
    for (int i = 0; i <= COMPARED; i++) {
      assertEquals(reference.accepted.get(i), objective.accepted.get(i),
          1e-9 * Math.max(1, Math.abs(reference.accepted.get(i))), "iterate " + i);
    }
  }
}
