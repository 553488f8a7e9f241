package io.stylebatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * OpenMP's thread count belongs to the calling thread. Spark runs tasks on a pool of threads, so every
 * task thread must get the setting, not only the first: otherwise a pair's image depends on the thread
 * that happened to run it.
 */
class NativeThreadsTest {
  @Test
  void everyTaskThreadGetsTheOpenMpThreadCount() throws InterruptedException {
    NativeThreads.apply(1);
    assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    AtomicInteger seenByAnotherThread = new AtomicInteger(-1);
    Thread task = new Thread(() -> {
      NativeThreads.apply(1);
      seenByAnotherThread.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    });
    task.start();
    task.join();
    assertEquals(1, seenByAnotherThread.get(), "a second task thread runs with the same OpenMP thread count");
  }
}
