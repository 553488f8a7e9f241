package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.executor.ExecutorModels;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.tools.KerasWeightsWriter;
import io.stylebatch.tools.MakeTestWeights;
import io.stylebatch.tools.RandomWeights;
import io.stylebatch.tools.SyntheticImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns over a finished output that was changed or damaged in between: each change is noticed from the
 * content (not the names), exactly the affected pairs are recomputed, damaged tables and leases are rebuilt
 * or taken over, and the run ends with exit 0 and exactly one row per pair.
 */
class RerunHealingTest extends SparkTestBase {
  @TempDir
  Path dir;
  private JobFixtures f;
  private Path manifest;
  private Path out;

  @BeforeEach
  void firstRun() throws IOException {
    f = new JobFixtures(dir);
    ExecutorModels.reset();
    manifest = f.csv("manifest.csv", "id,content_uri,style_uri", f.threePairs());
    out = dir.resolve("out");
    RunSummary first = run();
    assertEquals(ExitCode.OK, first.exitCode(), first.message());
    assertEquals(3, first.succeeded());
  }

  private RunSummary run() {
    return StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null, f.fastSettings()));
  }

  private Map<String, byte[]> images() throws IOException {
    Map<String, byte[]> bytes = new HashMap<>();
    for (String id : List.of("pair-a", "pair-b", "pair-c")) {
      bytes.put(id, Files.readAllBytes(out.resolve("images/" + id + ".png")));
    }
    return bytes;
  }

  /** The rerun ends well: exit 0, one results row per pair, every image complete, the pairs' loss logs. */
  private RunSummary rerunAndCheck(int expectedSkipped) throws IOException {
    RunSummary rerun = run();
    assertEquals(ExitCode.OK, rerun.exitCode(), rerun.message());
    assertEquals(expectedSkipped, rerun.skipped(), "pairs skipped as done");
    List<Row> rows = spark().read().parquet(out.resolve("results").toString()).collectAsList();
    Set<String> ids = new HashSet<>();
    for (Row r : rows) {
      org.junit.jupiter.api.Assertions.assertTrue(ids.add(r.getAs("id")), "one row per pair: " + rows);
      assertEquals("SUCCEEDED", r.getAs("status"));
      byte[] png = Files.readAllBytes(out.resolve("images/" + r.getAs("id") + ".png"));
      assertEquals((long) r.getAs("image_bytes"), png.length, "the row describes the image on disk");
      ImageCodec.decode(png, r.getAs("id"));
    }
    assertEquals(Set.of("pair-a", "pair-b", "pair-c"), ids);
    long lossRows = LossTableChecks.assertHonestLbfgsLog(spark(), out.toString(), 8);
    assertEquals(lossRows, spark().read().parquet(out.resolve("losses").toString()).count());
    org.junit.jupiter.api.Assertions.assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    return rerun;
  }

  @Test
  void weightsReplacedAtTheSamePathRecomputeEveryPair() throws IOException {
    Map<String, byte[]> before = images();
    try (Vgg19Weights other = RandomWeights.create(MakeTestWeights.NARROW_DIVISOR, 77)) {
      KerasWeightsWriter.write(f.weights, other, KerasWeightsFile.Naming.LEGACY, true);
    }
    RunSummary rerun = rerunAndCheck(0);
    assertEquals(1, rerun.weightLoads(), "the new weights are loaded, not the cached old ones");
    Map<String, byte[]> after = images();
    for (String id : before.keySet()) {
      assertFalse(java.util.Arrays.equals(before.get(id), after.get(id)), id + " was made from the new weights");
    }
    assertEquals(3, rerunAndCheck(3).skipped(), "and the next rerun skips them again");
  }

  @Test
  void aContentPhotoReplacedAtTheSamePathRecomputesItsPairOnly() throws IOException {
    Map<String, byte[]> before = images();
    f.png("content1.png", SyntheticImages.photo(64, 48, 99)); // pair-a's content, re-shot
    rerunAndCheck(2);
    Map<String, byte[]> after = images();
    assertFalse(java.util.Arrays.equals(before.get("pair-a"), after.get("pair-a")));
    assertArrayEquals(before.get("pair-b"), after.get("pair-b"));
    assertArrayEquals(before.get("pair-c"), after.get("pair-c"));
  }

  @Test
  void aTruncatedImageIsRecomputed() throws IOException {
    Map<String, byte[]> before = images();
    Path image = out.resolve("images/pair-b.png");
    Files.write(image, java.util.Arrays.copyOf(before.get("pair-b"), 100));
    rerunAndCheck(2);
    assertArrayEquals(before.get("pair-b"), Files.readAllBytes(image), "recomputed to the same bytes");
  }

  @Test
  void anImageWithTheRightSizeButOtherBytesIsRecomputed() throws IOException {
    Map<String, byte[]> before = images();
    byte[] flipped = before.get("pair-c").clone();
    flipped[flipped.length / 2] ^= 0x55;
    Files.write(out.resolve("images/pair-c.png"), flipped);
    rerunAndCheck(2);
    assertArrayEquals(before.get("pair-c"), Files.readAllBytes(out.resolve("images/pair-c.png")));
  }

  @Test
  void aTruncatedResultsFileIsRebuiltFromTheCompletionRecords() throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(out.resolve("results"))) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 40));
    rerunAndCheck(3);
  }

  @Test
  void aDeletedLossesTableIsRebuiltWithEveryPairsRows() throws IOException {
    long before = spark().read().parquet(out.resolve("losses").toString()).count();
    org.apache.commons.io.FileUtils.deleteDirectory(out.resolve("losses").toFile());
    rerunAndCheck(3);
    assertEquals(before, spark().read().parquet(out.resolve("losses").toString()).count());
  }

  @Test
  void aLeaseHoldingNoRunIsTakenOver() throws IOException {
    Files.writeString(out.resolve("_lease.json"), "{}", StandardCharsets.UTF_8);
    rerunAndCheck(3);
    assertFalse(Files.exists(out.resolve("_lease.json")), "taken over, then released");
  }
}
