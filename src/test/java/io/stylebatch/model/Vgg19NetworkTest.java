package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylebatch.tools.RandomWeights;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class Vgg19NetworkTest {
  /** The backward pass turns the activations into ReLU masks, so it must not run twice on one forward pass. */
  @Test
  void eachBackwardPassNeedsItsOwnForwardPass() {
    try (Vgg19Weights w = RandomWeights.create(8, 2);
        Vgg19Network net = new Vgg19Network(w, DataType.FLOAT, 32, 24, PoolingMode.MAX,
            Set.of(Vgg19Layer.RELU2_1), true)) {
      assertArrayEquals(new long[] {1, 16, 12, 16}, net.activation(Vgg19Layer.RELU2_1).shape(), "channels last");
      assertThrows(IllegalStateException.class, net::backward);
      net.input().assign(1);
      net.forward();
      net.lossGradient(Vgg19Layer.RELU2_1).assign(1);
      net.backward();
      assertThrows(IllegalStateException.class, net::backward);
      net.forward();
      net.backward();
    }
  }
}
