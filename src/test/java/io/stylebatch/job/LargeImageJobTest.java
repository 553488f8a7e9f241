package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.job.executor.ExecutorModels;
import io.stylebatch.tools.SyntheticImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coarse-to-fine pair evaluated in tiles, through the whole job on local Spark. */
class LargeImageJobTest extends SparkTestBase {
  @TempDir
  Path dir;

  @Test
  void threeScalesWithTilingForcedOn() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    ExecutorModels.reset();
    Path content = f.png("content.png", SyntheticImages.photo(200, 150, 7));
    Path style = f.png("style.png", SyntheticImages.painting(120, 100, 8));
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri", List.<String[]>of(
        new String[] {"big", content.toString(), style.toString()}));
    Path out = dir.resolve("out");
    List<String> settings = List.of("stylebatch.model.weights=" + f.weights, "stylebatch.transfer.image-size=192",
        "stylebatch.transfer.scale-start=96", "stylebatch.transfer.scale-factor=1.42",
        "stylebatch.transfer.scale-start-iterations=6", "stylebatch.transfer.iterations=4",
        "stylebatch.transfer.tile-size=48", "stylebatch.transfer.optimizer=adam",
        "stylebatch.transfer.iterate-average=0.8", "stylebatch.transfer.log-interval=100");
    RunSummary summary;
    List<String> logs;
    try (LogCapture capture = LogCapture.install()) {
      summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null, settings));
      logs = capture.lines();
    }
    assertEquals(ExitCode.OK, summary.exitCode(), summary.message());
    Assertions.assertTrue(logs.stream().anyMatch(l -> l.contains("scale 192 px (192x144): evaluated in 12 tiles of 48 px")),
        "tiling was used at the last scale: " + logs);
    Assertions.assertTrue(logs.stream().anyMatch(l -> l.contains("progress (end): 100% (14/14 evaluations)")),
        "the budget is the sum over scales: " + logs);

    BufferedImage image = ImageCodec.decode(Files.readAllBytes(out.resolve("images/big.png")), "big.png");
    assertEquals(192, image.getWidth());
    assertEquals(144, image.getHeight());

    Row result = spark().read().parquet(out.resolve("results").toString()).collectAsList().get(0);
    assertEquals("SUCCEEDED", result.getAs("status"));
    assertEquals(14, (int) result.getAs("evaluations"));
    assertEquals(List.of(96, 136, 192), result.getList(result.fieldIndex("scales")));

    List<Row> losses = spark().read().parquet(out.resolve("losses").toString()).orderBy("iteration").collectAsList();
    List<Integer> scales = losses.stream().map(r -> r.<Integer>getAs("scale")).toList();
    assertEquals(List.of(96, 136, 192), scales.stream().distinct().toList(), "scales in iteration order: " + scales);
    for (int i = 1; i < scales.size(); i++) {
      Assertions.assertTrue(scales.get(i) >= scales.get(i - 1), "scale never shrinks along the log: " + scales);
    }
    Row last = losses.get(losses.size() - 1);
    assertEquals(14, (int) last.getAs("evaluations"));
    assertEquals((double) result.getAs("total_loss"), (double) last.getAs("total_loss"), 0.0);

    String report = Files.readString(out.resolve("report/index.html"));
    Assertions.assertTrue(report.contains("96 → 136 → 192 px"), "the report names the scales");
  }
}
