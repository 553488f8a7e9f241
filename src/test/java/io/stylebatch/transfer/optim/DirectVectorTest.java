package io.stylebatch.transfer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

  @Test
  void dotAndOneNormSumInDouble() {
    try (INDArray a = Nd4j.createFromArray(1f, -2f, 3f, 1e-8f, 5f);
        INDArray b = Nd4j.createFromArray(2f, 0.5f, -1f, 1e8f, 0f)) {
      assertEquals(2 - 1 - 3 + (double) 1e-8f * 1e8f, DirectVector.dot(a, b), 1e-12);
      assertEquals(1 + 2 + 3 + (double) 1e-8f + 5, DirectVector.sumOfAbsolutes(a), 1e-12);
    }
  }

  @Test
  void subtractsInPlaceAndSumsTheSquaresOfWhatItStored() {
    try (INDArray gram = Nd4j.createFromArray(1.5f, 2f, -1f); INDArray target = Nd4j.createFromArray(0.5f, 4f, -1f)) {
      assertEquals(1 + 4 + 0, DirectVector.subtractAndSumSquares(gram, target), 1e-12);
      assertEquals(List.of(1.0, -2.0, 0.0), values(gram));
    }
  }

  @Test
  void linearCombinationMayWriteOverEitherInput() {
    try (INDArray x = Nd4j.createFromArray(1.0, 2.0, 3.0);
        INDArray y = Nd4j.createFromArray(10.0, 20.0, 30.0);
        INDArray out = Nd4j.create(DataType.DOUBLE, 3)) {
      DirectVector.linear(out, 2, x, -1, y);
      assertEquals(List.of(-8.0, -16.0, -24.0), values(out));
      DirectVector.linear(y, 0.5, y, 1, x); // y = y / 2 + x
      assertEquals(List.of(6.0, 12.0, 18.0), values(y));
      DirectVector.linear(x, -3, x, 99, null); // the second term is left out
      assertEquals(List.of(-3.0, -6.0, -9.0), values(x));
    }
  }

  @Test
  void linearCombinationRefusesVectorsOfDifferentLengths() {
    try (INDArray a = Nd4j.create(DataType.FLOAT, 3); INDArray b = Nd4j.create(DataType.FLOAT, 4)) {
      assertThrows(IllegalArgumentException.class, () -> DirectVector.linear(a, 1, b, 0, null));
      assertThrows(IllegalArgumentException.class, () -> DirectVector.dot(a, b));
    }
  }

  private static List<Double> values(INDArray a) {
    return java.util.Arrays.stream(a.toDoubleVector()).boxed().toList();
  }
}
