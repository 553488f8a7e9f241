package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.stylebatch.tools.RandomWeights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class Vgg19WeightsTest {
  /** The backward pass's kernel: flipped in space, channels swapped; made once and shared by all networks. */
  @Test
  void adjointKernelIsTheFlippedTransposeAndShared() {
    try (Vgg19Weights w = RandomWeights.create(8, 3)) {
      INDArray kernel = w.kernel(Vgg19Layer.RELU2_1);
      INDArray adjoint = w.adjointKernel(Vgg19Layer.RELU2_1);
      long[] s = kernel.shape();
      assertArrayEquals(new long[] {s[0], s[1], s[3], s[2]}, adjoint.shape());
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 3; x++) {
          for (int i = 0; i < s[2]; i++) {
            for (int o = 0; o < s[3]; o++) {
              assertEquals(kernel.getFloat(2 - y, 2 - x, i, o), adjoint.getFloat(y, x, o, i));
            }
          }
        }
      }
      assertSame(adjoint, w.adjointKernel(Vgg19Layer.RELU2_1));
    }
  }
}
