package io.stylebatch.job.gpu;

import java.util.List;
import java.util.OptionalInt;

/**
 * Which GPU a task's ND4J should use. Spark's resource scheduling assigns each task its GPU address(es)
 * ({@code spark.task.resource.gpu.amount}); the task binds to the first. Without an assignment (GPU
 * build but no Spark GPU scheduling configured) tasks spread over the visible devices by partition, so
 * that concurrent tasks do not all pile onto device 0. On the CPU build there is nothing to bind.
 */
public record GpuSelection(OptionalInt device, String reason) {

  /**
   * @param assignedAddresses the task's {@code gpu} addresses from Spark (may be empty)
   * @param visibleDevices devices ND4J sees (0 for the CPU backend)
   * @param partitionId the task's partition, for the fallback spread
   */
  public static GpuSelection choose(List<String> assignedAddresses, int visibleDevices, int partitionId) {
    if (visibleDevices <= 0) {
      return new GpuSelection(OptionalInt.empty(), "CPU backend: no GPU to bind");
    }
    if (!assignedAddresses.isEmpty()) {
      String first = assignedAddresses.get(0).trim();
      int address;
      try {
        address = Integer.parseInt(first);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("Spark assigned GPU address '" + first + "', which is not a device index; "
            + "the discovery script must report CUDA device indexes");
      }
      if (address < 0 || address >= visibleDevices) {
        throw new IllegalStateException("Spark assigned GPU " + address + " but only " + visibleDevices
            + " device(s) are visible to this executor (check CUDA_VISIBLE_DEVICES and the discovery script)");
      }
      return new GpuSelection(OptionalInt.of(address), "assigned by Spark: " + assignedAddresses);
    }
    int device = Math.floorMod(partitionId, visibleDevices);
    return new GpuSelection(OptionalInt.of(device), "no GPU assigned by Spark; partition " + partitionId
        + " spread over " + visibleDevices + " visible device(s)");
  }
}
