package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scripts/run-local.sh --manifest M --output O --set ...} as a user runs it, in its own JVM, for
 * each manifest format; the sample images are referenced by absolute path.
 */
class RunLocalScriptIT extends SparkTestBase {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"csv", "jsonl", "parquet"})
  void runsEachManifestFormat(String format) throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path samples = Path.of("jobs/samples").toAbsolutePath();
    String[][] pairs = {
        {"coffee", samples.resolve("content/coffee.jpg").toString(), samples.resolve("style/hubble.jpg").toString()},
        {"cat", samples.resolve("content/chelsea.jpg").toString(), samples.resolve("style/strokes.png").toString()}};
    Path manifest = writeManifest(format, pairs);
    Path out = dir.resolve("out");
    List<String> cmd = new ArrayList<>(List.of("scripts/run-local.sh", "--manifest", manifest.toString(), "--output",
        out.toUri().toString()));
    for (String s : f.fastSettings()) {
      cmd.add("--set");
      cmd.add(s);
    }
    Path log = dir.resolve("run.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Assertions.assertTrue(p.waitFor(5, TimeUnit.MINUTES), "run-local.sh timed out");
    assertEquals(0, p.exitValue(), Files.readString(log));
    List<Row> rows = spark().read().parquet(out.resolve("results").toString()).collectAsList();
    assertEquals(2, rows.size());
    rows.forEach(r -> assertEquals("SUCCEEDED", r.getAs("status")));
    Assertions.assertTrue(Files.isRegularFile(out.resolve("images/coffee.png")));
    Assertions.assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
  }

  /**
   * The README's first run with random weights: the bundled samples with the quick default profile. It says
   * the weights are random (log, summary line, report banner) and ends with one JSON line on stdout.
   */
  @Test
  void theFirstRunWithRandomWeightsUsesTheQuickProfileAndSaysSo() throws Exception {
    Path weights = dir.resolve("vgg19-random.h5");
    Process make = new ProcessBuilder("scripts/make-test-weights.sh", "--out", weights.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("make.log").toFile()).start();
    Assertions.assertTrue(make.waitFor(3, TimeUnit.MINUTES));
    assertEquals(0, make.exitValue(), Files.readString(dir.resolve("make.log")));
    Path out = dir.resolve("sample");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    // How long it takes is the benchmark's to say (scripts/bench.sh), not a test's.
    Process p = new ProcessBuilder("scripts/run-local.sh", "--output", out.toString(), "--set",
        "stylebatch.model.weights=" + weights).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    Assertions.assertTrue(p.waitFor(10, TimeUnit.MINUTES), "run-local.sh timed out");
    assertEquals(0, p.exitValue(), Files.readString(stderr));
    List<String> lines = Files.readAllLines(stdout);
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals(0, summary.get("exit_code").asInt());
    assertEquals(3, summary.get("succeeded").asInt());
    Assertions.assertTrue(summary.get("random_weights").asBoolean(), lines.get(lines.size() - 1));
    Assertions.assertTrue(Files.readString(stderr).contains("RANDOM test weights"), "the log says so");
    Assertions.assertTrue(Files.readString(out.resolve("report/index.html")).contains("id=\"random-weights\""));
    Row r = spark().read().parquet(out.resolve("results").toString()).collectAsList().get(0);
    assertEquals(100, (int) r.getAs("evaluations"), "the quick profile (conf/local.conf) is the default");
  }

  private Path writeManifest(String format, String[][] pairs) throws IOException {
    switch (format) {
      case "csv" -> {
        StringBuilder b = new StringBuilder("id,content_uri,style_uri,iterations\n");
        for (String[] p : pairs) {
          b.append(String.join(",", p)).append(",6\n");
        }
        return Files.writeString(dir.resolve("m.csv"), b.toString());
      }
      case "jsonl" -> {
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
          b.append(String.format("{\"id\":\"%s\",\"content_uri\":\"%s\",\"style_uri\":\"%s\",\"iterations\":6}%n",
              p[0], p[1], p[2]));
        }
        return Files.writeString(dir.resolve("m.jsonl"), b.toString());
      }
      default -> {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("content_uri", DataTypes.StringType)
            .add("style_uri", DataTypes.StringType).add("iterations", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (String[] p : pairs) {
          rows.add(RowFactory.create(p[0], p[1], p[2], 6));
        }
        Path path = dir.resolve("m.parquet");
        spark().createDataFrame(rows, schema).coalesce(1).write().parquet(path.toString());
        return path;
      }
    }
  }
}
