package io.stylebatch.model;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory shared by several {@link Vgg19Network}s of different input sizes that are never used at
 * the same time — the windows of one tiled image. Each named slot is allocated once, by the first (and
 * largest) network that asks for it; smaller networks get a view over the start of the same memory. So
 * the tiles of an image cost the memory of its largest window, however many window shapes there are.
 */
public final class FeatureArena implements AutoCloseable {
  private final NativeBuffers buffers = new NativeBuffers();
  private final Map<String, INDArray> slots = new HashMap<>();
  private final Map<INDArray, INDArray> casts = new IdentityHashMap<>();

  /**
   * An array of {@code shape} over slot {@code name}'s memory. The first request allocates the slot
   * (zero-filled); a later one must fit in it and sees whatever the previous user left there.
   */
  public INDArray array(String name, DataType type, long... shape) {
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    INDArray slot = slots.get(name);
    if (slot == null) {
      slot = buffers.create(type, shape);
      slots.put(name, slot);
      return slot;
    }
    if (slot.dataType() != type || slot.length() < length) {
      throw new IllegalStateException("slot " + name + " holds " + slot.length() + " " + slot.dataType()
          + " values; " + length + " " + type + " were asked for (allocate the largest network first)");
    }
    return Nd4j.create(slot.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c', type);
  }

  /** {@code weight} in {@code type}, converted once per arena. */
  public INDArray cast(INDArray weight, DataType type) {
    if (weight.dataType() == type) {
      return weight;
    }
    return casts.computeIfAbsent(weight, w -> buffers.own(w.castTo(type)));
  }

  @Override
  public void close() {
    buffers.close();
    slots.clear();
    casts.clear();
  }
}
