package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.executor.ExecutorModels;
import io.stylebatch.output.RunTables;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a real local Spark, real PNG/JPEG files and a narrow weight file. */
class StyleBatchJobTest extends SparkTestBase {
  @TempDir
  Path dir;


  private static JobArguments args(Path manifest, Path output, List<String> overrides) {
    return JobArguments.of(manifest.toString(), output.toString(), null, overrides);
  }

  @Test
  void threePairsThenARerunThatRecomputesNothing() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    ExecutorModels.reset();
    Path manifest = f.csv("manifest.csv", "id,content_uri,style_uri", f.threePairs());
    Path out = dir.resolve("out");
    RunSummary first;
    List<String> logs;
    try (LogCapture capture = LogCapture.install()) {
      first = StyleBatchJob.run(spark(), args(manifest, out, f.fastSettings()));
      logs = capture.lines();
    }
    assertEquals(ExitCode.OK, first.exitCode(), first.message());
    Assertions.assertTrue(logs.stream().noneMatch(l -> l.contains("CSV header")), "no spurious header warning");
    Assertions.assertTrue(logs.stream().anyMatch(l -> l.contains("progress (end): 100% (24/24 evaluations), 3/3 pairs "
        + "done, 0 failed")), "progress in evaluations of the budget (3 pairs x 8): " + logs);
    assertEquals(3, first.succeeded());
    assertEquals(1, first.weightLoads(), "weights loaded once in this executor JVM");
    assertEquals(2, first.styleTargetComputations(), "style targets computed once per style");
    assertEquals(List.of("read manifest", "claim output", "plan resume", "optimize", "write tables", "write report",
        "write marker"), first.phases().stream().map(RunPhases.Phase::name).toList(), "the driver's steps, timed");
    Assertions.assertTrue(first.phases().stream().anyMatch(p -> p.name().equals("optimize") && p.millis() > 0) && logs.stream().anyMatch(l -> l.contains("exit code 0; "
        + "read manifest ")), "the last line names the steps and their time: " + first.describePhases());

    Dataset<Row> read = spark().read().parquet(out.resolve("results").toString()).orderBy("id");
    // Materialized: the rerun replaces the files behind a lazy frame.
    Dataset<Row> results = spark().createDataFrame(read.collectAsList(), read.schema());
    assertEquals(List.of("id", "content_uri", "style_uri", "output_uri", "status", "error", "iterations", "evaluations",
        "content_loss", "style_loss", "tv_loss", "total_loss", "duration_ms", "optimization_ms", "executor_id", "attempt",
        "settings_fingerprint", "weights_digest", "content_version", "style_version", "image_bytes", "image_sha256",
        "scales", "run_id"), List.of(results.columns()));
    for (StructField field : RunTables.RESULTS_SCHEMA.fields()) {
      assertEquals(field.dataType(), results.schema().apply(field.name()).dataType(), field.name());
    }
    List<Row> rows = results.collectAsList();
    assertEquals(3, rows.size());
    for (Row r : rows) {
      assertEquals("SUCCEEDED", r.getAs("status"));
      assertNull(r.getAs("error"));
      assertEquals(8, (int) r.getAs("evaluations"), "the budget is spent in evaluations");
      Assertions.assertTrue((int) r.getAs("iterations") >= 1 && (int) r.getAs("iterations") <= 8);
      Assertions.assertTrue((double) r.getAs("total_loss") > 0);
      assertEquals(0, (int) r.getAs("attempt"));
      long optimization = r.getAs("optimization_ms");
      Assertions.assertTrue(optimization >= 0 && optimization <= (long) r.getAs("duration_ms"));
    }
    Dataset<Row> losses = spark().read().parquet(out.resolve("losses").toString());
    assertEquals(List.of("id", "iteration", "evaluations", "content_loss", "style_loss", "tv_loss", "total_loss",
        "elapsed_ms", "scale", "run_id"), List.of(losses.columns()));
    long lossRows = LossTableChecks.assertHonestLbfgsLog(spark(), out.toString(), 8);
    assertEquals(lossRows, losses.count(), "no rows of pairs that are not in results/");

    Map<String, int[]> expectedSizes = Map.of("pair-a", new int[] {32, 24}, "pair-b", new int[] {21, 32},
        "pair-c", new int[] {32, 32});
    Map<String, byte[]> images = new java.util.HashMap<>();
    for (var e : expectedSizes.entrySet()) {
      byte[] bytes = Files.readAllBytes(out.resolve("images/" + e.getKey() + ".png"));
      BufferedImage img = ImageCodec.decode(bytes, e.getKey());
      assertArrayEquals(e.getValue(), new int[] {img.getWidth(), img.getHeight()}, e.getKey());
      images.put(e.getKey(), bytes);
    }
    Assertions.assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    Assertions.assertTrue(Files.readString(out.resolve("_SUCCESS")).contains("\"succeeded\":3"));
    assertFalse(Files.exists(out.resolve("_staging")), "staging cleaned up");
    try (var listing = Files.list(out.resolve("images"))) {
      assertEquals(3, listing.count(), "no temporary files left among the images");
    }

    long mtime = Files.getLastModifiedTime(out.resolve("images/pair-a.png")).toMillis();
    RunSummary second = StyleBatchJob.run(spark(), args(manifest, out, f.fastSettings()));
    assertEquals(ExitCode.OK, second.exitCode());
    assertEquals(3, second.skipped());
    assertEquals(0, second.weightLoads());
    assertEquals(0, second.styleTargetComputations());
    assertEquals(mtime, Files.getLastModifiedTime(out.resolve("images/pair-a.png")).toMillis());
    for (var e : images.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve("images/" + e.getKey() + ".png")));
    }
    Dataset<Row> resultsAgain = spark().read().parquet(out.resolve("results").toString()).orderBy("id");
    assertDataFrameEquals(results, resultsAgain, assertDataFrameEquals$default$3());
    assertEquals(lossRows, spark().read().parquet(out.resolve("losses").toString()).count(), "skipped pairs keep "
        + "their loss logs");

    // Changing a setting that affects the image recomputes exactly the affected pairs.
    List<String> changed = new ArrayList<>(f.fastSettings());
    changed.add("stylebatch.transfer.seed=9");
    RunSummary third = StyleBatchJob.run(spark(), args(manifest, out, changed));
    assertEquals(0, third.skipped());
    assertEquals(3, spark().read().parquet(out.resolve("results").toString()).count());
  }

  @Test
  void aMissingInputFailsOnlyItsPairAndTheThresholdDecidesTheExitCode() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    List<String[]> rows = f.threePairs();
    String missing = dir.resolve("no-such-photo.png").toUri().toString();
    rows.get(1)[1] = missing;
    Path manifest = f.csv("manifest.csv", "id,content_uri,style_uri", rows);
    Path out = dir.resolve("out");
    RunSummary strict = StyleBatchJob.run(spark(), args(manifest, out, f.fastSettings()));
    assertEquals(ExitCode.TOO_MANY_FAILURES, strict.exitCode());
    Assertions.assertTrue(strict.message().contains("1 of 3 pairs failed"), strict.message());
    Map<String, Row> byId = spark().read().parquet(out.resolve("results").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    assertEquals("FAILED", byId.get("pair-b").getAs("status"));
    String error = byId.get("pair-b").getAs("error");
    Assertions.assertTrue(error.contains("content_uri") && error.contains(missing) && error.contains("not found"), error);
    assertEquals("SUCCEEDED", byId.get("pair-a").getAs("status"));
    assertEquals("SUCCEEDED", byId.get("pair-c").getAs("status"));
    Assertions.assertTrue(Files.isRegularFile(out.resolve("_FAILED")), "the run finished despite the failure");
    assertFalse(Files.exists(out.resolve("_SUCCESS")), "exit 3: a sensor must never see _SUCCESS");
    assertFalse(Files.exists(out.resolve("images/pair-b.png")));

    // The hidden temp file of a write that was killed half-way must not survive a run.
    Path stale = out.resolve("images/" + io.stylebatch.storage.ObjectStore.TEMP_PREFIX + "dead-task-pair-a.png");
    Files.write(stale, new byte[] {1, 2, 3});
    List<String> tolerant = new ArrayList<>(f.fastSettings());
    tolerant.add("stylebatch.job.max-failed-fraction=0.5");
    RunSummary again = StyleBatchJob.run(spark(), args(manifest, out, tolerant));
    assertFalse(Files.exists(stale), "leftover of an interrupted write removed");
    assertEquals(ExitCode.OK, again.exitCode());
    assertEquals(2, again.skipped(), "only the failed pair is retried");
    assertEquals(3, spark().read().parquet(out.resolve("results").toString()).count());
    Assertions.assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")) && !Files.exists(out.resolve("_FAILED")),
        "exit 0 replaces _FAILED with _SUCCESS");
  }

  @Test
  void anInvalidManifestIsRejectedWithEveryProblemAndNothingWritten() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ok-1", "a.png", "s.png", ""});
    rows.add(new String[] {"../escape", "a.png", "s.png", ""});
    rows.add(new String[] {"ok-1", "a.png", "s.png", ""});
    rows.add(new String[] {"no-style", "a.png", "", ""});
    rows.add(new String[] {"bad-iter", "a.png", "s.png", "lots"});
    rows.add(new String[] {"neg-iter", "a.png", "s.png", "-3"});
    Path manifest = f.csv("bad.csv", "id,content_uri,style_uri,iterations", rows);
    Path out = dir.resolve("out");
    RunSummary summary = StyleBatchJob.run(spark(), args(manifest, out, f.fastSettings()));
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode());
    String m = summary.message();
    Assertions.assertTrue(m.contains("row 2, column id") && m.contains("../escape"), m);
    Assertions.assertTrue(m.contains("row 3, column id") && m.contains("duplicate") && m.contains("row 1"), m);
    Assertions.assertTrue(m.contains("row 4, column style_uri"), m);
    Assertions.assertTrue(m.contains("row 5, column iterations") && m.contains("lots"), m);
    Assertions.assertTrue(m.contains("row 6, column iterations"), m);
    assertFalse(Files.exists(out), "nothing written");
  }
}
