package io.stylebatch.job.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuArchitecturesTest {
  @Test
  void binaryCompatibilityWithinAMajorVersionOnly() {
    assertTrue(GpuArchitectures.supported(3, 7), "K80");
    assertTrue(GpuArchitectures.supported(7, 5), "T4");
    assertTrue(GpuArchitectures.supported(8, 0), "A100");
    assertTrue(GpuArchitectures.supported(8, 6), "A10G");
    assertTrue(GpuArchitectures.supported(8, 9), "L4 / L40 (Ada) run sm_86 code");
    assertFalse(GpuArchitectures.supported(9, 0), "H100 / H200 (Hopper): no sm_90, no PTX");
    assertFalse(GpuArchitectures.supported(10, 0), "Blackwell");
    assertFalse(GpuArchitectures.supported(3, 5), "Kepler below 3.7");
  }

  @Test
  void nvidiaSmiOutputIsReadAndAnUnsupportedGpuNamedInOneLine() {
    List<GpuArchitectures.Gpu> gpus = GpuArchitectures.parse("0, NVIDIA L4, 8.9\n1, NVIDIA H100 80GB HBM3, 9.0\n");
    assertEquals(2, gpus.size());
    assertEquals("GPU 1 (NVIDIA H100 80GB HBM3, compute capability 9.0) on node-7 cannot run the CUDA build of ND4J "
        + "1.0.0-M2.1, which carries code for compute capabilities 3.7 to 8.9 (Kepler to Ada) and no PTX; use such "
        + "GPUs or the CPU build", GpuArchitectures.problem("node-7", gpus).orElseThrow());
    assertTrue(GpuArchitectures.problem("node-7", gpus.subList(0, 1)).isEmpty());
  }
}
