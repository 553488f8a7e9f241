package io.stylebatch.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sixteen 3x3 convolutions of VGG19, in network order. Each is followed by a ReLU whose output is
 * the feature users name ({@code relu4_2}); the last convolution of blocks 1-4 is followed by a 2x2
 * pooling. The Keras weight files name the same layers {@code block4_conv2}.
 */
public enum Vgg19Layer {
  RELU1_1(1, 1), RELU1_2(1, 2),
  RELU2_1(2, 1), RELU2_2(2, 2),
  RELU3_1(3, 1), RELU3_2(3, 2), RELU3_3(3, 3), RELU3_4(3, 4),
  RELU4_1(4, 1), RELU4_2(4, 2), RELU4_3(4, 3), RELU4_4(4, 4),
  RELU5_1(5, 1), RELU5_2(5, 2), RELU5_3(5, 3), RELU5_4(5, 4);

  /** Output channels of each block in the full-width network. */
  private static final int[] FULL_BLOCK_WIDTH = {64, 128, 256, 512, 512};

  private final int block;
  private final int indexInBlock;

  Vgg19Layer(int block, int indexInBlock) {
    this.block = block;
    this.indexInBlock = indexInBlock;
  }

  public int block() {
    return block;
  }

  /** True for the first convolution of blocks 2-5, whose input is the previous block's pooling. */
  public boolean followsPooling() {
    return indexInBlock == 1 && block > 1;
  }

  /** True for the last convolution of blocks 1-4, which a pooling follows when deeper layers are used. */
  public boolean isLastInBlock() {
    return ordinal() + 1 < values().length && values()[ordinal() + 1].block != block;
  }

  /** Feature name as users write it, e.g. {@code relu4_2}. */
  public String featureName() {
    return "relu" + block + "_" + indexInBlock;
  }

  /** Layer name in the Keras weight files, e.g. {@code block4_conv2}. */
  public String kerasName() {
    return "block" + block + "_conv" + indexInBlock;
  }

  /** Output channels at full width divided by {@code widthDivisor} (1 = the real VGG19). */
  public int outChannels(int widthDivisor) {
    return FULL_BLOCK_WIDTH[block - 1] / widthDivisor;
  }

  /** Input channels: 3 (BGR) for the first layer, else the previous layer's output channels. */
  public int inChannels(int widthDivisor) {
    return ordinal() == 0 ? 3 : values()[ordinal() - 1].outChannels(widthDivisor);
  }

  /** Parses {@code relu4_2}, {@code conv4_2} or {@code block4_conv2} (case-insensitive). */
  public static Vgg19Layer parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Vgg19Layer layer : values()) {
      String suffix = layer.block + "_" + layer.indexInBlock;
      if (n.equals("relu" + suffix) || n.equals("conv" + suffix) || n.equals(layer.kerasName())) {
        return layer;
      }
    }
    throw new IllegalArgumentException("unknown VGG19 layer '" + name + "'; expected one of "
        + Arrays.stream(values()).map(Vgg19Layer::featureName).toList());
  }
}
