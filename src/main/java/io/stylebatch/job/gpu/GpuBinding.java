package io.stylebatch.job.gpu;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the current task thread's ND4J to the GPU Spark assigned it (no-op on the CPU backend). */
public final class GpuBinding {
  private static final Logger LOG = LoggerFactory.getLogger(GpuBinding.class);

  private GpuBinding() {}

  public static void bindCurrentTask(String pairId) {
    if (Nd4j.getEnvironment().isCPU()) {
      return;
    }
    TaskContext task = TaskContext.get();
    List<String> assigned = List.of();
    int partition = 0;
    if (task != null) {
      partition = task.partitionId();
      ResourceInformation gpu = task.resources().get("gpu").getOrElse(() -> null);
      if (gpu != null) {
        assigned = List.of(gpu.addresses());
      }
    }
    GpuSelection selection = GpuSelection.choose(assigned, Nd4j.getAffinityManager().getNumberOfDevices(), partition);
    selection.device().ifPresent(d -> Nd4j.getAffinityManager().unsafeSetDevice(d));
    LOG.info("pair {}: ND4J on GPU {} ({})", pairId, selection.device().orElse(-1), selection.reason());
  }
}
