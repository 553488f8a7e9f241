package io.stylebatch.model;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
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
 * Reads VGG19 weights in the Keras HDF5 layout of
 * {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}: one group per layer
 * ({@code block1_conv1} ... {@code block5_conv4}), holding a kernel {@code (3,3,in,out)} and a bias
 * {@code (out,)}. Both dataset naming conventions are accepted: {@code <layer>_W_1:0}/{@code <layer>_b_1:0}
 * (Keras 1 era, the published file) and {@code kernel:0}/{@code bias:0} (newer Keras, possibly one
 * group level deeper or under {@code model_weights/}).
 */
public final class KerasWeightsFile {
  /** The two dataset naming conventions: reading accepts both; the test-weight writer (tools) writes either. */
  public enum Naming {
    /** {@code block1_conv1/block1_conv1_W_1:0}, as in the published notop file. */
    LEGACY,
    /** {@code block1_conv1/block1_conv1/kernel:0}, as newer Keras versions save. */
    MODERN
  }

  /** Root attribute that marks a file of random test weights (written by the test-weights tool). */
  public static final String RANDOM_MARK = "stylebatch_random_weights";

  private KerasWeightsFile() {}

  /**
   * Reads all conv layers present in the file. The width (full or a narrow test width) is inferred
   * from {@code block1_conv1}, then every layer's shape is checked against it.
   *
   * @param upTo the deepest layer needed; later layers are neither required nor loaded
   */
  public static Vgg19Weights read(Path file, Vgg19Layer upTo) {
    Map<Vgg19Layer, INDArray> kernels = new EnumMap<>(Vgg19Layer.class);
    Map<Vgg19Layer, INDArray> biases = new EnumMap<>(Vgg19Layer.class);
    int widthDivisor = walk(file, upTo, (layer, kernel, bias, expectedKernel, expectedBias) -> {
      kernels.put(layer, toArray(layer, "kernel", kernel, expectedKernel));
      biases.put(layer, toArray(layer, "bias", bias, expectedBias));
    });
    return new Vgg19Weights(widthDivisor, kernels, biases);
  }

  /**
   * Checks, from the file's metadata alone (no weights are loaded), that it is an HDF5 file that is not
   * truncated and has every layer up to {@code upTo} with the right shapes and a float type: what the
   * driver verifies before any task starts.
   *
   * @return whether the file is marked as random test weights ({@link #RANDOM_MARK})
   * @throws WeightsFileException naming the problem
   */
  public static boolean check(Path file, Vgg19Layer upTo) {
    byte[] head = new byte[64];
    long size;
    try (var channel = java.nio.channels.FileChannel.open(file)) {
      size = channel.size();
      channel.read(java.nio.ByteBuffer.wrap(head));
    } catch (java.io.IOException e) {
      throw new WeightsFileException("weight file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (!startsWithHdf5Signature(head)) {
      throw new WeightsFileException("weight file " + file.getFileName() + " is not an HDF5 file (detected: "
          + io.stylebatch.image.ImageFormat.describe(head) + ")");
    }
    walk(file, upTo, (layer, kernel, bias, expectedKernel, expectedBias) -> {
      for (Dataset ds : List.of(kernel, bias)) {
        long[] expected = ds == kernel ? expectedKernel : expectedBias;
        checkShape(layer, ds == kernel ? "kernel" : "bias", ds, expected);
        Class<?> type = ds.getJavaType();
        if (type != float.class && type != double.class) {
          throw new WeightsFileException("layer " + layer.kerasName() + ": has unsupported type "
              + type.getSimpleName() + ", expected float32 or float64");
        }
        if (ds instanceof ContiguousDataset c && c.getDataAddress() + ds.getStorageInBytes() > size) {
          throw new WeightsFileException("weight file " + file.getFileName() + " is truncated: layer "
              + layer.kerasName() + " needs bytes up to " + (c.getDataAddress() + ds.getStorageInBytes())
              + " but the file has " + size);
        }
      }
    });
    try (HdfFile hdf = new HdfFile(file)) {
      return hdf.getAttribute(RANDOM_MARK) != null;
    }
  }

  private static boolean startsWithHdf5Signature(byte[] head) {
    byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    return Arrays.equals(Arrays.copyOf(head, 8), signature);
  }

  /** What {@link #walk} hands over for each layer. */
  private interface LayerVisitor {
    void visit(Vgg19Layer layer, Dataset kernel, Dataset bias, long[] expectedKernel, long[] expectedBias);
  }

  /** Finds every layer up to {@code upTo}, infers the width, and visits each; returns the width divisor. */
  private static int walk(Path file, Vgg19Layer upTo, LayerVisitor visitor) {
    if (!Files.isRegularFile(file)) {
      throw new WeightsFileException("weight file " + file + " does not exist");
    }
    try (HdfFile hdf = new HdfFile(file)) {
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
        visitor.visit(layer, kernel, bias, expectedKernel, expectedBias);
      }
      return widthDivisor;
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

  private static void checkShape(Vgg19Layer layer, String what, Dataset ds, long[] expected) {
    long[] found = Arrays.stream(ds.getDimensions()).asLongStream().toArray();
    if (!Arrays.equals(found, expected)) {
      throw new WeightsFileException("layer " + layer.kerasName() + ": " + what + " has shape "
          + Arrays.toString(found) + ", expected " + Arrays.toString(expected));
    }
  }

  private static INDArray toArray(Vgg19Layer layer, String what, Dataset ds, long[] expected) {
    checkShape(layer, what, ds, expected);
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
}
