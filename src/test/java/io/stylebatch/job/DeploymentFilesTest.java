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
  void theAirflowDagRendersArgumentsTheJobAcceptsAndRetriesOnlyTheRun() throws Exception {
    String json = run(List.of("python3", "src/test/resources/airflow/render_dag.py",
        "jobs/airflow/stylebatch_nightly.py", "2026-11-23"), java.util.Map.of());
    var tasks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    var validate = tasks.get("validate_manifest");
    var stylize = tasks.get("stylize_catalog");
    assertEquals(0, validate.get("retries").asInt(), "invalid input (exit 2) is not retried");
    org.junit.jupiter.api.Assertions.assertTrue(stylize.get("retries").asInt() > 0, "transient failures are");
    assertEquals("stylize_catalog", validate.get("downstream").get(0).asText());
    for (var task : List.of(validate, stylize)) {
      List<String> args = new java.util.ArrayList<>();
      task.get("args").forEach(a -> args.add(a.asText()));
      JobArguments parsed = JobArguments.parse(args.toArray(new String[0]));
      assertEquals("s3a://catalog/manifests/2026-11-23/manifest.csv", parsed.manifest());
      assertEquals("s3a://catalog/stylized/dt=2026-11-23", parsed.output());
      org.junit.jupiter.api.Assertions.assertTrue(io.stylebatch.storage.ObjectStore.hasScheme(parsed.config()),
          "the config is a URI, readable in any deploy mode: " + parsed.config());
      assertEquals(task == validate, parsed.validate());
    }
    for (String script : List.of("standalone.sh", "yarn-gpu.sh", "kubernetes-gpu.sh")) {
      org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.readString(
          java.nio.file.Path.of("jobs/spark-submit", script)).contains("date -u -d yesterday +%F"),
          script + " processes the same day as the DAG's {{ ds }}");
    }
  }

  @Test
  void gpuDiscoveryPrintsSparkResourceJson() throws Exception {
    String out = run(List.of("scripts/gpu-discovery.sh"), java.util.Map.of("CUDA_VISIBLE_DEVICES", "4,5,6"));
    assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\",\"2\"]}", out.trim());
    String none = run(List.of("scripts/gpu-discovery.sh"), java.util.Map.of("CUDA_VISIBLE_DEVICES", ""));
    assertEquals("{\"name\": \"gpu\", \"addresses\": []}", none.trim(), "set but empty means no device");
  }
}
