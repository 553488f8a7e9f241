package io.stylebatch.transfer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two ways of doing L-BFGS's vector work agree, including when the output is one of the inputs. */
class VectorKernelsTest {
  private static INDArray random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Nd4j.createFromArray(v);
  }

  @Test
  void javaAndNativeKernelsAgreeToFloatPrecision() {
    int n = 10_007;
    for (int c = 0; c < 5; c++) {
      double[][] results = new double[2][];
      double[] dots = new double[2];
      double[] norms = new double[2];
      for (VectorKernels k : VectorKernels.values()) {
        INDArray x = random(n, 1);
        INDArray y = random(n, 2);
        INDArray out = Nd4j.create(DataType.FLOAT, n);
        switch (c) {
          case 0 -> k.linear(out, 0.5, x, -2, y);
          case 1 -> k.linear(x, 3, x, 0.25, y); // out is x
          case 2 -> k.linear(y, 0.75, x, -1, y); // out is y
          case 3 -> k.linear(out, -1, x, 7, null);
          default -> k.linear(x, 1.5, x, 0, null);
        }
        INDArray written = c == 1 || c == 4 ? x : c == 2 ? y : out;
        results[k.ordinal()] = written.toDoubleVector();
        dots[k.ordinal()] = k.dot(x, y);
        norms[k.ordinal()] = k.sumOfAbsolutes(written);
      }
      assertArrayEquals(results[0], results[1], 1e-5, "case " + c);
      assertEquals(dots[0], dots[1], 1e-5 * Math.abs(dots[0]) + 1e-3, "dot, case " + c);
      assertEquals(norms[0], norms[1], 1e-5 * norms[0], "1-norm, case " + c);
    }
  }

  @Test
  void longVectorsGoToTheNativeKernels() {
    assertEquals(VectorKernels.JAVA, VectorKernels.forLength(3L * 256 * 256));
    assertEquals(VectorKernels.NATIVE, VectorKernels.forLength(3L * 512 * 512));
  }
}
