package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.job.plan.ResumePlan;
import io.stylebatch.job.plan.ResumePlanner;
import io.stylebatch.output.RunMarker;
import io.stylebatch.storage.GatedFileSystem;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3ProxyProcess;
import io.stylebatch.tools.SyntheticImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job over s3a:// against a real S3 server (s3proxy) on 127.0.0.1: manifest, images, weights
 * and outputs all in the bucket, every output read back through S3A.
 */
class S3JobIT extends SparkTestBase {
  private static final String ACCESS_KEY = "AKIAEXAMPLEKEY77";
  private static final String SECRET_KEY = "S3cr3t-Never-Logged-9f8e7d";
  private static final String BUCKET = "catalog";

  @TempDir
  Path dir;
  private S3ProxyProcess server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private static final int RETRY_ATTEMPTS = 2;
  private static final int RETRY_LIMIT = 2;
  private static final double RETRY_INTERVAL_S = 0.2;
  private static final double CONNECT_TIMEOUT_S = 2;

  private List<String> s3Settings() {
    return List.of("stylebatch.s3.endpoint=" + server.endpoint(), "stylebatch.s3.region=us-east-1",
        "stylebatch.s3.path-style-access=true", "stylebatch.s3.ssl-enabled=false",
        "stylebatch.s3.credentials-provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "stylebatch.s3.committer=magic", "stylebatch.s3.retry.attempts=" + RETRY_ATTEMPTS,
        "stylebatch.s3.retry.limit=" + RETRY_LIMIT, "stylebatch.s3.retry.interval=" + (int) (RETRY_INTERVAL_S * 1000)
            + "ms", "stylebatch.s3.retry.connect-timeout=" + (int) CONNECT_TIMEOUT_S + "s");
  }

  /** Starts the server and gives Spark's Hadoop configuration the S3 credentials (never in our config). */
  private ObjectStore startServer() throws Exception {
    return startServer(false);
  }

  private ObjectStore startServer(boolean logRequests) throws Exception {
    server = new S3ProxyProcess(dir.resolve("s3data"), ACCESS_KEY, SECRET_KEY);
    if (logRequests) {
      server.logRequests();
    }
    server.start(BUCKET);
    Configuration hc = spark().sparkContext().hadoopConfiguration();
    hc.set("fs.s3a.access.key", ACCESS_KEY);
    hc.set("fs.s3a.secret.key", SECRET_KEY);
    hc.set("fs.s3a.buffer.dir", dir.resolve("s3a-buffer").toString());
    hc.setBoolean("fs.s3a.impl.disable.cache", true);
    StyleBatchJob.configureStorage(spark(), io.stylebatch.storage.S3Settings.from(
        io.stylebatch.config.ConfigLoader.load(null, s3Settings())));
    return new ObjectStore(hc);
  }

  /**
   * As {@link #upload}, with every content image behind {@link GatedFileSystem}'s gate (local files): the first
   * task to read one is held until the test opens the gate, so the run cannot finish before then.
   */
  private String uploadGated(ObjectStore s3, int n) throws IOException {
    String manifest = upload(s3, n);
    GatedFileSystem.register(spark().sparkContext().hadoopConfiguration());
    Path local = Files.createDirectories(dir.resolve("gated"));
    StringBuilder gated = new StringBuilder("id,content_uri,style_uri\n");
    String base = "s3a://" + BUCKET + "/in/";
    for (int i = 0; i < n; i++) {
      Path photo = Files.write(local.resolve("photo-" + i + ".png"), s3.readAll(base + "photo-" + i + ".png", 1 << 20));
      gated.append("p").append(i).append(',').append(GatedFileSystem.uri(photo)).append(',')
          .append(base).append("style-").append(i % 2).append(".png\n");
    }
    s3.writeAtomically(manifest, gated.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return manifest;
  }

  /** Uploads n pairs over two styles plus a narrow weight file; returns the manifest URI. */
  private String upload(ObjectStore s3, int n) throws IOException {
    JobFixtures f = new JobFixtures(dir);
    String base = "s3a://" + BUCKET + "/in/";
    s3.writeAtomically(base + "vgg19-narrow.h5", Files.readAllBytes(f.weights));
    s3.writeAtomically(base + "style-0.png", ImageCodec.encodePng(SyntheticImages.painting(48, 48, 1)));
    s3.writeAtomically(base + "style-1.png", ImageCodec.encodePng(SyntheticImages.painting(40, 56, 2)));
    StringBuilder manifest = new StringBuilder("id,content_uri,style_uri\n");
    for (int i = 0; i < n; i++) {
      s3.writeAtomically(base + "photo-" + i + ".png", ImageCodec.encodePng(SyntheticImages.photo(64, 48, 10 + i)));
      manifest.append("p").append(i).append(',').append(base).append("photo-").append(i).append(".png,")
          .append(base).append("style-").append(i % 2).append(".png\n");
    }
    s3.writeAtomically(base + "manifest.csv", manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return base + "manifest.csv";
  }

  @Test
  void aReplacedObjectIsRecomputedByItsEtagAndTheResumeCheckListsFoldersInsteadOfProbingPairs() throws Exception {
    ObjectStore s3 = startServer(true);
    String manifest = upload(s3, 6);
    String base = "s3a://" + BUCKET + "/in/";
    String out = "s3a://" + BUCKET + "/out/provenance";
    List<String> fast = List.of("stylebatch.transfer.image-size=32", "stylebatch.transfer.iterations=4",
        "stylebatch.job.verify-skipped=size");
    RunSummary first = StyleBatchJob.run(spark(), args(manifest, out, fast));
    assertEquals(ExitCode.OK, first.exitCode(), first.message());
    byte[] before = s3.readAll(out + "/images/p2.png", 10_000_000);
    String versionBefore = contentVersion(out, "p2");
    Assertions.assertTrue(versionBefore.startsWith("etag:"), "S3 gives ETags: " + versionBefore);

    // A re-shot product photo uploaded under the same key: only its pair is recomputed.
    s3.writeAtomically(base + "photo-2.png", ImageCodec.encodePng(SyntheticImages.photo(64, 48, 999)));
    RunSummary rerun = StyleBatchJob.run(spark(), args(manifest, out, fast));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.message());
    assertEquals(5, rerun.skipped(), "the other pairs are skipped");
    assertFalse(java.util.Arrays.equals(before, s3.readAll(out + "/images/p2.png", 10_000_000)), "p2 recomputed");
    Assertions.assertNotEquals(versionBefore, contentVersion(out, "p2"), "the new ETag is recorded");

    // The resume check of a finished output costs the same requests for 3 pairs as for 6: listings per folder.
    StringBuilder half = new StringBuilder("id,content_uri,style_uri\n");
    for (int i = 0; i < 3; i++) {
      half.append("p").append(i).append(',').append(base).append("photo-").append(i).append(".png,").append(base)
          .append("style-").append(i % 2).append(".png\n");
    }
    s3.writeAtomically(base + "half.csv", half.toString().getBytes(StandardCharsets.UTF_8));
    List<String> all = resumeCheckRequests(s3, manifest, out, fast);
    List<String> fewer = resumeCheckRequests(s3, base + "half.csv", out, fast);
    System.out.println("resume check of 6 pairs, requests to the store: " + all);
    assertEquals(fewer.size(), all.size(), "requests for 6 pairs " + all + " vs 3 pairs " + fewer);
    Assertions.assertTrue(all.stream().anyMatch(r -> r.startsWith("GET ") && r.contains("list-type=2")
        && r.contains("images")), "images/ is listed: " + all);
    Assertions.assertTrue(all.stream().noneMatch(r -> r.contains("/images/p") || r.contains("/_pairs/p")
        || r.contains("/in/photo-")), "no request names a pair's object: " + all);
  }

  private String contentVersion(String out, String id) {
    return spark().read().parquet(out + "/results").filter("id = '" + id + "'").select("content_version").first()
        .getString(0);
  }

  /** The requests the server saw while the driver planned a rerun of {@code manifest} (nothing to do). */
  private List<String> resumeCheckRequests(ObjectStore s3, String manifest, String out, List<String> extra)
      throws Exception {
    JobSettings settings = JobSettings.from(args(manifest, out, extra).loadConfig());
    List<io.stylebatch.manifest.PairSpec> pairs = Preflight.validatedPairs(spark(), s3, manifest, settings);
    String digest = Preflight.checkWeights(s3, settings).digest();
    int start = server.requests().size();
    io.stylebatch.output.OutputLayout layout = new io.stylebatch.output.OutputLayout(out);
    ResumePlan plan = new ResumePlanner(spark(), s3, layout, false).plan(pairs, digest);
    assertEquals(pairs.size(), plan.done(), "everything is done");
    List<String> all = server.requests();
    return all.subList(start, all.size());
  }

  private JobArguments args(String manifest, String output, List<String> extra) {
    List<String> overrides = new ArrayList<>(s3Settings());
    overrides.add("stylebatch.model.weights=s3a://" + BUCKET + "/in/vgg19-narrow.h5");
    overrides.addAll(extra);
    return JobArguments.of(manifest, output, null, overrides);
  }

  @Test
  void wholeJobOverS3aWithTheMagicCommitterAndNoSecretInAnyOutput() throws Exception {
    ObjectStore s3 = startServer();
    String manifest = upload(s3, 3);
    String out = "s3a://" + BUCKET + "/out/run1";
    RunSummary summary;
    List<String> logs;
    try (LogCapture capture = LogCapture.install()) {
      summary = StyleBatchJob.run(spark(), args(manifest, out, List.of("stylebatch.transfer.image-size=32",
          "stylebatch.transfer.iterations=6", "stylebatch.transfer.log-interval=2")));
      logs = capture.lines();
    }
    assertEquals(ExitCode.OK, summary.exitCode(), summary.message());
    assertEquals(3, summary.succeeded());

    List<Row> results = spark().read().parquet(out + "/results").collectAsList();
    assertEquals(3, results.size());
    for (Row r : results) {
      assertEquals("SUCCEEDED", r.getAs("status"));
      String image = r.getAs("output_uri");
      Assertions.assertTrue(image.startsWith(out + "/images/"), image);
      var decoded = ImageCodec.decode(s3.readAll(image, 10_000_000), image);
      assertEquals(32, decoded.getWidth());
      assertEquals(24, decoded.getHeight());
    }
    long lossRows = LossTableChecks.assertHonestLbfgsLog(spark(), out, 6);
    assertEquals(lossRows, spark().read().parquet(out + "/losses").count(), "a loss log per pair and nothing else");
    assertEquals(3, RunMarker.parse(s3.readAll(out + "/_SUCCESS", 10_000)).succeeded());
    ObjectMapper json = new ObjectMapper();
    for (String table : List.of("results", "losses")) {
      JsonNode committed = json.readTree(s3.readAll(out + "/" + table + "/_SUCCESS", 1_000_000));
      assertEquals("magic", committed.path("committer").asText(), table + " committed by: " + committed);
    }

    Assertions.assertTrue(logs.size() > 20, "log capture works: " + logs.size() + " lines");
    Assertions.assertTrue(logs.stream().anyMatch(l -> l.contains("SUCCEEDED")), "our own logs were captured");
    for (String line : logs) {
      assertFalse(line.contains(SECRET_KEY), "secret in a log line: " + line);
    }
    for (Row r : results) {
      assertFalse(r.mkString("|").contains(SECRET_KEY), "secret in a result row");
    }
    // Every object the run left (images, tables, records, report, markers), byte for byte.
    int artifacts = 0;
    try (java.util.stream.Stream<Path> files = Files.walk(server.dataDir().resolve(BUCKET).resolve("out/run1"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(SECRET_KEY),
            "secret in " + p);
        artifacts++;
      }
    }
    Assertions.assertTrue(artifacts >= 3 + 3 + 4, "images, records, tables and markers were checked: " + artifacts);
    // A failure message about the store must not carry it either.
    RunSummary bad = StyleBatchJob.run(spark(), args("s3a://" + BUCKET + "/in/nope.csv", out + "-bad", List.of()));
    assertEquals(ExitCode.INVALID_INPUT, bad.exitCode());
    assertFalse(bad.message().contains(SECRET_KEY), bad.message());
    Assertions.assertTrue(bad.message().contains("nope.csv") && bad.message().contains("does not exist"),
        bad.message());
  }

  /** One pair is held at the gate while the others write images; the server dies before the held pair goes on. */
  @Test
  void anOutageMidRunFailsWithinTheRetryBoundAndARerunCompletesEverythingOnce() throws Exception {
    ObjectStore s3 = startServer();
    int pairs = 6;
    String manifest = uploadGated(s3, pairs);
    String out = "s3a://" + BUCKET + "/out/outage";
    List<String> slow = List.of("stylebatch.transfer.image-size=64", "stylebatch.transfer.iterations=40");
    Path images = server.dataDir().resolve(BUCKET).resolve("out/outage/images");
    CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(
        () -> StyleBatchJob.run(spark(), args(manifest, out, slow)));
    try {
      Assertions.assertTrue(GatedFileSystem.awaitATaskAtTheGate(2, TimeUnit.MINUTES), "a pair is held at the gate");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!hasPng(images) && System.nanoTime() < deadline) {
        Thread.sleep(50); // polls for a file the other slot writes; the held pair keeps the run going meanwhile
      }
      Assertions.assertTrue(hasPng(images), "a first image was written before the outage");
      Assertions.assertFalse(run.isDone(), "held at the gate, the run cannot have finished");
    } catch (AssertionError | InterruptedException e) {
      GatedFileSystem.openGate();
      throw e;
    }
    int port = server.port();
    server.kill();
    long killed = System.nanoTime();
    GatedFileSystem.openGate();
    RunSummary failed = run.get(180, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - killed) / 1e9;
    System.out.printf("outage: the run ended %.1f s after the server was killed: %s%n", seconds, failed.message());
    assertEquals(ExitCode.ERROR, failed.exitCode(), failed.message());
    Assertions.assertTrue(failed.message().contains("failed") && failed.message().contains("rerun"),
        failed.message());
    // Bound from the configured retry budget: per store operation attempts x (limit + 1) x (connect timeout +
    // interval); the operations in the way are at most one per pair (its image or record write, one slot each)
    // plus the table writes, so the run must give up within that many budgets.
    double perOperation = RETRY_ATTEMPTS * (RETRY_LIMIT + 1) * (CONNECT_TIMEOUT_S + RETRY_INTERVAL_S);
    double bound = perOperation * (pairs + 4);
    Assertions.assertTrue(seconds < bound, "the run took " + seconds + " s to fail after the outage, more than "
        + "the retry budget allows (" + bound + " s)");

    server = new S3ProxyProcess(dir.resolve("s3data"), port, ACCESS_KEY, SECRET_KEY).start(BUCKET);
    // The failed run could not release its lease while the store was down; the operator clears it as the
    // refusal message says (or waits for stylebatch.job.lease-timeout).
    RunSummary refused = StyleBatchJob.run(spark(), args(manifest, out, slow));
    assertEquals(ExitCode.INVALID_INPUT, refused.exitCode(), refused.message());
    Assertions.assertTrue(refused.message().contains("delete " + out + "/_lease.json"), refused.message());
    s3.delete(out + "/_lease.json", false);
    RunSummary rerun = StyleBatchJob.run(spark(), args(manifest, out, slow));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.message());
    List<Row> results = spark().read().parquet(out + "/results").collectAsList();
    assertEquals(pairs, results.size());
    Set<String> ids = new HashSet<>();
    for (Row r : results) {
      Assertions.assertTrue(ids.add(r.getAs("id")), "duplicate row " + r);
      assertEquals("SUCCEEDED", r.getAs("status"));
    }
    FileSystem fs = s3.fileSystem(ObjectStore.path(out + "/images"));
    FileStatus[] listed = fs.listStatus(ObjectStore.path(out + "/images"));
    assertEquals(pairs, listed.length, "exactly one object per pair under images/: "
        + java.util.Arrays.stream(listed).map(st -> st.getPath().getName()).toList());
    for (FileStatus st : listed) {
      String name = st.getPath().getName();
      Assertions.assertTrue(name.matches("p[0-9]\\.png"), name);
      var img = ImageCodec.decode(s3.readAll(st.getPath().toString(), 10_000_000), name);
      assertEquals(64, img.getWidth(), "complete image " + name);
    }
  }

  private static boolean hasPng(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".png"));
    }
  }

  @Test
  void oneRunPerOutputOnS3AStaleLeaseIsTakenOverAndOddKeysWork() throws Exception {
    ObjectStore s3 = startServer();
    String manifest = uploadGated(s3, 3);
    // A key with a space, % and # in the output folder.
    String out = "s3a://" + BUCKET + "/out/lease 100% #1";
    List<String> slow = List.of("stylebatch.transfer.image-size=48", "stylebatch.transfer.iterations=40");
    // --config from the object store, read with the spark.hadoop.* settings the driver was given.
    String conf = "s3a://" + BUCKET + "/conf/job.conf";
    s3.writeAtomically(conf, "stylebatch.job.max-failed-fraction = 0.5\n".getBytes(StandardCharsets.UTF_8));
    Map<String, String> hadoop = Map.of("spark.hadoop.fs.s3a.endpoint", server.endpoint(),
        "spark.hadoop.fs.s3a.path.style.access", "true", "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
        "spark.hadoop.fs.s3a.access.key", ACCESS_KEY, "spark.hadoop.fs.s3a.secret.key", SECRET_KEY);
    hadoop.forEach(System::setProperty);
    try {
      assertEquals(0.5, JobArguments.of(manifest, out, conf, List.of()).loadConfig()
          .get(JobSettings.MAX_FAILED_FRACTION));
    } finally {
      hadoop.keySet().forEach(System::clearProperty);
    }
    CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(
        () -> StyleBatchJob.run(spark(), args(manifest, out, slow)));
    try {
      Assertions.assertTrue(GatedFileSystem.awaitATaskAtTheGate(2, TimeUnit.MINUTES), "the first run reached its tasks");
      Assertions.assertTrue(s3.exists(out + "/_lease.json"), "the first run holds the lease on S3");
      RunSummary second = StyleBatchJob.run(spark(), args(manifest, out, slow));
      assertEquals(ExitCode.INVALID_INPUT, second.exitCode());
      Assertions.assertTrue(second.message().startsWith("output " + out + " is in use by run "), second.message());
      Assertions.assertFalse(first.isDone(), "held at the gate, the first run cannot have finished");
    } finally {
      GatedFileSystem.openGate();
    }
    RunSummary done = first.get(5, TimeUnit.MINUTES);
    assertEquals(ExitCode.OK, done.exitCode(), done.message());
    assertEquals(3, spark().read().parquet(out + "/results").count());
    Assertions.assertFalse(s3.exists(out + "/_lease.json"), "released");

    // A lease left by a killed run (not refreshed for longer than the timeout) is taken over.
    java.time.Instant old = java.time.Instant.now().minus(java.time.Duration.ofMinutes(11));
    s3.writeAtomically(out + "/_lease.json", ("{\"run_id\":\"killed\",\"host\":\"gone\",\"pid\":1,"
        + "\"started_at\":\"" + old + "\",\"refreshed_at\":\"" + old + "\"}").getBytes(StandardCharsets.UTF_8));
    RunSummary after = StyleBatchJob.run(spark(), args(manifest, out, slow));
    assertEquals(ExitCode.OK, after.exitCode(), after.message());
    assertEquals(3, after.skipped(), "nothing recomputed");
    Assertions.assertFalse(s3.exists(out + "/_lease.json"));
  }
}
