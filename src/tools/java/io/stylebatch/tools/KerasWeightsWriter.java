package io.stylebatch.tools;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes VGG19 weights in the Keras HDF5 layout that {@link KerasWeightsFile} reads: for test weights,
 * benchmarks and demos. The job itself only reads weight files.
 */
public final class KerasWeightsWriter {
  private KerasWeightsWriter() {}

  /**
   * Writes {@code weights} in the Keras layout with the given naming convention, including the
   * {@code layer_names}/{@code weight_names} attributes Keras' own loader uses.
   */
  public static void write(Path file, Vgg19Weights weights, KerasWeightsFile.Naming naming) {
    write(file, weights, naming, false);
  }

  /**
   * As {@link #write(Path, Vgg19Weights, KerasWeightsFile.Naming)}; {@code random} marks the file as random
   * test weights ({@link KerasWeightsFile#RANDOM_MARK}), so that runs made with it say so.
   */
  public static void write(Path file, Vgg19Weights weights, KerasWeightsFile.Naming naming, boolean random) {
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      List<String> layerNames = new ArrayList<>();
      for (Vgg19Layer layer : Vgg19Layer.values()) {
        if (!weights.covers(layer)) {
          break;
        }
        String name = layer.kerasName();
        layerNames.add(name);
        WritableGroup group = hdf.putGroup(name);
        String kernelName;
        String biasName;
        WritableGroup target;
        if (naming == KerasWeightsFile.Naming.LEGACY) {
          kernelName = name + "_W_1:0";
          biasName = name + "_b_1:0";
          target = group;
          group.putAttribute("weight_names", new String[] {kernelName, biasName});
        } else {
          kernelName = "kernel:0";
          biasName = "bias:0";
          target = group.putGroup(name);
          group.putAttribute("weight_names", new String[] {name + "/kernel:0", name + "/bias:0"});
        }
        target.putDataset(kernelName, toNested4(weights.kernel(layer)));
        target.putDataset(biasName, weights.bias(layer).toFloatVector());
      }
      hdf.putAttribute("layer_names", layerNames.toArray(new String[0]));
      if (random) {
        hdf.putAttribute(KerasWeightsFile.RANDOM_MARK, "random weights, made by make-test-weights: not art");
      }
    }
  }

  /** A rank-4 array as the nested Java array jhdf writes. */
  public static float[][][][] toNested4(INDArray a) {
    long[] s = a.shape();
    float[] flat = a.dup('c').data().asFloat();
    float[][][][] out = new float[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
    int i = 0;
    for (float[][][] a0 : out) {
      for (float[][] a1 : a0) {
        for (float[] a2 : a1) {
          for (int k = 0; k < a2.length; k++) {
            a2[k] = flat[i++];
          }
        }
      }
    }
    return out;
  }
}
