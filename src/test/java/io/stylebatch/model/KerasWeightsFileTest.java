package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.stylebatch.tools.KerasWeightsWriter;
import io.stylebatch.tools.RandomWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class KerasWeightsFileTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(KerasWeightsFile.Naming.class)
  void roundTripGivesIdenticalFeatures(KerasWeightsFile.Naming naming) {
    Path file = dir.resolve("vgg-" + naming + ".h5");
    try (Vgg19Weights direct = RandomWeights.create(8, 3)) {
      KerasWeightsWriter.write(file, direct, naming);
      try (Vgg19Weights loaded = KerasWeightsFile.read(file, Vgg19Layer.RELU5_4)) {
        assertEquals(8, loaded.widthDivisor());
        assertEquals(Vgg19Layer.RELU5_4, loaded.deepestLayer());
        for (Vgg19Layer layer : Vgg19Layer.values()) {
          assertEquals(direct.kernel(layer), loaded.kernel(layer), layer.kerasName());
          assertEquals(direct.bias(layer), loaded.bias(layer), layer.kerasName());
        }
        float[] a = features(direct, Vgg19Layer.RELU4_2);
        float[] b = features(loaded, Vgg19Layer.RELU4_2);
        assertArrayEquals(a, b);
      }
    }
  }

  @Test
  void readsOnlyUpToTheRequestedLayer() {
    Path file = dir.resolve("vgg.h5");
    try (Vgg19Weights direct = RandomWeights.create(8, 3)) {
      KerasWeightsWriter.write(file, direct, KerasWeightsFile.Naming.LEGACY, true);
    }
    try (Vgg19Weights loaded = KerasWeightsFile.read(file, Vgg19Layer.RELU2_1)) {
      assertEquals(Vgg19Layer.RELU2_1, loaded.deepestLayer());
    }
  }

  /**
   * Checks the layout interpretation independently of ND4J's conv: relu1_1 at a pixel computed by hand
   * from the HWIO kernel (cross-correlation, zero padding 1, channel order as given) must match.
   */
  @Test
  void firstLayerFeaturesMatchAHandComputedConvolution() {
    try (Vgg19Weights w = RandomWeights.create(8, 5)) {
      int h = 6;
      int wd = 7;
      try (Vgg19Network net = new Vgg19Network(w, DataType.DOUBLE, h, wd, PoolingMode.MAX,
          Set.of(Vgg19Layer.RELU1_1), false)) {
        SplittableRandom r = new SplittableRandom(1);
        for (long i = 0; i < net.input().length(); i++) {
          net.input().putScalar(i, r.nextDouble() * 2 - 1);
        }
        net.forward();
        INDArray x = net.input();
        INDArray kernel = w.kernel(Vgg19Layer.RELU1_1);
        INDArray bias = w.bias(Vgg19Layer.RELU1_1);
        for (int oc = 0; oc < 8; oc++) {
          for (int[] p : new int[][] {{0, 0}, {2, 3}, {5, 6}}) {
            double sum = bias.getDouble(oc);
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int y = p[0] + ky - 1;
                int xx = p[1] + kx - 1;
                if (y < 0 || y >= h || xx < 0 || xx >= wd) {
                  continue;
                }
                for (int ic = 0; ic < 3; ic++) {
                  sum += x.getDouble(0, ic, y, xx) * kernel.getDouble(ky, kx, ic, oc);
                }
              }
            }
            double expected = Math.max(0, sum);
            double actual = net.activation(Vgg19Layer.RELU1_1).getDouble(0, p[0], p[1], oc);
            assertEquals(expected, actual, 1e-5, "channel " + oc + " at " + p[0] + "," + p[1]);
          }
        }
      }
    }
  }

  /**
   * Writes only block1 (two layers) by hand, so a test can break what the writer never would: the
   * kernel of relu1_2 can be replaced, and a name prefix picks the dataset naming.
   */
  private Path writeBlock1(String name, String kernelName, String biasName, float[][][][] relu12Kernel) {
    Path file = dir.resolve(name);
    try (Vgg19Weights all = RandomWeights.create(8, 3);
        WritableHdfFile hdf = HdfFile.write(file)) {
      for (Vgg19Layer layer : new Vgg19Layer[] {Vgg19Layer.RELU1_1, Vgg19Layer.RELU1_2}) {
        WritableGroup g = hdf.putGroup(layer.kerasName());
        float[][][][] kernel = layer == Vgg19Layer.RELU1_2 && relu12Kernel != null ? relu12Kernel
            : KerasWeightsWriter.toNested4(all.kernel(layer));
        g.putDataset(kernelName.replace("LAYER", layer.kerasName()), kernel);
        g.putDataset(biasName.replace("LAYER", layer.kerasName()), all.bias(layer).toFloatVector());
      }
    }
    return file;
  }

  @Test
  void missingLayerIsNamed() {
    Path file = writeBlock1("short.h5", "LAYER_W_1:0", "LAYER_b_1:0", null);
    WeightsFileException e = assertThrows(WeightsFileException.class,
        () -> KerasWeightsFile.read(file, Vgg19Layer.RELU5_1));
    assertTrue(e.getMessage().contains("block2_conv1") && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void wrongShapeNamesLayerExpectedAndFound() {
    Path file = writeBlock1("bad-shape.h5", "kernel:0", "bias:0", new float[3][3][8][9]);
    WeightsFileException e = assertThrows(WeightsFileException.class,
        () -> KerasWeightsFile.read(file, Vgg19Layer.RELU1_2));
    assertTrue(e.getMessage().contains("block1_conv2"), e.getMessage());
    assertTrue(e.getMessage().contains("[3, 3, 8, 9]") && e.getMessage().contains("[3, 3, 8, 8]"), e.getMessage());
  }

  @Test
  void missingBiasIsNamed() {
    Path file = dir.resolve("no-bias.h5");
    try (Vgg19Weights all = RandomWeights.create(8, 3)) {
      try (WritableHdfFile hdf = HdfFile.write(file)) {
        WritableGroup g = hdf.putGroup("block1_conv1");
        g.putDataset("block1_conv1_W_1:0", KerasWeightsWriter.toNested4(all.kernel(Vgg19Layer.RELU1_1)));
      }
    }
    WeightsFileException e = assertThrows(WeightsFileException.class,
        () -> KerasWeightsFile.read(file, Vgg19Layer.RELU1_1));
    assertTrue(e.getMessage().contains("block1_conv1") && e.getMessage().contains("bias"), e.getMessage());
  }

  @Test
  void notAnHdf5FileIsReported() throws IOException {
    Path file = dir.resolve("garbage.h5");
    Files.writeString(file, "this is not HDF5");
    WeightsFileException e = assertThrows(WeightsFileException.class,
        () -> KerasWeightsFile.read(file, Vgg19Layer.RELU1_1));
    assertTrue(e.getMessage().contains("garbage.h5"), e.getMessage());
    WeightsFileException missing = assertThrows(WeightsFileException.class,
        () -> KerasWeightsFile.read(dir.resolve("absent.h5"), Vgg19Layer.RELU1_1));
    assertTrue(missing.getMessage().contains("absent.h5") && missing.getMessage().contains("does not exist"));
  }

  private static float[] features(Vgg19Weights w, Vgg19Layer layer) {
    try (Vgg19Network net = new Vgg19Network(w, DataType.FLOAT, 24, 20, PoolingMode.MAX, Set.of(layer), false)) {
      SplittableRandom r = new SplittableRandom(9);
      for (long i = 0; i < net.input().length(); i++) {
        net.input().putScalar(i, r.nextDouble() * 100 - 50);
      }
      net.forward();
      return net.activation(layer).dup().data().asFloat();
    }
  }

}
