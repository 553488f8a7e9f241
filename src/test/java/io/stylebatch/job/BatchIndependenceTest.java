package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.job.executor.ExecutorModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pair's image does not depend on the rest of the manifest: alone, or among other pairs that compete for
 * the same cores, it is computed with the same thread count and written with the same bytes — so a rerun
 * that retries a subset reproduces the full run.
 */
class BatchIndependenceTest extends SparkTestBase {
  @TempDir
  Path dir;

  private double finalLoss(Path out) {
    return spark().read().parquet(out.resolve("results").toString()).filter("id = 'pair-a'")
        .select("total_loss").first().getDouble(0);
  }

  @Test
  void onePairAloneAndInsideALargerManifestGivesIdenticalBytes() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    List<String[]> rows = f.threePairs();
    Path all = f.csv("all.csv", "id,content_uri,style_uri", rows);
    Path alone = f.csv("alone.csv", "id,content_uri,style_uri", List.<String[]>of(rows.get(0)));
    Path outAll = dir.resolve("out-all");
    Path outAlone = dir.resolve("out-alone");
    List<String> settings = new java.util.ArrayList<>(f.fastSettings());
    // 420 px (420x315 for pair-a): above VectorKernels' switch to BLAS, whose reductions sum in an order that
    // depends on the thread count. At this size 1 thread alone and 2 threads differ in the image's bytes.
    settings.add("stylebatch.transfer.image-size=420");
    ExecutorModels.reset();
    assertEquals(ExitCode.OK, StyleBatchJob.run(spark(), JobArguments.of(alone.toString(), outAlone.toString(), null,
        settings)).exitCode());
    assertEquals(ExitCode.OK, StyleBatchJob.run(spark(), JobArguments.of(all.toString(), outAll.toString(), null,
        settings)).exitCode());
    assertArrayEquals(Files.readAllBytes(outAlone.resolve("images/pair-a.png")),
        Files.readAllBytes(outAll.resolve("images/pair-a.png")), "pair-a alone and among three pairs");
    assertEquals(finalLoss(outAlone), finalLoss(outAll), "the same float sums, to the last bit");
    assertEquals(1, StyleBatchJob.autoThreads(spark()), "spark.task.cpus, whatever the number of pairs");
  }
}
