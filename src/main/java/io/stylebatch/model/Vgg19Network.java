package io.stylebatch.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG19 evaluated at one fixed input size, with every activation and gradient buffer allocated once.
 *
 * <p>Why not SameDiff or the DL4J layer API: the style-transfer loop needs only the gradient with
 * respect to the <em>input</em> (the weights are constants), and it runs hundreds of times on the same
 * shapes. Here the forward pass is {@code conv2d -> relu -> pool} and the backward pass is
 * {@code ReLU gradient -> conv2d with the adjoint kernel (conv2d's input gradient) -> pool_bp}, each a
 * libnd4j op bound once to preallocated input and output arrays and re-executed every iteration. No
 * weight gradients are computed, nothing is allocated per iteration, and native memory stays flat
 * without relying on the garbage collector. {@link #close()} frees the buffers.
 *
 * <p>Features are channels-last ({@code [1, h, w, C]}, NHWC): it is the layout oneDNN's convolutions
 * run in, so no op converts its input or output (in NCHW every convolution reordered both, which cost
 * more than the arithmetic in the first blocks). For the same reason the backward pass runs the forward
 * convolution with the adjoint kernel (spatially flipped, channels swapped) instead of {@code deconv2d},
 * whose oneDNN kernel works in a blocked layout. Only the 3-channel image is NCHW, as the rest of the
 * engine holds it; it is converted at the start of {@link #forward()} and the end of {@link #backward()}.
 *
 * <p>Usage: write the image into {@link #input()}, call {@link #forward()}, read
 * {@link #activation}s, write dLoss/dActivation into {@link #lossGradient} for each declared loss
 * layer, call {@link #backward()}, and read {@link #inputGradient()}. Not thread-safe.
 *
 * <p>Over 300 lines because the forward and backward op bindings share one buffer table and must change
 * together; split apart, each half would have to expose the other's buffers.
 */
public final class Vgg19Network implements AutoCloseable {
  /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode, NHWC, kernel [kH, kW, iC, oC]. */
  private static final int[] CONV_ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 1, 0};
  /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode, extra (unused without padding), NHWC. */
  private static final int[] POOL_ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
  /** The profile's name for the backward convolution (a {@code conv2d} with the adjoint kernel). */
  public static final String INPUT_GRADIENT = "conv2d_input_gradient";
  /** The profile's name for the ReLU's gradient (mask the activation to 0/1, multiply the gradient by it). */
  public static final String RELU_GRADIENT = "relu_bp";
  /** The profile's name for the image's conversions between NCHW and channels-last. */
  public static final String IMAGE_LAYOUT = "image_layout";

  private final List<Vgg19Layer> layers;
  private final int height;
  private final int width;
  private final int widthDivisor;
  private final DataType dataType;
  private final INDArray input;
  private final INDArray channelsLastInput;
  private final INDArray[] activations;
  private final INDArray[] lossGradients;
  private final INDArray inputGradient;
  private final FeatureArena arena;
  private final boolean ownsArena;
  private final OpSequence forwardPass = new OpSequence();
  private final OpSequence backwardPass = new OpSequence();
  private OpClock clock;
  private boolean forwarded;
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
    lossGradients = new INDArray[n];
    INDArray[] pooled = new INDArray[n];
    INDArray[] adjoints = new INDArray[n];
    String poolOp = pooling == PoolingMode.MAX ? "maxpool2d" : "avgpool2d";

    input = arena.array("input", dataType, 1, 3, height, width);
    channelsLastInput = arena.array("channelsLastInput", dataType, 1, height, width, 3);
    forwardPass.other(layers.get(0), IMAGE_LAYOUT, () -> channelsLastInput.assign(input.permute(0, 2, 3, 1)));
    int h = height;
    int w = width;
    for (int i = 0; i < n; i++) {
      Vgg19Layer layer = layers.get(i);
      INDArray layerInput;
      if (i == 0) {
        layerInput = channelsLastInput;
      } else if (layer.followsPooling()) {
        h /= 2;
        w /= 2;
        if (h < 1 || w < 1) {
          throw new IllegalArgumentException("input " + height + "x" + width + " is too small for layer "
              + layer.featureName() + " (each pooling halves the size)");
        }
        pooled[i] = arena.array("pooled" + i, dataType, 1, h, w, layer.inChannels(widthDivisor));
        forwardPass.custom(layer, poolOp, poolOp, POOL_ARGS, pooled[i], activations[i - 1]);
        layerInput = pooled[i];
      } else {
        layerInput = activations[i - 1];
      }
      int channels = layer.outChannels(widthDivisor);
      activations[i] = arena.array("activation" + i, dataType, 1, h, w, channels);
      INDArray kernel = arena.cast(weights.kernel(layer), dataType);
      INDArray bias = arena.cast(weights.bias(layer), dataType);
      forwardPass.custom(layer, "conv2d", "conv2d", CONV_ARGS, activations[i], layerInput, kernel, bias);
      if (withGradients) {
        adjoints[i] = arena.cast(weights.adjointKernel(layer), dataType);
      }
      forwardPass.custom(layer, "relu", DynamicCustomOp.builder("relu").addInputs(activations[i])
          .addOutputs(activations[i]).addFloatingPointArguments(0.0).build());
      if (withGradients && lossLayers.contains(layer)) {
        lossGradients[i] = arena.array("lossGradient" + i, dataType, 1, h, w, channels);
      }
    }
    inputGradient = withGradients ? arena.array("inputGradient", dataType, 1, 3, height, width) : null;
    if (withGradients) {
      bindBackward(pooled, adjoints, poolOp);
    }
  }

  /**
   * The backward pass, deepest layer first: ReLU gradient, input gradient of the convolution (into the
   * previous layer's gradient, the pooled gradient, or the image's), pooling gradient, and the previous
   * layer's own loss gradient added. The ReLU gradient overwrites each activation with its 0/1 mask (two
   * fast ops instead of libnd4j's {@code relu_bp}, which is 4x slower); the pooling gradient of the layer
   * above has read that activation already. Gradients only flow from one layer to the next, so two
   * buffers of the largest layer's size take turns holding them (the one just read is written next),
   * instead of one buffer per layer: less memory, and the buffers stay warm in cache.
   */
  private void bindBackward(INDArray[] pooled, INDArray[] adjoints, String poolOp) {
    int n = layers.size();
    INDArray channelsLastInputGradient = arena.array("channelsLastInputGradient", dataType, 1, height, width, 3);
    long largest = 0;
    for (INDArray a : activations) {
      largest = Math.max(largest, a.length());
    }
    String[] turns = {"gradientA", "gradientB"};
    arena.array(turns[0], dataType, largest);
    arena.array(turns[1], dataType, largest);
    int turn = 0;
    INDArray current = arena.array(turns[turn], dataType, activations[n - 1].shape());
    backwardPass.other(layers.get(n - 1), "assign", () -> current.assign(lossGradients[n - 1]));
    INDArray gradient = current;
    for (int i = n - 1; i >= 0; i--) {
      Vgg19Layer layer = layers.get(i);
      backwardPass.legacy(layer, RELU_GRADIENT, new Step(activations[i], activations[i], 0.0));
      backwardPass.custom(layer, RELU_GRADIENT, DynamicCustomOp.builder("multiply")
          .addInputs(gradient, activations[i]).addOutputs(gradient).build());
      INDArray kernel = adjoints[i];
      if (i == 0) {
        backwardPass.custom(layer, INPUT_GRADIENT, "conv2d", CONV_ARGS, channelsLastInputGradient, gradient, kernel);
        break;
      }
      turn = 1 - turn;
      INDArray next = arena.array(turns[turn], dataType, layer.followsPooling() ? pooled[i].shape()
          : activations[i - 1].shape());
      backwardPass.custom(layer, INPUT_GRADIENT, "conv2d", CONV_ARGS, next, gradient, kernel);
      if (layer.followsPooling()) {
        INDArray pooledGradient = next;
        turn = 1 - turn;
        next = arena.array(turns[turn], dataType, activations[i - 1].shape());
        backwardPass.custom(layer, poolOp + "_bp", poolOp + "_bp", POOL_ARGS, next, activations[i - 1],
            pooledGradient);
      }
      if (lossGradients[i - 1] != null) {
        backwardPass.custom(layer, "add", DynamicCustomOp.builder("add")
            .addInputs(next, lossGradients[i - 1]).addOutputs(next).build());
      }
      gradient = next;
    }
    backwardPass.other(layers.get(0), IMAGE_LAYOUT,
        () -> inputGradient.assign(channelsLastInputGradient.permute(0, 3, 1, 2)));
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
    forwardPass.run(clock);
    forwarded = true;
  }

  /** Channels-last features {@code [1, h, w, C]} as a {@code [h*w, C]} matrix view of the same memory. */
  public static INDArray featureMatrix(INDArray features) {
    long c = features.size(3);
    INDArray view = features.reshape('c', features.length() / c, c);
    if (view.data().addressPointer().address() != features.data().addressPointer().address()) {
      throw new IllegalStateException("reshape copied instead of viewing");
    }
    return view;
  }

  /**
   * Post-ReLU activation {@code [1, h, w, C]} (channels last) from the last {@link #forward()}; a view, do
   * not keep. {@link #backward()} overwrites it (with the ReLU's mask): read it before.
   */
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

  /**
   * Propagates the loss gradients down to {@link #inputGradient()}. Uses up the forward pass before it (the
   * activations become ReLU masks), so each backward pass needs a forward pass of its own.
   */
  public void backward() {
    checkOpen();
    if (inputGradient == null) {
      throw new IllegalStateException("network was built without gradients");
    }
    if (!forwarded) {
      throw new IllegalStateException("backward() needs a forward() since the last backward()");
    }
    forwarded = false;
    backwardPass.run(clock);
  }

  /** Reports every op's time to {@code clock} from now on (null: stop); for profiles, see the benchmark. */
  public void time(OpClock clock) {
    this.clock = clock;
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
      macs += 9L * layer.inChannels(widthDivisor) * activations[i].length();
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
      forwardPass.close();
      backwardPass.close();
      if (ownsArena) {
        arena.close();
      }
    }
  }
}
