package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The GPU recipe is written once (jobs/recipe.sh): the DAG's Spark properties are read from it, the scripts
   * source it and keep no sizes of their own, and the S3A coordinates come from the pom through the build.
   */
  @Test
  void theRecipeIsWrittenOnceAndTheDagAndScriptsUseIt() throws Exception {
    Map<String, String> recipe = new java.util.HashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^: \"\\$\\{(\\w+)=(.*)\\}\"$")
        .matcher(Files.readString(Path.of("jobs/recipe.sh")));
    while (m.find()) {
      recipe.put(m.group(1), m.group(2));
    }
    assertTrue(recipe.keySet().containsAll(List.of("EXECUTOR_CORES", "EXECUTOR_MEMORY", "EXECUTOR_OVERHEAD", "GPUS",
        "JAVACPP_MAXBYTES", "JAVACPP_MAXPHYSICALBYTES", "DRIVER_MEMORY")), recipe.toString());
    String json = run(List.of("python3", "src/test/resources/airflow/render_dag.py",
        "jobs/airflow/stylebatch_nightly.py", "2026-11-23"), Map.of());
    var conf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("stylize_catalog").get("conf");
    assertEquals(recipe.get("EXECUTOR_MEMORY"), conf.get("spark.executor.memory").asText());
    assertEquals(recipe.get("EXECUTOR_OVERHEAD"), conf.get("spark.executor.memoryOverhead").asText());
    assertEquals(recipe.get("EXECUTOR_CORES"), conf.get("spark.task.cpus").asText());
    assertEquals("-Dorg.bytedeco.javacpp.maxbytes=" + recipe.get("JAVACPP_MAXBYTES")
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + recipe.get("JAVACPP_MAXPHYSICALBYTES"),
        conf.get("spark.executor.extraJavaOptions").asText());
    for (String script : List.of("yarn-gpu.sh", "kubernetes-gpu.sh")) {
      String text = Files.readString(Path.of("jobs/spark-submit", script));
      assertTrue(text.contains("recipe.sh"), script + " sources the recipe");
      assertTrue(!text.matches("(?s).*=(16g|24g|30g|38g)\\b.*"), script + " writes a size of its own");
    }
    String packages = Files.readString(Path.of("target/s3a-packages.txt")).strip();
    assertTrue(packages.matches("org\\.apache\\.hadoop:hadoop-aws:3\\.\\d+\\.\\d+,"
        + "org\\.apache\\.spark:spark-hadoop-cloud_2\\.12:3\\.5\\.\\d+"), packages);
    for (String file : List.of("README.md", "docs/deploy.md", "jobs/spark-submit/standalone.sh",
        "jobs/spark-submit/yarn-gpu.sh", "conf/gpu.conf")) {
      assertTrue(!Files.readString(Path.of(file)).contains("hadoop-aws:3."), file + " repeats an S3A version");
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
