package io.stylebatch.job.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which GPUs the CUDA build of ND4J M2.1 can run on. Its {@code libnd4jcuda.so} carries machine code (SASS)
 * for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 and no PTX. By CUDA's binary
 * compatibility rule, code for X.y runs on X.z with z >= y and never across major versions; without PTX
 * nothing is compiled for newer GPUs. So Kepler (3.7) to Ampere (8.6) and Ada (8.9: L4, L40, RTX 40xx)
 * can run it; Hopper (9.0: H100, H200) and Blackwell (10.x, 12.x) cannot.
 */
final class GpuArchitectures {
  /** The SASS targets in the binary, as major * 10 + minor. */
  private static final int[] SASS = {37, 50, 52, 60, 61, 70, 75, 80, 86};

  private GpuArchitectures() {}

  static boolean supported(int major, int minor) {
    for (int sass : SASS) {
      if (sass / 10 == major && sass % 10 <= minor) {
        return true;
      }
    }
    return false;
  }

  /** One GPU as {@code nvidia-smi --query-gpu=index,name,compute_cap --format=csv,noheader} prints it. */
  record Gpu(String index, String name, int major, int minor) {}

  static List<Gpu> parse(String nvidiaSmiCsv) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : nvidiaSmiCsv.split("\\R")) {
      String[] f = line.split(",");
      if (f.length < 3 || !f[2].trim().matches("\\d+\\.\\d+")) {
        continue;
      }
      String[] cc = f[2].trim().split("\\.");
      gpus.add(new Gpu(f[0].trim(), f[1].trim(), Integer.parseInt(cc[0]), Integer.parseInt(cc[1])));
    }
    return gpus;
  }

  /** The one line that stops the run when a GPU cannot run the CUDA build, or empty if all can. */
  static Optional<String> problem(String host, List<Gpu> gpus) {
    for (Gpu g : gpus) {
      if (!supported(g.major(), g.minor())) {
        return Optional.of("GPU " + g.index() + " (" + g.name() + ", compute capability " + g.major() + "."
            + g.minor() + ") on " + host + " cannot run the CUDA build of ND4J 1.0.0-M2.1, which carries code for "
            + "compute capabilities 3.7 to 8.9 (Kepler to Ada) and no PTX; use such GPUs or the CPU build");
      }
    }
    return Optional.empty();
  }
}
