package io.stylebatch.job.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GpuSelectionTest {
  @Test
  void bindsTheAddressSparkAssigned() {
    assertEquals(OptionalInt.of(1), GpuSelection.choose(List.of("1"), 4, 7).device());
    assertEquals(OptionalInt.of(2), GpuSelection.choose(List.of("2", "3"), 4, 0).device(), "first of several");
  }

  @Test
  void cpuBackendBindsNothing() {
    assertEquals(OptionalInt.empty(), GpuSelection.choose(List.of("0"), 0, 3).device());
  }

  @Test
  void withoutAnAssignmentTasksSpreadOverDevices() {
    assertEquals(OptionalInt.of(0), GpuSelection.choose(List.of(), 2, 4).device());
    assertEquals(OptionalInt.of(1), GpuSelection.choose(List.of(), 2, 5).device());
    assertTrue(GpuSelection.choose(List.of(), 2, 5).reason().contains("no GPU assigned"));
  }

  @Test
  void impossibleAssignmentsFailClearly() {
    assertTrue(assertThrows(IllegalStateException.class, () -> GpuSelection.choose(List.of("5"), 2, 0))
        .getMessage().contains("only 2 device(s)"));
    assertTrue(assertThrows(IllegalStateException.class, () -> GpuSelection.choose(List.of("GPU-abc"), 2, 0))
        .getMessage().contains("not a device index"));
  }
}
