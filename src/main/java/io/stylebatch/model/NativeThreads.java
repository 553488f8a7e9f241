package io.stylebatch.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets how many CPU threads ND4J (libnd4j's pool, OpenMP, OpenBLAS) uses. Most of these limits are per
 * process, so all tasks of one executor JVM share them: with N task slots of one core each, every task
 * should use one thread; oversubscribing cores costs more than it gains. OpenMP's thread count, though,
 * belongs to the calling thread, so it is set on every task thread: a task thread left at OpenMP's default
 * would sum in a different order, and the same pair would give a different image depending on which
 * thread ran it.
 */
public final class NativeThreads {
  private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
  private static int current = -1;
  private static final ThreadLocal<Integer> OPENMP = ThreadLocal.withInitial(() -> -1);

  private NativeThreads() {}

  /** Applies {@code threads} (>= 1) to this JVM if it differs from what it last set, and to this thread. */
  public static synchronized void apply(int threads) {
    if (threads < 1) {
      return;
    }
    if (threads != current) {
      // The first call also loads the backend, which NativeOpsHolder needs.
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
      current = threads;
      LOG.info("ND4J uses {} thread(s) per task", threads);
    }
    if (OPENMP.get() != threads) {
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
      OPENMP.set(threads);
    }
  }
}
