package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Vgg19LayerTest {
  @Test
  void namesAndChannelsFollowVgg19() {
    assertEquals(Vgg19Layer.RELU4_2, Vgg19Layer.parse("relu4_2"));
    assertEquals(Vgg19Layer.RELU4_2, Vgg19Layer.parse("block4_conv2"));
    assertEquals(Vgg19Layer.RELU4_2, Vgg19Layer.parse(" CONV4_2 "));
    assertThrows(IllegalArgumentException.class, () -> Vgg19Layer.parse("relu6_1"));
    assertEquals(3, Vgg19Layer.RELU1_1.inChannels(1));
    assertEquals(256, Vgg19Layer.RELU4_1.inChannels(1));
    assertEquals(512, Vgg19Layer.RELU4_1.outChannels(1));
    assertEquals(64, Vgg19Layer.RELU5_4.outChannels(8));
    assertTrue(Vgg19Layer.RELU3_1.followsPooling());
    assertFalse(Vgg19Layer.RELU1_1.followsPooling());
    assertTrue(Vgg19Layer.RELU3_4.isLastInBlock());
    assertFalse(Vgg19Layer.RELU5_4.isLastInBlock());
  }
}
