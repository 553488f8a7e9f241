package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Files written by h5py/libhdf5 (the library Keras uses), not by this project: the legacy layout of
 * the published notop file, and a newer full-model save with nested groups and gzip-compressed chunks.
 * See src/test/resources/fixtures/make_keras_fixtures.py for how they were made.
 */
class KerasReferenceFixturesTest {
  @ParameterizedTest
  @ValueSource(strings = {"keras-legacy-h5py.h5", "keras-modern-h5py.h5"})
  void readsFilesWrittenByLibhdf5(String name) throws Exception {
    Path file = Path.of(getClass().getResource("/fixtures/" + name).toURI());
    try (Vgg19Weights w = KerasWeightsFile.read(file, Vgg19Layer.RELU1_2)) {
      assertEquals(8, w.widthDivisor());
      Vgg19Layer[] layers = {Vgg19Layer.RELU1_1, Vgg19Layer.RELU1_2};
      for (int li = 0; li < layers.length; li++) {
        INDArray kernel = w.kernel(layers[li]);
        INDArray bias = w.bias(layers[li]);
        int cin = layers[li].inChannels(8);
        assertEquals(9L * cin * 8, kernel.length());
        // Kernel element (ky, kx, ci, co) sits at flat index ((ky*3 + kx)*cin + ci)*8 + co in HWIO order.
        for (int ky = 0; ky < 3; ky++) {
          for (int ci = 0; ci < cin; ci += 2) {
            int co = (ky + ci) % 8;
            int flat = ((ky * 3 + 1) * cin + ci) * 8 + co;
            assertEquals(expected(li, flat), kernel.getFloat(ky, 1, ci, co), 1e-7, name + " " + layers[li]);
          }
        }
        for (int co = 0; co < 8; co++) {
          assertEquals(expected(li + 10, co), bias.getFloat(co), 1e-7);
        }
      }
    }
  }

  private static float expected(int layerIndex, int i) {
    return (float) (Math.sin(i * 0.37 + layerIndex) * 0.1);
  }
}
