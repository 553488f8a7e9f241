package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.storage.GatedFileSystem;
import io.stylebatch.tools.SyntheticImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers (one core each) as separate
 * JVMs, started from the Maven-resolved Spark jars laid out as a SPARK_HOME ({@link SparkDistribution}); the
 * packaged job jar is
 * submitted through {@code org.apache.spark.deploy.SparkSubmit}. Executors get StyleBatch and ND4J's
 * natives only from that jar.
 */
class StandaloneClusterIT extends SparkTestBase {
  private static final List<Process> DAEMONS = new ArrayList<>();
  private static Path sparkHome;
  private static Path work;
  private static int masterPort;
  private static int masterUiPort;

  @TempDir
  Path dir;

  private static List<String> opens() throws IOException {
    return SparkDistribution.opens();
  }

  private static Process startJava(Path log, Map<String, String> env, String... args) throws IOException {
    return SparkDistribution.startJava(sparkHome, log, env, args);
  }

  @BeforeAll
  static void startCluster() throws Exception {
    sparkHome = SparkDistribution.home();
    work = Files.createTempDirectory("stylebatch-cluster");
    // Every daemon binds a port of its own choosing (0); the master's are read from its log.
    Path masterLog = work.resolve("master.log");
    DAEMONS.add(startJava(masterLog, Map.of(), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    masterPort = portFromLog(masterLog, Pattern.compile("Starting Spark master at spark://127\\.0\\.0\\.1:(\\d+)"));
    masterUiPort = portFromLog(masterLog, Pattern.compile("MasterWebUI.*http://[^:]+:(\\d+)"));
    for (int w = 0; w < 2; w++) {
      Path workDir = Files.createDirectories(work.resolve("worker-" + w));
      DAEMONS.add(startJava(work.resolve("worker-" + w + ".log"), Map.of(), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "1", "--memory", "3g", "--work-dir", workDir.toString(),
          "--webui-port", "0", "spark://127.0.0.1:" + masterPort));
    }
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String state = "";
    while (System.nanoTime() < deadline) {
      try {
        state = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (state.replace(" ", "").contains("\"aliveworkers\":2")) {
          return;
        }
      } catch (IOException notYet) {
        // master UI not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("cluster did not come up with 2 workers: " + state + "; logs in " + work);
  }

  private static int portFromLog(Path log, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = pattern.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no port matching " + pattern + " in " + log);
  }

  /** The executor JVMs of this test's own workers (children of the worker processes it started). */
  private static List<ProcessHandle> ownExecutors() {
    return DAEMONS.stream().flatMap(Process::descendants)
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (Process p : DAEMONS) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    DAEMONS.clear();
    SparkDistribution.deleteTree(work); // the cluster's logs and work folders, created by this test
  }

  private Path manifest(int pairs) throws IOException {
    return manifest(pairs, false);
  }

  /** {@code pairs} pairs over two styles; with {@code gated}, the content images under {@link GatedFileSystem}. */
  private Path manifest(int pairs, boolean gated) throws IOException {
    JobFixtures f = new JobFixtures(dir);
    Path style1 = f.png("style-1.png", SyntheticImages.painting(48, 48, 1));
    Path style2 = f.jpeg("style-2.jpg", SyntheticImages.painting(48, 48, 2));
    StringBuilder csv = new StringBuilder("id,content_uri,style_uri\n");
    for (int i = 0; i < pairs; i++) {
      Path c = f.png("photo-" + i + ".png", SyntheticImages.photo(64, 48, 40 + i));
      csv.append("p").append(i).append(',').append(gated ? GatedFileSystem.uri(c) : c.toString()).append(',')
          .append(i % 2 == 0 ? style1 : style2).append('\n');
    }
    return Files.writeString(dir.resolve("manifest.csv"), csv.toString());
  }

  private Process submit(Path manifest, Path out, int iterations, Path log) throws IOException {
    return submit("client", manifest, out, iterations, log);
  }

  private Process submit(String deployMode, Path manifest, Path out, int iterations, Path log) throws IOException {
    return submit(deployMode, manifest, out, iterations, log, List.of());
  }

  private Process submit(String deployMode, Path manifest, Path out, int iterations, Path log, List<String> extra)
      throws IOException {
    Path jar = Path.of(System.getProperty("job.jar", "target/missing-job-jar")).toAbsolutePath();
    Assertions.assertTrue(Files.isRegularFile(jar), "the job jar is built in the package phase");
    List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", "spark://127.0.0.1:" + masterPort, "--deploy-mode", deployMode,
        "--class", "io.stylebatch.job.StyleBatchJob",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.memory=1g",
        "--conf", "spark.standalone.submit.waitAppCompletion=true",
        // A driver launched by a worker (cluster mode) needs Spark's Java 17 options passed explicitly.
        "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", opens()),
        "--conf", "spark.executor.memory=1500m", "--conf", "spark.executor.cores=1",
        "--conf", "spark.ui.enabled=false"));
    args.addAll(extra);
    args.addAll(List.of(jar.toString(), "--manifest", manifest.toString(), "--output", out.toString(),
        "--set", "stylebatch.model.weights=" + dir.resolve("vgg19-narrow.h5"),
        "--set", "stylebatch.transfer.image-size=48", "--set", "stylebatch.transfer.iterations=" + iterations));
    return startJava(log, Map.of(), args.toArray(new String[0]));
  }

  private List<Row> verifyComplete(Path out, int pairs) throws IOException {
    return SparkDistribution.verifyComplete(spark(), out, pairs, 48, "png");
  }

  @Test
  void sixPairsOnTwoExecutors() throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("submit.log");
    Process driver = submit(manifest(6), out, 30, log);
    Assertions.assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "job timed out");
    assertEquals(0, driver.exitValue(), "spark-submit failed; see " + log + "\n" + tail(log));
    List<Row> results = verifyComplete(out, 6);
    Set<String> executors = new HashSet<>();
    results.forEach(r -> executors.add(r.getAs("executor_id")));
    Assertions.assertTrue(executors.size() >= 2, "pairs ran on " + executors);
    Assertions.assertFalse(executors.contains("driver"), "nothing ran in the driver: " + executors);
  }

  @Test
  void anExecutorKilledMidRunIsRecoveredFrom() throws Exception {
    int pairs = 8;
    Path out = dir.resolve("out");
    Path log = dir.resolve("submit-kill.log");
    // A decoy that looks like an executor to anything matching command lines host-wide: it must survive.
    Process decoy = new ProcessBuilder("bash", "-c", "sleep 600; : CoarseGrainedExecutorBackend decoy").start();
    try {
      killOneOwnExecutorMidRun(pairs, out, log);
      Assertions.assertTrue(decoy.isAlive(), "the test killed a process it did not start");
    } finally {
      decoy.destroyForcibly();
    }
  }

  /**
   * Every content image is behind a gate ({@link GatedFileSystem}, shipped to the executors in a jar): each
   * executor's first read waits for the test, so the executor killed is one holding a pair mid-task, whatever the
   * machine's speed; the gate opens after the kill.
   */
  private void killOneOwnExecutorMidRun(int pairs, Path out, Path log) throws Exception {
    Path gate = Files.createDirectories(dir.resolve("gate"));
    Path manifest = manifest(pairs, true);
    Process driver = submit("client", manifest, out, 150, log, List.of("--jars", GatedFileSystem.jar(dir).toString(),
        "--conf", "spark.hadoop.fs.gated.impl=" + GatedFileSystem.class.getName(),
        "--conf", "spark.hadoop.fs.gated.impl.disable.cache=true", "--conf", "spark.hadoop.fs.gated.gate=" + gate));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    Path reached = null;
    while (reached == null && System.nanoTime() < deadline && driver.isAlive()) {
      try (var files = Files.list(gate)) {
        reached = files.filter(p -> p.getFileName().toString().startsWith("reached-")).findFirst().orElse(null);
      }
      Thread.sleep(100); // polls for the file the held executor writes
    }
    Assertions.assertNotNull(reached, "no executor reached the gate\n" + tail(log));
    long held = Long.parseLong(reached.getFileName().toString().substring("reached-".length()));
    List<ProcessHandle> executors = ownExecutors();
    ProcessHandle victim = executors.stream().filter(p -> p.pid() == held).findFirst().orElse(null);
    Assertions.assertNotNull(victim, "the held executor " + held + " is not among this test's executors " + executors);
    victim.destroyForcibly();
    victim.onExit().get(30, TimeUnit.SECONDS);
    Files.createFile(gate.resolve("open"));
    Assertions.assertTrue(driver.waitFor(8, TimeUnit.MINUTES), "job timed out after the executor was killed");
    assertEquals(0, driver.exitValue(), "see " + log + "\n" + tail(log));
    List<Row> results = verifyComplete(out, pairs);
    Assertions.assertTrue(results.stream().anyMatch(r -> (int) r.getAs("attempt") > 0),
        "the pair whose executor died was retried (attempt > 0): "
            + results.stream().map(r -> r.getAs("id") + "@" + r.getAs("attempt")).toList());
  }

  /**
   * In cluster deploy mode the driver runs on a worker and its outcome is the driver's final state at the
   * master, not a process exit code: a good run must end FINISHED (main returned), a bad one FAILED (main
   * threw with the exit code), never a System.exit that the cluster manager would misread.
   */
  @Test
  void clusterDeployModeReportsTheDriversFinalState() throws Exception {
    Path good = dir.resolve("out-cluster");
    Path goodLog = dir.resolve("submit-cluster.log");
    Process client = submit("cluster", manifest(2), good, 10, goodLog);
    assertEquals("FINISHED", driverFinalState(client, goodLog), tail(goodLog));
    verifyComplete(good, 2);

    Path badLog = dir.resolve("submit-cluster-bad.log");
    client = submit("cluster", dir.resolve("no-such-manifest.csv"), dir.resolve("out-bad"), 10, badLog);
    assertEquals("FAILED", driverFinalState(client, badLog), tail(badLog));
    Assertions.assertFalse(Files.exists(dir.resolve("out-bad")), "nothing written for invalid input");
  }

  private static String driverFinalState(Process client, Path log) throws Exception {
    Assertions.assertTrue(client.waitFor(6, TimeUnit.MINUTES), "spark-submit did not return\n" + tail(log));
    Matcher id = Pattern.compile("(driver-\\d+-\\d+)").matcher(Files.readString(log));
    Assertions.assertTrue(id.find(), "no driver id in the submit log\n" + tail(log));
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      var completed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("completeddrivers");
      for (var driver : completed) {
        if (driver.path("id").asText().equals(id.group(1))) {
          return driver.path("state").asText();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("driver " + id.group(1) + " did not complete\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    return SparkDistribution.tail(log);
  }
}
