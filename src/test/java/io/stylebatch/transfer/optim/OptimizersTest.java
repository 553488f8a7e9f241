package io.stylebatch.transfer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The optimizers' Java vector work against the formulas, on quadratics whose minimum is known. */
class OptimizersTest {
  /** Adam's update written out in doubles, step by step, for the same quadratic. */
  private static double[] adamReference(QuadraticObjective q, double[] start, double rate, int evaluations) {
    double[] x = start.clone();
    double[] m = new double[x.length];
    double[] v = new double[x.length];
    for (int t = 1; t < evaluations; t++) {
      for (int i = 0; i < x.length; i++) {
        double g = q.d[i] * (x[i] - q.c[i]);
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        x[i] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    return x;
  }

  @Test
  void adamFollowsItsFormulaInDoubleAndToFloatPrecisionInFloat() {
    double[] d = {1, 4, 0.25, 9};
    double[] c = {1, 2, -1, 0.5};
    double[] start = {5, -3, 1, 0};
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      QuadraticObjective q = new QuadraticObjective(type, d, c, start);
      try (AdamOptimizer adam = new AdamOptimizer(0.3, type, start.length)) {
        assertEquals(12, adam.minimize(q, 12));
      }
      double[] expected = adamReference(q, start, 0.3, 12);
      assertArrayEquals(expected, q.x.toDoubleVector(), type == DataType.DOUBLE ? 1e-12 : 1e-5, type.toString());
      assertEquals(12, q.evaluations);
    }
  }

  /**
   * Condition number 1000: steepest descent with the same line search would still be ~0.9 of the way from
   * the start in the flattest direction after 150 evaluations ((1 - 1/1000)^150); L-BFGS's two-loop
   * recursion gets within 1e-3 (about 2e-4 measured).
   */
  @ParameterizedTest
  @EnumSource(VectorKernels.class)
  void lbfgsMinimizesAnIllConditionedQuadraticInFewEvaluations(VectorKernels kernels) {
    int n = 40;
    SplittableRandom random = new SplittableRandom(3);
    double[] d = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.pow(1000, (double) i / (n - 1));
      c[i] = random.nextDouble() * 2 - 1;
    }
    QuadraticObjective q = new QuadraticObjective(DataType.DOUBLE, d, c, new double[n]);
    try (LbfgsOptimizer lbfgs = new LbfgsOptimizer(10, DataType.DOUBLE, n, kernels)) {
      lbfgs.minimize(q, 150);
    }
    double worst = 0;
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(q.x.getDouble(i) - c[i]));
    }
    assertTrue(worst < 1e-3, "largest distance to the minimum " + worst + " after " + q.evaluations + " evaluations");
  }

  /** The Java loops and the BLAS calls take L-BFGS through the same iterates (double: to rounding). */
  @Test
  void lbfgsFollowsTheSamePathWithEitherKernels() {
    int n = 30;
    SplittableRandom random = new SplittableRandom(8);
    double[] d = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 1 + 99 * random.nextDouble();
      c[i] = random.nextDouble() * 4 - 2;
    }
    double[][] ends = new double[2][];
    for (VectorKernels kernels : VectorKernels.values()) {
      QuadraticObjective q = new QuadraticObjective(DataType.DOUBLE, d, c, new double[n]);
      try (LbfgsOptimizer lbfgs = new LbfgsOptimizer(5, DataType.DOUBLE, n, kernels)) {
        lbfgs.minimize(q, 12);
      }
      ends[kernels.ordinal()] = q.x.toDoubleVector();
    }
    assertArrayEquals(ends[0], ends[1], 1e-9);
  }

  @Test
  void lbfgsStopsAtTheLastAcceptedPointWithItsGradient() {
    double[] d = {2, 3};
    double[] c = {1, -1};
    QuadraticObjective q = new QuadraticObjective(DataType.DOUBLE, d, c, new double[] {4, 4});
    try (LbfgsOptimizer lbfgs = new LbfgsOptimizer(5, DataType.DOUBLE, 2)) {
      int accepted = lbfgs.minimize(q, 7);
      assertTrue(q.evaluations <= 7, "the budget holds: " + q.evaluations + " evaluations");
      assertTrue(accepted >= 1 && accepted <= q.evaluations, "the last accepted point is one of them: " + accepted);
    }
    // Whatever the optimizer left in the buffers belongs together: the gradient is the point's.
    double[] x = q.x.toDoubleVector();
    assertArrayEquals(new double[] {d[0] * (x[0] - c[0]), d[1] * (x[1] - c[1])}, q.g.toDoubleVector(), 1e-12);
  }
}
