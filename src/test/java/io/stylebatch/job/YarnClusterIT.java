package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.tools.SyntheticImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real YARN cluster on 127.0.0.1 — a ResourceManager and a NodeManager in this JVM (Hadoop's
 * MiniYARNCluster), their configuration written to a folder that becomes {@code HADOOP_CONF_DIR} — and the
 * built job jar submitted to it by {@code jobs/spark-submit/yarn-gpu.sh} itself, with its GPU settings
 * switched off ({@code GPUS=0}) and its sizes scaled down through its documented variables. Containers are
 * real JVMs launched by the NodeManager; the application's final status and attempts are read from the
 * ResourceManager.
 */
class YarnClusterIT extends SparkTestBase {
  private static MiniYARNCluster yarn;
  private static Path work;
  private static Path confDir;
  private static Path sparkHome;
  private static Path sparkSubmit;

  @TempDir
  Path dir;

  @BeforeAll
  static void startYarn() throws Exception {
    String host = MiniYARNCluster.getHostname();
    Assertions.assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "the mini cluster binds to this "
        + "host's name, " + host + ", which must resolve to a loopback address here");
    sparkHome = SparkDistribution.home();
    work = Files.createTempDirectory("stylebatch-yarn");
    YarnConfiguration conf = new YarnConfiguration();
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    // One queue, "default", as a stock CapacityScheduler has it (its capacity-scheduler.xml is not shipped).
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    // The ApplicationMaster (the driver in cluster mode) may take the whole (small) node.
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    conf.set("hadoop.tmp.dir", work.resolve("hadoop-tmp").toString());
    conf.set("fs.defaultFS", "file:///");
    yarn = new MiniYARNCluster("stylebatch-yarn", 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    Assertions.assertTrue(yarn.waitForNodeManagersToConnect(60_000), "the NodeManager did not register");
    Configuration live = yarn.getConfig();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (live.get(YarnConfiguration.RM_ADDRESS).endsWith(":0") && System.nanoTime() < deadline) {
      Thread.sleep(100); // the ResourceManager publishes its bound port after start() returns
    }
    confDir = Files.createDirectories(work.resolve("conf"));
    try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
      live.writeXml(out);
    }
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", "file:///");
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      core.writeXml(out);
    }
    // spark-submit as a distribution's launcher runs it: SparkSubmit on the client configuration folder and
    // the distribution's jars.
    sparkSubmit = work.resolve("spark-submit");
    Files.writeString(sparkSubmit, "#!/usr/bin/env bash\nexec java -Xmx512m "
        + String.join(" ", SparkDistribution.opens()) + " -cp '" + confDir + ":" + sparkHome.resolve("jars") + "/*' "
        + "org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    Assertions.assertTrue(sparkSubmit.toFile().setExecutable(true));
  }

  @AfterAll
  static void stopYarn() throws IOException {
    if (yarn != null) {
      yarn.stop();
      yarn = null;
    }
    SparkDistribution.deleteTree(work);
  }

  /** The recipe's variables for this small cluster: two 1-core executors, no GPU, no S3A packages. */
  private Map<String, String> recipe(String deployMode, Path manifest, Path out, int iterations) {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_SUBMIT", sparkSubmit.toString());
    env.put("JOB_JAR", Path.of(System.getProperty("job.jar", "target/missing-job-jar")).toAbsolutePath().toString());
    env.put("MANIFEST", manifest.toString());
    env.put("OUTPUT", out.toString());
    env.put("DEPLOY_MODE", deployMode);
    env.put("GPUS", "0");
    env.put("S3A_PACKAGES", "");
    env.put("NUM_EXECUTORS", "2");
    env.put("EXECUTOR_CORES", "1");
    env.put("EXECUTOR_MEMORY", "640m");
    env.put("EXECUTOR_OVERHEAD", "384m");
    env.put("DRIVER_MEMORY", "640m");
    env.put("JAVACPP_MAXBYTES", "512m");
    env.put("JAVACPP_MAXPHYSICALBYTES", "1500m");
    String javaHome = System.getProperty("java.home");
    env.put("SUBMIT_ARGS", String.join(" ",
        "--conf", "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
        "--conf", "spark.yarn.stagingDir=" + work.resolve("staging").toUri(),
        "--conf", "spark.yarn.am.memory=512m",
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.ui.enabled=false"));
    env.put("JOB_ARGS", String.join(" ",
        "--set", "stylebatch.model.weights=" + dir.resolve("vgg19-narrow.h5"),
        "--set", "stylebatch.transfer.image-size=48", "--set", "stylebatch.transfer.iterations=" + iterations));
    env.put("HADOOP_CONF_DIR", confDir.toString());
    env.put("YARN_CONF_DIR", confDir.toString());
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return env;
  }

  /** Runs {@code jobs/spark-submit/yarn-gpu.sh} with {@code env}; returns the process, output in {@code log}. */
  private static Process submit(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("jobs/spark-submit/yarn-gpu.sh").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    return pb.start();
  }

  private static int waitFor(Process p, Path log) throws Exception {
    Assertions.assertTrue(p.waitFor(4, TimeUnit.MINUTES), "spark-submit did not return\n" + tail(log));
    return p.exitValue();
  }

  private Path manifest(int pairs, boolean oneMissing) throws IOException {
    JobFixtures f = new JobFixtures(dir);
    Path style = f.png("style.png", SyntheticImages.painting(48, 48, 1));
    StringBuilder csv = new StringBuilder("id,content_uri,style_uri\n");
    for (int i = 0; i < pairs; i++) {
      Path c = oneMissing && i == 0 ? dir.resolve("no-such-photo.png")
          : f.png("photo-" + i + ".png", SyntheticImages.photo(64, 48, 60 + i));
      csv.append("p").append(i).append(',').append(c).append(',').append(style).append('\n');
    }
    return Files.writeString(dir.resolve("manifest-" + pairs + (oneMissing ? "-missing" : "") + ".csv"),
        csv.toString());
  }

  /** The YARN application spark-submit created, as the ResourceManager knows it. */
  private static RMApp application(Path log) throws IOException {
    Matcher m = Pattern.compile("Submitted application (application_\\d+_\\d+)").matcher(Files.readString(log));
    Assertions.assertTrue(m.find(), "no application id in the submit log\n" + tail(log));
    RMApp app = yarn.getResourceManager().getRMContext().getRMApps().get(ApplicationId.fromString(m.group(1)));
    Assertions.assertNotNull(app, m.group(1));
    return app;
  }

  /** The driver's stdout in cluster mode: the ApplicationMaster's container (the first of its attempt). */
  private static String driverStdout(RMApp app) throws IOException {
    try (Stream<Path> files = Files.walk(yarn.getTestWorkDir().toPath())) {
      List<Path> stdout = files.filter(p -> p.getFileName().toString().equals("stdout")
          && p.getParent().getFileName().toString().startsWith("container_")
          && p.getParent().getFileName().toString().endsWith("_000001")
          && p.getParent().getParent().getFileName().toString().equals(app.getApplicationId().toString())).toList();
      Assertions.assertEquals(1, stdout.size(), "one driver container log: " + stdout);
      return Files.readString(stdout.get(0));
    }
  }

  private List<Row> verifyComplete(Path out, int pairs) throws IOException {
    return SparkDistribution.verifyComplete(spark(), out, pairs, 48, "png");
  }

  private List<Row> verifyComplete(Path out, int pairs, String extension) throws IOException {
    return SparkDistribution.verifyComplete(spark(), out, pairs, 48, extension);
  }

  @Test
  void clusterModeEndsInTheFinalStatusTheExitCodeCallsForWithOneAttempt() throws Exception {
    // WebP outputs: libwebp's natives load from the shaded job jar inside the executors' containers.
    Path good = dir.resolve("out-good");
    Path log = dir.resolve("submit-good.log");
    Map<String, String> webp = recipe("cluster", manifest(2, false), good, 6);
    webp.put("JOB_ARGS", webp.get("JOB_ARGS") + " --set stylebatch.output.format=webp");
    assertEquals(0, waitFor(submit(webp, log), log), tail(log));
    RMApp app = application(log);
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus());
    assertEquals(1, app.getAppAttempts().size());
    verifyComplete(good, 2, "webp");
    Assertions.assertTrue(driverStdout(app).contains("\"exit_code\":0"), "the JSON line is in the driver's log");

    // Too many failures (exit 3): FAILED with the reason, _FAILED written, and no second attempt.
    Path failing = dir.resolve("out-failing");
    log = dir.resolve("submit-failing.log");
    Assertions.assertNotEquals(0, waitFor(submit(recipe("cluster", manifest(2, true), failing, 6), log), log));
    app = application(log);
    assertEquals(FinalApplicationStatus.FAILED, app.getFinalApplicationStatus());
    Assertions.assertTrue(app.getDiagnostics().toString().contains("stylebatch exit code 3: 1 of 2 pairs failed"),
        app.getDiagnostics().toString());
    assertEquals(1, app.getAppAttempts().size(), "a failed night is not recomputed by a second attempt");
    Assertions.assertTrue(Files.exists(failing.resolve("_FAILED")) && !Files.exists(failing.resolve("_SUCCESS")));
    Assertions.assertTrue(driverStdout(app).contains("\"exit_code\":3"));

    // Invalid input (exit 2): FAILED at once, nothing computed or written, no second attempt.
    Path invalid = dir.resolve("out-invalid");
    log = dir.resolve("submit-invalid.log");
    Assertions.assertNotEquals(0, waitFor(submit(recipe("cluster", dir.resolve("no-such-manifest.csv"), invalid, 6),
        log), log));
    app = application(log);
    assertEquals(FinalApplicationStatus.FAILED, app.getFinalApplicationStatus());
    Assertions.assertTrue(app.getDiagnostics().toString().contains("stylebatch exit code 2: "),
        app.getDiagnostics().toString());
    assertEquals(1, app.getAppAttempts().size());
    Assertions.assertFalse(Files.exists(invalid), "nothing written for invalid input");
  }

  @Test
  void clientModeExitsWithTheJobsCodesAndSurvivesAKilledExecutorContainer() throws Exception {
    // Exit 0, with one executor container killed mid-run: its pairs are retried, one row and image per pair.
    int pairs = 6;
    Path out = dir.resolve("out-client");
    Path log = dir.resolve("submit-client.log");
    Process driver = submit(recipe("client", manifest(pairs, false), out, 120), log);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline && driver.isAlive() && !SparkDistribution.hasImage(out.resolve("images"))) {
      Thread.sleep(100);
    }
    Assertions.assertTrue(driver.isAlive(), "the run was still going at its first image\n" + tail(log));
    ProcessHandle executor = ownExecutorContainer(application(log).getApplicationId());
    executor.destroyForcibly();
    assertEquals(0, waitFor(driver, log), tail(log));
    List<Row> results = verifyComplete(out, pairs);
    Assertions.assertTrue(results.stream().anyMatch(r -> (int) r.getAs("attempt") > 0),
        "a pair of the killed executor was retried: " + results.stream().map(r -> r.getAs("attempt")).toList());

    Path failing = dir.resolve("out-client-failing");
    log = dir.resolve("submit-client-failing.log");
    assertEquals(3, waitFor(submit(recipe("client", manifest(2, true), failing, 4), log), log), tail(log));
    log = dir.resolve("submit-client-invalid.log");
    assertEquals(2, waitFor(submit(recipe("client", dir.resolve("no-such.csv"), dir.resolve("out-x"), 4), log), log),
        tail(log));
    Assertions.assertTrue(Files.readString(log).contains("stylebatch: "), tail(log));
  }

  /**
   * An executor's JVM: a container YARN's NodeManager runs for {@code app} other than the ApplicationMaster,
   * found among this JVM's own descendants by its container id — never by a process name.
   */
  private static ProcessHandle ownExecutorContainer(ApplicationId app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (ContainerId id : yarn.getNodeManager(0).getNMContext().getContainers().keySet()) {
        if (!id.getApplicationAttemptId().getApplicationId().equals(app) || id.getContainerId() == 1) {
          continue;
        }
        List<ProcessHandle> jvms = ProcessHandle.current().descendants()
            .filter(p -> p.info().command().orElse("").endsWith("/java")
                && p.info().commandLine().orElse("").contains(id.toString())).toList();
        if (jvms.size() == 1) {
          return jvms.get(0);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no executor container of " + app + " among this test's processes");
  }

  @Test
  void yarnSpecificMistakesEndInOneClearLine() throws Exception {
    Path manifest = manifest(2, false);
    Map<String, String> env = recipe("cluster", manifest, dir.resolve("out-q"), 4);
    env.put("YARN_QUEUE", "no-such-queue");
    Path log = dir.resolve("submit-queue.log");
    Assertions.assertNotEquals(0, waitFor(submit(env, log), log));
    assertLine(log, "no-such-queue");

    env = recipe("cluster", manifest, dir.resolve("out-m"), 4);
    env.put("EXECUTOR_MEMORY", "6g");
    log = dir.resolve("submit-memory.log");
    Assertions.assertNotEquals(0, waitFor(submit(env, log), log));
    assertLine(log, "is above the max threshold (4096 MB) of this cluster");

    env = recipe("cluster", manifest, dir.resolve("out-j"), 4);
    env.put("JOB_JAR", dir.resolve("no-such-job.jar").toString());
    log = dir.resolve("submit-jar.log");
    Assertions.assertNotEquals(0, waitFor(submit(env, log), log));
    assertLine(log, "no-such-job.jar");
  }

  private static void assertLine(Path log, String words) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains(words)).toList();
    Assertions.assertFalse(lines.isEmpty(), "no line names '" + words + "'\n" + tail(log));
    System.out.println("YARN mistake, as spark-submit reports it: " + lines.get(0));
  }

  private static String tail(Path log) throws IOException {
    return SparkDistribution.tail(log);
  }
}
