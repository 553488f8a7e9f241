package io.stylebatch.job.executor;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.config.Uris;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.StyleTransferEngine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-executor-JVM state: the VGG19 weights, loaded once (lazily, by the first task that needs them),
 * and the style targets, computed once per style image and settings however many pairs use them.
 * Tasks running concurrently in one JVM share both; a style being computed by one task is awaited by
 * the others rather than computed twice.
 */
public final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Object LOCK = new Object();
  private static String loadedKey;
  private static StyleTransferEngine engine;
  private static final LinkedHashMap<String, CompletableFuture<StyleTargets>> STYLES =
      new LinkedHashMap<>(16, 0.75f, true);

  private ExecutorModels() {}

  /**
   * The engine for these weights, loading them if this JVM has not yet (then {@code onLoad} runs). Keyed by
   * the weights' content digest, so a file replaced at the same URI is loaded anew.
   */
  public static StyleTransferEngine engine(ObjectStore store, String weightsUri, String weightsDigest,
      Vgg19Layer deepest, Runnable onLoad) throws IOException {
    String key = weightsUri + "#" + weightsDigest + "#" + deepest;
    synchronized (LOCK) {
      if (!key.equals(loadedKey)) {
        long start = System.nanoTime();
        Vgg19Weights weights = KerasWeightsFile.read(store.localCopy(weightsUri), deepest);
        // Weights replaced here (a new weights URI in the same JVM) are not closed: a running task may
        // still use them; the garbage collector frees them.
        engine = new StyleTransferEngine(weights);
        loadedKey = key;
        synchronized (STYLES) {
          STYLES.clear();
        }
        onLoad.run();
        LOG.info("loaded VGG19 weights {} up to {} ({} parameters, width 1/{}) in {} ms", Uris.redact(weightsUri),
            deepest.featureName(), weights.parameterCount(), weights.widthDivisor(),
            (System.nanoTime() - start) / 1_000_000);
      }
      return engine;
    }
  }

  /**
   * Cached style targets for {@code key}, computing them with {@code compute} (and running
   * {@code onCompute}) only on the first request in this JVM.
   */
  public static StyleTargets styleTargets(String key, int maxEntries, Supplier<StyleTargets> compute,
      Runnable onCompute) {
    CompletableFuture<StyleTargets> future;
    boolean mine = false;
    synchronized (STYLES) {
      future = STYLES.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        STYLES.put(key, future);
        mine = true;
        while (STYLES.size() > maxEntries) {
          // Evicted targets are not closed: a running task may still use them; GC frees them.
          STYLES.remove(STYLES.keySet().iterator().next());
        }
      }
    }
    if (mine) {
      try {
        StyleTargets targets = compute.get();
        onCompute.run();
        future.complete(targets);
      } catch (RuntimeException | Error e) {
        synchronized (STYLES) {
          STYLES.remove(key);
        }
        future.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for style targets", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** For tests: forget everything loaded in this JVM. */
  public static void reset() {
    synchronized (LOCK) {
      loadedKey = null;
      engine = null;
      synchronized (STYLES) {
        STYLES.clear();
      }
    }
  }
}
