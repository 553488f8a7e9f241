package io.stylebatch.transfer;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.tools.RandomWeights;

/** Shared narrow test network (channels / 8), created once per JVM: ~0.3 M weights. */
public final class EngineTestSupport {
  private static Vgg19Weights narrow;

  private EngineTestSupport() {}

  public static synchronized Vgg19Weights narrowWeights() {
    if (narrow == null) {
      narrow = RandomWeights.create(8, 11);
    }
    return narrow;
  }
}
