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
    int before = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads();
    AtomicInteger fresh = new AtomicInteger(-1);
    Thread probe = new Thread(() -> fresh.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
    probe.start();
    probe.join();
    // A count no new thread starts with, so that the assertions fail if the setting does not reach a thread.
    int wanted = fresh.get() + 1;
    try {
      NativeThreads.apply(wanted);
      assertEquals(wanted, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
      AtomicInteger seenByAnotherThread = new AtomicInteger(-1);
      Thread task = new Thread(() -> {
        NativeThreads.apply(wanted);
        seenByAnotherThread.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
      });
      task.start();
      task.join();
      assertEquals(wanted, seenByAnotherThread.get(), "a second task thread runs with the same OpenMP thread count");
    } finally {
      NativeThreads.apply(before); // later tests in this JVM run with what they found
    }
  }
}
