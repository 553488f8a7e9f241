package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The deployment files parse: shell scripts with bash -n, the Airflow DAG with python3 -m py_compile. */
class DeploymentFilesTest {
  private static String run(List<String> cmd, java.util.Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }

  @Test
  void shellScriptsParse() throws Exception {
    List<Path> scripts = new ArrayList<>();
    for (String dir : List.of("scripts", "jobs/spark-submit")) {
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        s.filter(p -> p.toString().endsWith(".sh")).forEach(scripts::add);
      }
    }
    assertTrue(scripts.size() >= 11, "scripts found: " + scripts);
    for (Path script : scripts) {
      run(List.of("bash", "-n", script.toString()), java.util.Map.of());
      assertTrue(Files.isExecutable(script), script + " is executable");
    }
    run(List.of("bash", "-n", ".ci/run"), java.util.Map.of());
  }

  @Test
  void airflowDagCompiles() throws Exception {
    Path pycache = Files.createTempDirectory("pycache");
    run(List.of("python3", "-m", "py_compile", "jobs/airflow/stylebatch_nightly.py"),
        java.util.Map.of("PYTHONPYCACHEPREFIX", pycache.toString()));
  }

  @Test
  void gpuDiscoveryPrintsSparkResourceJson() throws Exception {
    String out = run(List.of("scripts/gpu-discovery.sh"), java.util.Map.of("CUDA_VISIBLE_DEVICES", "4,5,6"));
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\",\"2\"]}", out.trim());
    String none = run(List.of("scripts/gpu-discovery.sh"), java.util.Map.of("CUDA_VISIBLE_DEVICES", ""));
    assertEquals("{\"name\": \"gpu\", \"addresses\": []}", none.trim(), "set but empty means no device");
  }
}
