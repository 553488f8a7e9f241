package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.tools.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver process is killed (SIGKILL) mid-run; a rerun completes the remaining pairs without
 * recomputing finished ones, and no image or row is duplicated or half-written.
 */
class InterruptionIT extends SparkTestBase {
  @TempDir
  Path dir;

  private Path manifest;
  private Path out;
  private List<String> settings;

  /** Starts {@code scripts/run-local.sh} on {@code pairs} pairs of {@code iterations} at 64 px in its own JVM. */
  private Process startDriver(int pairs, int iterations, Path log) throws IOException {
    JobFixtures f = new JobFixtures(dir);
    StringBuilder csv = new StringBuilder("id,content_uri,style_uri\n");
    Path style = f.png("style.png", SyntheticImages.painting(48, 48, 3));
    for (int i = 0; i < pairs; i++) {
      Path content = f.png("photo-" + i + ".png", SyntheticImages.photo(64, 48, 30 + i));
      csv.append("p").append(i).append(',').append(content).append(',').append(style).append('\n');
    }
    manifest = Files.writeString(dir.resolve("manifest.csv"), csv.toString());
    out = dir.resolve("out");
    settings = new ArrayList<>(f.fastSettings());
    settings.add("stylebatch.transfer.image-size=64");
    settings.add("stylebatch.transfer.iterations=" + iterations);
    List<String> cmd = new ArrayList<>(List.of("scripts/run-local.sh", "--manifest", manifest.toString(),
        "--output", out.toString()));
    settings.forEach(s -> {
      cmd.add("--set");
      cmd.add(s);
    });
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void killedDriverThenRerun() throws Exception {
    int pairs = 8;
    Path log = dir.resolve("killed-run.log");
    Process driver = startDriver(pairs, 60, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    // The event to kill on: the first completion record (written after its image). The other pairs still
    // have most of their work ahead, so the kill lands mid-run however fast the machine is.
    while (countRecords(out) < 1 && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Assertions.assertTrue(driver.isAlive(), "the driver was still running when killed:\n" + Files.readString(log));
    driver.destroyForcibly(); // run-local.sh execs the JVM, so this is SIGKILL to the driver itself
    Assertions.assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    int finishedBeforeKill = countRecords(out);
    Assertions.assertTrue(finishedBeforeKill >= 1 && finishedBeforeKill < pairs, "finished " + finishedBeforeKill);
    Assertions.assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed run is not marked finished");

    RunSummary rerun = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        settings));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.message());
    Assertions.assertTrue(rerun.skipped() >= finishedBeforeKill,
        "pairs finished before the kill are not recomputed: " + rerun.skipped() + " of " + finishedBeforeKill);
    List<Row> results = spark().read().parquet(out.resolve("results").toString()).collectAsList();
    assertEquals(pairs, results.size());
    Set<String> ids = new HashSet<>();
    for (Row r : results) {
      Assertions.assertTrue(ids.add(r.getAs("id")), "duplicate row for " + r.getAs("id"));
      assertEquals("SUCCEEDED", r.getAs("status"));
    }
    long lossRows = LossTableChecks.assertHonestLbfgsLog(spark(), out.toString(), 60);
    assertEquals(lossRows, spark().read().parquet(out.resolve("losses").toString()).count(),
        "a loss log for every pair, recovered ones included, and nothing else");
    try (Stream<Path> files = Files.list(out.resolve("images"))) {
      List<Path> images = files.sorted().toList();
      assertEquals(pairs, images.size(), "no temporary or duplicate files: " + images);
      for (Path p : images) {
        Assertions.assertTrue(p.getFileName().toString().matches("p[0-9]\\.png"), p.toString());
        assertEquals(64, ImageCodec.decode(Files.readAllBytes(p), p.toString()).getWidth(), "complete " + p);
      }
    }
    assertEquals(pairs, countRecords(out), "one completion record per pair, kept as the source of truth for resume");
    Assertions.assertFalse(Files.exists(out.resolve("_staging")));
    Assertions.assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  /**
   * The driver is killed while it commits the tables: the first {@code losses/} file is in place, {@code results/}
   * not yet complete. The rerun recomputes nothing and leaves exactly one results row per pair and one loss log
   * per pair — no duplicate left by the half-done commit.
   */
  @Test
  void killedDuringTheTableCommitThenRerun() throws Exception {
    int pairs = 6;
    Path log = dir.resolve("killed-at-commit.log");
    Process driver = startDriver(pairs, 4, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (dataFiles(out.resolve("losses")) == 0 && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    Assertions.assertTrue(driver.isAlive(), "the driver was still running when killed:\n" + Files.readString(log));
    driver.destroyForcibly();
    Assertions.assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    assertEquals(pairs, countRecords(out), "every pair was computed before the commit");
    Assertions.assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed run is not marked finished");
    Assertions.assertTrue(dataFiles(out.resolve("losses")) > 0, "killed inside the commit");
    // The kill lands before or after the committer writes losses/_SUCCESS; cover the earlier moment every time.
    Files.deleteIfExists(out.resolve("losses/_SUCCESS"));

    RunSummary rerun = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        settings));
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.message());
    assertEquals(pairs, rerun.skipped(), "nothing recomputed: the rows come from the completion records");
    List<Row> results = spark().read().parquet(out.resolve("results").toString()).collectAsList();
    Set<String> ids = new HashSet<>();
    for (Row r : results) {
      Assertions.assertTrue(ids.add(r.getAs("id")), "duplicate row for " + r.getAs("id") + ": " + results);
    }
    assertEquals(pairs, ids.size(), "exactly one row per pair");
    List<Row> losses = spark().read().parquet(out.resolve("losses").toString()).collectAsList();
    Set<String> lossKeys = new HashSet<>();
    for (Row r : losses) {
      Assertions.assertTrue(lossKeys.add(r.getAs("id") + "#" + r.getAs("iteration")),
          "duplicate loss row " + r.getAs("id") + "#" + r.getAs("iteration"));
    }
    assertEquals(LossTableChecks.assertHonestLbfgsLog(spark(), out.toString(), 4), losses.size(),
        "one loss log per pair and nothing else");
    Assertions.assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  private static long dataFiles(Path table) throws IOException {
    if (!Files.isDirectory(table)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(table)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
  }

  private static int countRecords(Path out) throws IOException {
    Path records = out.resolve("_pairs");
    if (!Files.isDirectory(records)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(records)) {
      return (int) files.filter(p -> p.getFileName().toString().matches("p[0-9]\\.json")).count();
    }
  }
}
