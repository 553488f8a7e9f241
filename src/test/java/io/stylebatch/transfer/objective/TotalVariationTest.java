package io.stylebatch.transfer.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The total-variation term against its definition, and its gradient against finite differences. */
class TotalVariationTest {
  @Test
  void valueAndGradientMatchTheDefinition() {
    int c = 3;
    int h = 5;
    int w = 7;
    SplittableRandom random = new SplittableRandom(3);
    try (INDArray image = Nd4j.create(DataType.DOUBLE, 1, c, h, w);
        INDArray gradient = Nd4j.create(DataType.DOUBLE, 1, c, h, w)) {
      for (long i = 0; i < image.length(); i++) {
        image.putScalar(i, random.nextDouble() * 10 - 5);
      }
      gradient.assign(0.25);
      double weight = 0.7;
      double tv = new TotalVariation(image, gradient).addGradient(weight);
      assertEquals(definition(image), tv, 1e-9 * tv);
      double eps = 1e-5;
      for (long i = 0; i < image.length(); i++) {
        double original = image.getDouble(i);
        image.putScalar(i, original + eps);
        double up = definition(image);
        image.putScalar(i, original - eps);
        double down = definition(image);
        image.putScalar(i, original);
        double expected = 0.25 + weight * (up - down) / (2 * eps);
        assertEquals(expected, gradient.getDouble(i), 1e-5, "gradient at " + i + " (added to 0.25)");
      }
    }
  }

  private static double definition(INDArray x) {
    double sum = 0;
    for (int c = 0; c < x.size(1); c++) {
      for (int y = 0; y < x.size(2); y++) {
        for (int col = 0; col < x.size(3); col++) {
          if (y + 1 < x.size(2)) {
            double d = x.getDouble(0, c, y + 1, col) - x.getDouble(0, c, y, col);
            sum += d * d;
          }
          if (col + 1 < x.size(3)) {
            double d = x.getDouble(0, c, y, col + 1) - x.getDouble(0, c, y, col);
            sum += d * d;
          }
        }
      }
    }
    return sum;
  }
}
