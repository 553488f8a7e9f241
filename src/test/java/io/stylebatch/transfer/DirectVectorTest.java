package io.stylebatch.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DirectVectorTest {
  /** A million float squares summed in double: exact to 1e-12, where libnd4j's norm2 was off by ~1e-4. */
  @Test
  void sumOfSquaresOfFloatsIsAccurate() {
    int n = 1 << 20;
    SplittableRandom random = new SplittableRandom(5);
    float[] values = new float[n];
    double exact = 0;
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() - 0.5);
      exact += (double) values[i] * values[i];
    }
    try (INDArray a = Nd4j.createFromArray(values)) {
      assertEquals(exact, DirectVector.sumOfSquares(a), 1e-12 * exact);
    }
  }

  @Test
  void readsAndWritesTheArraysOwnMemoryIncludingOffsetViews() {
    try (INDArray a = Nd4j.arange(0, 24).castTo(DataType.DOUBLE).reshape(4, 6)) {
      INDArray rows = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
      DirectVector v = DirectVector.of(rows);
      assertEquals(12, v.length());
      assertEquals(6.0, v.get(0));
      v.set(11, -1);
      assertEquals(-1.0, a.getDouble(2, 5));
      assertEquals(6 * 6 + 7 * 7 + 8 * 8 + 9 * 9 + 10 * 10 + 11 * 11 + 12 * 12 + 13 * 13 + 14 * 14 + 15 * 15
          + 16 * 16 + 1, DirectVector.sumOfSquares(rows), 1e-9);
    }
  }

  @Test
  void refusesStridedViews() {
    try (INDArray a = Nd4j.create(DataType.FLOAT, 4, 6)) {
      INDArray columns = a.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
      assertThrows(IllegalArgumentException.class, () -> DirectVector.of(columns));
    }
  }
}
