package io.stylebatch.model;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes VGG19 weights in the Keras HDF5 layout of
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}: one group per layer
 * ({@code block1_conv1} ... {@code block5_conv4}), holding a kernel {@code (3,3,in,out)} and a bias
 * {@code (out,)}. Both dataset naming conventions are accepted: {@code <layer>_W_1:0}/{@code <layer>_b_1:0}
 * (Keras 1 era, the published file) and {@code kernel:0}/{@code bias:0} (newer Keras, possibly one
 * group level deeper or under {@code model_weights/}).
 */
public final class KerasWeightsFile {
  /** The conventions this class writes; reading accepts both. */
  public enum Naming {
    /** {@code block1_conv1/block1_conv1_W_1:0}, as in the published notop file. */
    LEGACY,
    /** {@code block1_conv1/block1_conv1/kernel:0}, as newer Keras versions save. */
    MODERN
  }

  private KerasWeightsFile() {}

  /**
   * Reads all conv layers present in the file. The width (full or a narrow test width) is inferred
   * from {@code block1_conv1}, then every layer's shape is checked against it.
   *
   * @param upTo the deepest layer needed; later layers are neither required nor loaded
   */
  public static Vgg19Weights read(Path file, Vgg19Layer upTo) {
    if (!Files.isRegularFile(file)) {
      throw new WeightsFileException("weight file " + file + " does not exist");
    }
    try (HdfFile hdf = new HdfFile(file)) {
      Map<Vgg19Layer, INDArray> kernels = new EnumMap<>(Vgg19Layer.class);
      Map<Vgg19Layer, INDArray> biases = new EnumMap<>(Vgg19Layer.class);
      int widthDivisor = -1;
      for (Vgg19Layer layer : Vgg19Layer.values()) {
        if (layer.ordinal() > upTo.ordinal()) {
          break;
        }
        Group group = findGroup(hdf, layer.kerasName());
        if (group == null) {
          throw new WeightsFileException("weight file " + file.getFileName() + ": layer " + layer.kerasName()
              + " is missing (expected a group named " + layer.kerasName() + ")");
        }
        Dataset kernel = findDataset(group, layer, true);
        Dataset bias = findDataset(group, layer, false);
        if (widthDivisor < 0) {
          widthDivisor = inferWidthDivisor(kernel);
        }
        long[] expectedKernel = {3, 3, layer.inChannels(widthDivisor), layer.outChannels(widthDivisor)};
        long[] expectedBias = {layer.outChannels(widthDivisor)};
        kernels.put(layer, toArray(layer, "kernel", kernel, expectedKernel));
        biases.put(layer, toArray(layer, "bias", bias, expectedBias));
      }
      return new Vgg19Weights(widthDivisor, kernels, biases);
    } catch (WeightsFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WeightsFileException("weight file " + file + " is not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  private static int inferWidthDivisor(Dataset firstKernel) {
    int[] dims = firstKernel.getDimensions();
    if (dims.length != 4 || dims[3] <= 0 || 64 % dims[3] != 0) {
      throw new WeightsFileException("layer block1_conv1: kernel has shape " + Arrays.toString(dims)
          + ", expected [3, 3, 3, 64] (or a narrow test width dividing 64)");
    }
    return 64 / dims[3];
  }

  private static INDArray toArray(Vgg19Layer layer, String what, Dataset ds, long[] expected) {
    long[] found = Arrays.stream(ds.getDimensions()).asLongStream().toArray();
    if (!Arrays.equals(found, expected)) {
      throw new WeightsFileException("layer " + layer.kerasName() + ": " + what + " has shape "
          + Arrays.toString(found) + ", expected " + Arrays.toString(expected));
    }
    Object flat = ds.getDataFlat();
    float[] values;
    if (flat instanceof float[] f) {
      values = f;
    } else if (flat instanceof double[] d) {
      values = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        values[i] = (float) d[i];
      }
    } else {
      throw new WeightsFileException("layer " + layer.kerasName() + ": " + what + " has unsupported type "
          + ds.getJavaType().getSimpleName() + ", expected float32 or float64");
    }
    return Nd4j.create(values, expected, 'c');
  }

  /** Breadth-first search for a group with the layer's name, so wrappers like model_weights/ work. */
  private static Group findGroup(Group root, String name) {
    Deque<Group> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Group g = queue.poll();
      for (Node child : g.getChildren().values()) {
        if (child instanceof Group cg) {
          if (child.getName().equals(name)) {
            return cg;
          }
          queue.add(cg);
        }
      }
    }
    return null;
  }

  private static Dataset findDataset(Group group, Vgg19Layer layer, boolean kernel) {
    List<String> seen = new ArrayList<>();
    Deque<Group> queue = new ArrayDeque<>();
    queue.add(group);
    while (!queue.isEmpty()) {
      Group g = queue.poll();
      for (Node child : g.getChildren().values()) {
        if (child instanceof Group cg) {
          queue.add(cg);
        } else if (child instanceof Dataset ds) {
          String n = child.getName();
          seen.add(n);
          boolean isKernel = n.equals("kernel:0") || n.endsWith("_W_1:0") || n.endsWith("_W:0");
          boolean isBias = n.equals("bias:0") || n.endsWith("_b_1:0") || n.endsWith("_b:0");
          if (kernel ? isKernel : isBias) {
            return ds;
          }
        }
      }
    }
    String want = kernel ? "kernel ('" + layer.kerasName() + "_W_1:0' or 'kernel:0')"
        : "bias ('" + layer.kerasName() + "_b_1:0' or 'bias:0')";
    throw new WeightsFileException("layer " + layer.kerasName() + ": " + want + " is missing; the group holds "
        + seen);
  }

  /**
   * Writes {@code weights} in the Keras layout with the given naming convention, including the
   * {@code layer_names}/{@code weight_names} attributes Keras' own loader uses.
   */
  public static void write(Path file, Vgg19Weights weights, Naming naming) {
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
        if (naming == Naming.LEGACY) {
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
    }
  }

  /** A rank-4 array as the nested Java array jhdf writes. */
  static float[][][][] toNested4(INDArray a) {
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
