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
