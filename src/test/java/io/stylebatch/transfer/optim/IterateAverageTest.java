package io.stylebatch.transfer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IterateAverageTest {
  private static INDArray vector(double... v) {
    return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
  }

  @Test
  void biasCorrectionMakesTheAverageOfAConstantIterateThatConstant() {
    INDArray x = vector(2, -3, 5);
    try (IterateAverage average = new IterateAverage(0.99, x)) {
      INDArray out = vector(0, 0, 0);
      for (int k = 1; k <= 3; k++) {
        average.add(x);
        average.writeInto(out);
        assertArrayEquals(new double[] {2, -3, 5}, out.toDoubleVector(), 1e-12, "after " + k + " iterates");
      }
    }
  }

  @Test
  void weightsFollowTheExponentialMovingAverage() {
    double d = 0.5;
    try (IterateAverage average = new IterateAverage(d, vector(0))) {
      for (double v : List.of(1.0, 2.0, 4.0)) {
        average.add(vector(v));
      }
      INDArray out = vector(0);
      average.writeInto(out);
      // (d^2 (1-d) 1 + d (1-d) 2 + (1-d) 4) / (1 - d^3)
      double expected = ((d * d * (1 - d)) * 1 + (d * (1 - d)) * 2 + (1 - d) * 4) / (1 - d * d * d);
      assertEquals(expected, out.getDouble(0), 1e-12);
      assertEquals(3, average.count());
    }
  }

  @Test
  void anAverageOfNothingIsAnError() {
    try (IterateAverage average = new IterateAverage(0.9, vector(0))) {
      assertThrows(IllegalStateException.class, () -> average.writeInto(vector(0)));
    }
    assertThrows(IllegalArgumentException.class, () -> new IterateAverage(1.0, vector(0)));
  }
}
