package io.stylebatch.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets how many CPU threads ND4J (libnd4j's pool, OpenMP, OpenBLAS) uses. These limits are per process,
 * so all tasks of one executor JVM share them: with N task slots of one core each, every task should use
 * one thread; oversubscribing cores costs more than it gains.
 */
public final class NativeThreads {
  private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
  private static int current = -1;

  private NativeThreads() {}

  /** Applies {@code threads} (>= 1) if it differs from what this JVM last set. */
  public static synchronized void apply(int threads) {
    if (threads < 1 || threads == current) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    current = threads;
    LOG.info("ND4J uses {} thread(s) per task", threads);
  }
}
