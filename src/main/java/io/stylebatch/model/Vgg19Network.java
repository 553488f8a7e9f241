package io.stylebatch.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG19 evaluated at one fixed input size, with every activation and gradient buffer allocated once.
 *
 * <p>Why not SameDiff or the DL4J layer API: the style-transfer loop needs only the gradient with
 * respect to the <em>input</em> (the weights are constants), and it runs hundreds of times on the same
 * shapes. Here the forward pass is {@code conv2d -> relu -> pool} and the backward pass is
 * {@code relu_bp -> deconv2d (the adjoint of conv2d, i.e. its input gradient) -> pool_bp}, each a
 * libnd4j op bound once to preallocated input and output arrays and re-executed every iteration. No
 * weight gradients are computed, nothing is allocated per iteration, and native memory stays flat
 * without relying on the garbage collector. {@link #close()} frees the buffers.
 *
 * <p>Usage: write the image into {@link #input()}, call {@link #forward()}, read
 * {@link #activation}s, write dLoss/dActivation into {@link #lossGradient} for each declared loss
 * layer, call {@link #backward()}, and read {@link #inputGradient()}. Not thread-safe.
 *
 * <p>Longer than most classes (about 290 lines) on purpose: the forward and backward op bindings share
 * one buffer table and must change together; split apart, each half would have to expose the other's
 * buffers.
 */
public final class Vgg19Network implements AutoCloseable {
  private static final int[] CONV_ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0};
  private static final int[] POOL_ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};

  private final List<Vgg19Layer> layers;
  private final int height;
  private final int width;
  private final int widthDivisor;
  private final DataType dataType;
  private final INDArray input;
  private final INDArray[] activations;
  private final INDArray[] pooled;
  private final INDArray[] gradActivations;
  private final INDArray[] gradPooled;
  private final INDArray[] lossGradients;
  private final INDArray inputGradient;
  private final FeatureArena arena;
  private final boolean ownsArena;
  private final List<DynamicCustomOp> forwardOps = new ArrayList<>();
  private final List<Vgg19Layer> forwardOpLayers = new ArrayList<>();
  private OpClock clock;
  private final DynamicCustomOp[] reluBpOps;
  private final DynamicCustomOp[] deconvOps;
  private final DynamicCustomOp[] poolBpOps;
  private boolean closed;

  /**
   * @param lossLayers layers whose activations the caller reads and (if {@code withGradients})
   *     differentiates; the network is built only as deep as the deepest of them
   * @param withGradients false for forward-only use (style targets), which allocates half as much
   */
  public Vgg19Network(Vgg19Weights weights, DataType dataType, int height, int width, PoolingMode pooling,
      Collection<Vgg19Layer> lossLayers, boolean withGradients) {
    this(weights, dataType, height, width, pooling, lossLayers, withGradients, null);
  }

  /**
   * A network whose buffers live in {@code shared} (null: its own): networks for the windows of one tiled
   * image share one arena, built largest first, and only one of them is used at a time.
   */
  public Vgg19Network(Vgg19Weights weights, DataType dataType, int height, int width, PoolingMode pooling,
      Collection<Vgg19Layer> lossLayers, boolean withGradients, FeatureArena shared) {
    this.ownsArena = shared == null;
    this.arena = shared == null ? new FeatureArena() : shared;
    if (lossLayers.isEmpty()) {
      throw new IllegalArgumentException("at least one feature layer is required");
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("input size must be positive, got " + height + "x" + width);
    }
    Vgg19Layer deepest = lossLayers.stream().max(Enum::compareTo).orElseThrow();
    if (!weights.covers(deepest)) {
      throw new IllegalArgumentException("weights end at " + weights.deepestLayer().featureName()
          + " but layer " + deepest.featureName() + " is requested");
    }
    this.height = height;
    this.width = width;
    this.widthDivisor = weights.widthDivisor();
    this.dataType = dataType;
    this.layers = new ArrayList<>();
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() <= deepest.ordinal()) {
        layers.add(layer);
      }
    }
    int n = layers.size();
    activations = new INDArray[n];
    pooled = new INDArray[n];
    gradActivations = new INDArray[n];
    gradPooled = new INDArray[n];
    lossGradients = new INDArray[n];
    reluBpOps = new DynamicCustomOp[n];
    deconvOps = new DynamicCustomOp[n];
    poolBpOps = new DynamicCustomOp[n];
    String poolOp = pooling == PoolingMode.MAX ? "maxpool2d" : "avgpool2d";

    input = arena.array("input", dataType, 1, 3, height, width);
    inputGradient = withGradients ? arena.array("inputGradient", dataType, 1, 3, height, width) : null;
    int h = height;
    int w = width;
    INDArray[] kernels = new INDArray[n];
    for (int i = 0; i < n; i++) {
      Vgg19Layer layer = layers.get(i);
      INDArray layerInput;
      if (i == 0) {
        layerInput = input;
      } else if (layer.followsPooling()) {
        h /= 2;
        w /= 2;
        if (h < 1 || w < 1) {
          throw new IllegalArgumentException("input " + height + "x" + width + " is too small for layer "
              + layer.featureName() + " (each pooling halves the size)");
        }
        pooled[i] = arena.array("pooled" + i, dataType, 1, layer.inChannels(widthDivisor), h, w);
        forwardOps.add(op(poolOp, POOL_ARGS, pooled[i], activations[i - 1]));
        forwardOpLayers.add(layer);
        layerInput = pooled[i];
      } else {
        layerInput = activations[i - 1];
      }
      int channels = layer.outChannels(widthDivisor);
      activations[i] = arena.array("activation" + i, dataType, 1, channels, h, w);
      kernels[i] = arena.cast(weights.kernel(layer), dataType);
      INDArray bias = arena.cast(weights.bias(layer), dataType);
      forwardOps.add(op("conv2d", CONV_ARGS, activations[i], layerInput, kernels[i], bias));
      forwardOps.add(DynamicCustomOp.builder("relu").addInputs(activations[i]).addOutputs(activations[i])
          .addFloatingPointArguments(0.0).build());
      forwardOpLayers.add(layer);
      forwardOpLayers.add(layer);
      if (withGradients && lossLayers.contains(layer)) {
        lossGradients[i] = arena.array("lossGradient" + i, dataType, 1, channels, h, w);
      }
    }
    if (withGradients) {
      for (int i = n - 1; i >= 0; i--) {
        gradActivations[i] = arena.array("gradActivation" + i, dataType, activations[i].shape());
        reluBpOps[i] = DynamicCustomOp.builder("relu_bp").addInputs(activations[i], gradActivations[i])
            .addOutputs(gradActivations[i]).addFloatingPointArguments(0.0).build();
      }
      for (int i = n - 1; i >= 0; i--) {
        Vgg19Layer layer = layers.get(i);
        INDArray target;
        if (i == 0) {
          target = inputGradient;
        } else if (layer.followsPooling()) {
          gradPooled[i] = arena.array("gradPooled" + i, dataType, pooled[i].shape());
          target = gradPooled[i];
          poolBpOps[i] = op(poolOp + "_bp", POOL_ARGS, gradActivations[i - 1], activations[i - 1], gradPooled[i]);
        } else {
          target = gradActivations[i - 1];
        }
        // deconv2d with the conv kernel read as [kH, kW, oC, iC] is exactly conv2d's input gradient.
        deconvOps[i] = op("deconv2d", CONV_ARGS, target, gradActivations[i], kernels[i]);
      }
    }
  }

  private static DynamicCustomOp op(String name, int[] iArgs, INDArray output, INDArray... inputs) {
    return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output).addIntegerArguments(iArgs).build();
  }

  /** The image buffer {@code [1, 3, H, W]} (preprocessed BGR) that {@link #forward()} reads. */
  public INDArray input() {
    return input;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public DataType dataType() {
    return dataType;
  }

  /** Runs the network on {@link #input()}. */
  public void forward() {
    checkOpen();
    for (int i = 0; i < forwardOps.size(); i++) {
      exec(forwardOps.get(i), forwardOpLayers.get(i));
    }
  }

  /** Post-ReLU activation {@code [1, C, h, w]} from the last {@link #forward()}; a view, do not keep. */
  public INDArray activation(Vgg19Layer layer) {
    return activations[indexOf(layer)];
  }

  /**
   * The buffer where the caller writes dLoss/d(activation of {@code layer}) before {@link #backward()}.
   * Only declared loss layers have one; every one of them must be written before each backward pass.
   */
  public INDArray lossGradient(Vgg19Layer layer) {
    INDArray g = lossGradients[indexOf(layer)];
    if (g == null) {
      throw new IllegalStateException(layer.featureName() + " is not a loss layer of this network");
    }
    return g;
  }

  /** Propagates the loss gradients down to {@link #inputGradient()}. Requires a prior forward pass. */
  public void backward() {
    checkOpen();
    if (inputGradient == null) {
      throw new IllegalStateException("network was built without gradients");
    }
    int last = layers.size() - 1;
    gradActivations[last].assign(lossGradients[last]);
    for (int i = last; i >= 0; i--) {
      exec(reluBpOps[i], layers.get(i));
      exec(deconvOps[i], layers.get(i));
      if (i > 0) {
        if (poolBpOps[i] != null) {
          exec(poolBpOps[i], layers.get(i));
        }
        if (lossGradients[i - 1] != null) {
          gradActivations[i - 1].addi(lossGradients[i - 1]);
        }
      }
    }
  }

  /** Reports every op's time to {@code clock} from now on (null: stop); for profiles, see the benchmark. */
  public void time(OpClock clock) {
    this.clock = clock;
  }

  private void exec(DynamicCustomOp op, Vgg19Layer layer) {
    if (clock == null) {
      Nd4j.exec(op);
      return;
    }
    long start = System.nanoTime();
    Nd4j.exec(op);
    clock.record(layer, op.opName(), System.nanoTime() - start);
  }

  /** dLoss/dInput {@code [1, 3, H, W]} from the last {@link #backward()}. */
  public INDArray inputGradient() {
    return inputGradient;
  }

  private int indexOf(Vgg19Layer layer) {
    int i = layer.ordinal();
    if (i >= layers.size()) {
      throw new IllegalArgumentException("network ends before " + layer.featureName());
    }
    return i;
  }

  /**
   * Multiply-accumulate count of one forward pass (convolutions only). The input-gradient backward
   * pass costs the same again, so one optimization step is about {@code 4 x} this many FLOPs.
   */
  public long forwardMacs() {
    long macs = 0;
    for (int i = 0; i < layers.size(); i++) {
      Vgg19Layer layer = layers.get(i);
      long[] s = activations[i].shape();
      macs += 9L * layer.inChannels(widthDivisor) * s[1] * s[2] * s[3];
    }
    return macs;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("network is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (ownsArena) {
        arena.close();
      }
    }
  }
}
