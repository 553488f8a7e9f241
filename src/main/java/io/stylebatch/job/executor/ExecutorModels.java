package io.stylebatch.job.executor;

import io.stylebatch.config.Uris;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.objective.StyleTargets;
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
 * the others rather than computed twice. Both are native memory handed out as leases ({@link SharedNative}):
 * weights replaced by others and targets evicted from the cache are freed when their last user releases them.
 */
public final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Object LOCK = new Object();
  private static String loadedKey;
  private static SharedNative<StyleTransferEngine> engine;
  private static final LinkedHashMap<String, CompletableFuture<SharedNative<StyleTargets>>> STYLES =
      new LinkedHashMap<>(16, 0.75f, true);

  private ExecutorModels() {}

  /**
   * A lease on the engine for these weights, loading them if this JVM has not yet (then {@code onLoad} runs).
   * Keyed by the weights' content digest, so a file replaced at the same URI is loaded anew.
   */
  public static SharedNative.Lease<StyleTransferEngine> engine(ObjectStore store, String weightsUri,
      String weightsDigest, Vgg19Layer deepest, Runnable onLoad) throws IOException {
    String key = weightsUri + "#" + weightsDigest + "#" + deepest;
    synchronized (LOCK) {
      if (!key.equals(loadedKey)) {
        long start = System.nanoTime();
        Vgg19Weights weights = KerasWeightsFile.read(store.localCopy(weightsUri), deepest);
        retireAll();
        engine = new SharedNative<>(new StyleTransferEngine(weights), weights);
        loadedKey = key;
        onLoad.run();
        LOG.info("loaded VGG19 weights {} up to {} ({} parameters, width 1/{}) in {} ms", Uris.redact(weightsUri),
            deepest.featureName(), weights.parameterCount(), weights.widthDivisor(),
            (System.nanoTime() - start) / 1_000_000);
      }
      return engine.tryAcquire(); // never null: retired only under LOCK, and replaced at once
    }
  }

  /**
   * A lease on the style targets for {@code key}, computing them with {@code compute} (and running
   * {@code onCompute}) only on the first request in this JVM. Close the lease when the scale is done with them.
   */
  public static SharedNative.Lease<StyleTargets> styleTargets(String key, int maxEntries,
      Supplier<StyleTargets> compute, Runnable onCompute) {
    while (true) {
      CompletableFuture<SharedNative<StyleTargets>> future;
      boolean mine = false;
      synchronized (STYLES) {
        future = STYLES.get(key);
        if (future == null) {
          future = new CompletableFuture<>();
          STYLES.put(key, future);
          mine = true;
          while (STYLES.size() > maxEntries) {
            retire(STYLES.remove(STYLES.keySet().iterator().next()));
          }
        }
      }
      if (mine) {
        try {
          StyleTargets targets = compute.get();
          onCompute.run();
          future.complete(new SharedNative<>(targets, targets));
        } catch (RuntimeException | Error e) {
          synchronized (STYLES) {
            STYLES.remove(key, future);
          }
          future.completeExceptionally(e);
          throw e;
        }
      }
      SharedNative.Lease<StyleTargets> lease = await(future).tryAcquire();
      if (lease != null) {
        return lease;
      }
      // Evicted and freed between its computation and now: compute it again.
    }
  }

  private static SharedNative<StyleTargets> await(CompletableFuture<SharedNative<StyleTargets>> future) {
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

  /** An evicted entry: freed once its users are done (when its computation completes, if still running). */
  private static void retire(CompletableFuture<SharedNative<StyleTargets>> entry) {
    entry.thenAccept(SharedNative::retire);
  }

  private static void retireAll() {
    if (engine != null) {
      engine.retire();
    }
    synchronized (STYLES) {
      STYLES.values().forEach(ExecutorModels::retire);
      STYLES.clear();
    }
  }

  /** For tests: let go of everything loaded in this JVM (freed once no task uses it). */
  public static void reset() {
    synchronized (LOCK) {
      retireAll();
      engine = null;
      loadedKey = null;
    }
  }
}
