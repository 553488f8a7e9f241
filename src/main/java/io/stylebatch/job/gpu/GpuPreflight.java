package io.stylebatch.job.gpu;

import io.stylebatch.config.ConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With the CUDA build, checks the executors' GPUs before any pair runs: a GPU the binary cannot run on
 * ({@link GpuArchitectures}) stops the run with one line naming it (exit 2) instead of a cryptic CUDA error
 * in every task. On the CPU build it does nothing.
 */
public final class GpuPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(GpuPreflight.class);
  private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

  private GpuPreflight() {}

  static boolean cudaBuild() {
    try {
      Class.forName(CUDA_BACKEND, false, GpuPreflight.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** @throws ConfigurationException naming the first GPU that cannot run the build */
  public static void check(SparkSession spark) {
    if (!cudaBuild()) {
      return;
    }
    int tasks = Math.max(2, spark.sparkContext().defaultParallelism());
    List<String[]> reports = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
        .map(i -> new String[] {InetAddress.getLocalHost().getHostName(), nvidiaSmi()}).collect();
    for (String[] r : reports) {
      GpuArchitectures.problem(r[0], GpuArchitectures.parse(r[1])).ifPresent(problem -> {
        throw new ConfigurationException(problem);
      });
    }
    LOG.info("GPUs checked on {} task(s): all can run the CUDA build", reports.size());
  }

  private static String nvidiaSmi() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,compute_cap", "--format=csv,noheader")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
