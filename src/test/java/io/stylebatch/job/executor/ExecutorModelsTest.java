package io.stylebatch.job.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.tools.KerasWeightsWriter;
import io.stylebatch.tools.RandomWeights;
import io.stylebatch.tools.SyntheticImages;
import io.stylebatch.transfer.EngineTestSupport;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The executor's caches free native memory as soon as nothing uses it, without waiting for the garbage collector. */
class ExecutorModelsTest {
  private static final long BUDGET = 1L << 30;

  @AfterEach
  void forget() {
    ExecutorModels.reset();
  }

  private static boolean freed(StyleTargets targets) {
    return targets.grams().values().stream().allMatch(INDArray::wasClosed);
  }

  /**
   * Full-width targets (2.4 MB of Gram matrices each), so that the 100 of them after the warm-up, left to the
   * garbage collector, would stand far above the noise of the process's resident memory (tens of MB in a long
   * test JVM), which is all JavaCPP can see of ND4J's buffers ({@code Pointer.totalBytes()} does not count them).
   */
  @Test
  void cyclingManyStylesThroughTheCacheKeepsNativeMemoryFlat() {
    try (Vgg19Weights full = RandomWeights.create(1, 3)) {
      StyleTransferEngine engine = new StyleTransferEngine(full);
      TransferSettings settings = TestSettings.of(TransferSetting.IMAGE_SIZE, 64);
      BufferedImage style = SyntheticImages.painting(64, 64, 5);
      List<StyleTargets> computed = new ArrayList<>();
      long targetBytes = 0;
      long warm = 0;
      int styles = 110;
      for (int i = 0; i < styles; i++) {
        try (SharedNative.Lease<StyleTargets> lease = ExecutorModels.styleTargets("style-" + i, 2, () -> {
          StyleTargets t = engine.styleTargets(style, settings, BUDGET);
          computed.add(t);
          return t;
        }, () -> { })) {
          assertSame(computed.get(i), lease.get());
        }
        if (i == 9) {
          warm = Pointer.physicalBytes();
          targetBytes = computed.get(i).grams().values().stream().mapToLong(g -> g.length() * 4).sum();
        }
      }
      long grown = Pointer.physicalBytes() - warm;
      // Unfreed, the 100 targets computed after the warm-up would add 100 x targetBytes (244 MB).
      assertTrue(grown < 25 * targetBytes, "resident memory grew by " + grown / 1_000_000 + " MB over 100 styles of "
          + targetBytes / 1_000_000.0 + " MB each");
      for (int i = 0; i < styles - 2; i++) {
        assertTrue(freed(computed.get(i)), "style " + i + " was evicted but not freed");
      }
      assertFalse(freed(computed.get(styles - 1)), "the cache's own entries stay");
    }
  }

  @Test
  void targetsEvictedWhileInUseAreFreedWhenTheirLastUserIsDone() {
    StyleTransferEngine engine = new StyleTransferEngine(EngineTestSupport.narrowWeights());
    TransferSettings settings = TestSettings.of(TransferSetting.IMAGE_SIZE, 64);
    BufferedImage style = SyntheticImages.painting(64, 64, 6);
    SharedNative.Lease<StyleTargets> first = ExecutorModels.styleTargets("a", 1,
        () -> engine.styleTargets(style, settings, BUDGET), () -> { });
    SharedNative.Lease<StyleTargets> second = ExecutorModels.styleTargets("a", 1,
        () -> {
          throw new AssertionError("computed twice");
        }, () -> { });
    StyleTargets a = first.get();
    assertSame(a, second.get());
    ExecutorModels.styleTargets("b", 1, () -> engine.styleTargets(style, settings, BUDGET), () -> { }).close();
    first.close();
    assertFalse(freed(a), "evicted, but a second user still holds it");
    second.close();
    assertTrue(freed(a), "evicted and released by its last user");
  }

  @Test
  void replacedWeightsAreFreedOnceTheTaskUsingThemIsDone(@TempDir Path dir) throws Exception {
    ObjectStore store = new ObjectStore(new Configuration());
    List<String> uris = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      Path file = dir.resolve("w" + seed + ".h5");
      try (Vgg19Weights w = RandomWeights.create(8, seed)) {
        KerasWeightsWriter.write(file, w, KerasWeightsFile.Naming.LEGACY, true);
      }
      uris.add(file.toUri().toString());
    }
    int[] loads = {0};
    SharedNative.Lease<StyleTransferEngine> running = ExecutorModels.engine(store, uris.get(0), "d1",
        Vgg19Layer.RELU5_1, () -> loads[0]++);
    StyleTransferEngine old = running.get();
    try (SharedNative.Lease<StyleTransferEngine> next = ExecutorModels.engine(store, uris.get(1), "d2",
        Vgg19Layer.RELU5_1, () -> loads[0]++)) {
      assertNotSame(old, next.get());
      assertEquals(2, loads[0]);
      assertFalse(old.weights().kernel(Vgg19Layer.RELU1_1).wasClosed(), "still used by a running task");
      running.close();
      assertTrue(old.weights().kernel(Vgg19Layer.RELU1_1).wasClosed(), "replaced and no longer used");
    }
  }
}
