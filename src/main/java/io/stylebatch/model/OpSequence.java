package io.stylebatch.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed list of libnd4j ops over preallocated arrays, run in order as one pass of the network. Custom
 * ops are bound to an {@link OpContext} once: {@code Nd4j.exec(op)} builds a fresh context on every call,
 * which costs about 40 µs, while a prepared one costs a few — at 128 px a pass has ~50 ops of a few
 * hundred µs each. Every step carries the layer and the name a profile ({@link OpClock}) reports it under.
 */
final class OpSequence implements AutoCloseable {
  private record Step(Vgg19Layer layer, String label, Runnable action) {}

  private final List<Step> steps = new ArrayList<>();
  private final List<OpContext> contexts = new ArrayList<>();

  /** Appends custom op {@code name} with integer arguments, writing {@code output}. */
  void custom(Vgg19Layer layer, String label, String name, int[] iArgs, INDArray output, INDArray... inputs) {
    custom(layer, label, DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output)
        .addIntegerArguments(iArgs).build());
  }

  /** Appends {@code op}, bound to a prepared context. */
  void custom(Vgg19Layer layer, String label, CustomOp op) {
    OpContext context = Nd4j.getExecutioner().buildContext();
    contexts.add(context);
    context.setInputArrays(op.inputArguments());
    context.setOutputArrays(op.outputArguments());
    if (op.iArgs().length > 0) {
      context.setIArguments(op.iArgs());
    }
    if (op.tArgs().length > 0) {
      context.setTArguments(op.tArgs());
    }
    steps.add(new Step(layer, label, () -> Nd4j.getExecutioner().exec(op, context)));
  }

  /** Appends a legacy (non-custom) op. */
  void legacy(Vgg19Layer layer, String label, Op op) {
    steps.add(new Step(layer, label, () -> Nd4j.getExecutioner().exec(op)));
  }

  /** Appends work that is not a single op, such as a strided copy. */
  void other(Vgg19Layer layer, String label, Runnable action) {
    steps.add(new Step(layer, label, action));
  }

  /** Runs every step; with a clock, reports each one's wall time (ops are synchronous on the CPU). */
  void run(OpClock clock) {
    for (Step step : steps) {
      if (clock == null) {
        step.action.run();
      } else {
        long start = System.nanoTime();
        step.action.run();
        clock.record(step.layer, step.label, System.nanoTime() - start);
      }
    }
  }

  @Override
  public void close() {
    for (OpContext context : contexts) {
      try {
        context.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not free an op context", e);
      }
    }
    contexts.clear();
  }
}
