package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.storage.GatedFileSystem;
import io.stylebatch.tools.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator can get wrong: overlapping runs, odd paths, outputs and weights that cannot work. */
class MisuseJobTest extends SparkTestBase {
  @TempDir
  Path dir;

  private RunSummary run(Path manifest, String output, List<String> settings) {
    return StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), output, null, settings));
  }

  private static long files(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  /** The first run is held inside its tasks (its inputs are behind a gate) until the second has been refused. */
  @Test
  void twoRunsOnOneOutputTheSecondIsRefusedAtOnceAndTheFirstCompletes() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    GatedFileSystem.register(spark().sparkContext().hadoopConfiguration());
    List<String[]> rows = new ArrayList<>();
    for (String[] row : f.threePairs()) {
      rows.add(new String[] {row[0], GatedFileSystem.uri(Path.of(java.net.URI.create(
          row[1].contains(":") ? row[1] : "file://" + row[1]))), row[2]});
    }
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri", rows);
    Path out = dir.resolve("out");
    CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(
        () -> run(manifest, out.toString(), f.fastSettings()));
    try {
      Assertions.assertTrue(GatedFileSystem.awaitATaskAtTheGate(2, TimeUnit.MINUTES), "the first run reached its tasks");
      Assertions.assertTrue(Files.exists(out.resolve("_lease.json")), "the first run holds the lease");
      RunSummary second = run(manifest, out.toString(), f.fastSettings());
      assertEquals(ExitCode.INVALID_INPUT, second.exitCode());
      Assertions.assertTrue(second.message().startsWith("output " + out + " is in use by run "), second.message());
      assertFalse(first.isDone(), "held at the gate, the first run cannot have finished");
    } finally {
      GatedFileSystem.openGate();
    }
    RunSummary done = first.get(5, TimeUnit.MINUTES);
    assertEquals(ExitCode.OK, done.exitCode(), done.message());
    List<Row> results = spark().read().parquet(out.resolve("results").toString()).collectAsList();
    assertEquals(3, results.size());
    assertEquals(3, files(out.resolve("images")), "one image per pair, nothing else");
    assertFalse(Files.exists(out.resolve("_lease.json")), "released");
  }

  @Test
  void oddCharactersInImageManifestAndOutputPathsWork() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    // Folders (manifest, output): space, %, # and non-ASCII. File names read by the job itself: also ? and :.
    Path odd = Files.createDirectories(dir.resolve("100% cotton #1 été"));
    Path content = Files.write(odd.resolve("photo 50% #2?.png"),
        ImageCodec.encodePng(SyntheticImages.photo(48, 40, 1)));
    Files.write(odd.resolve("img:1.png"), ImageCodec.encodePng(SyntheticImages.painting(40, 40, 2)));
    Files.write(odd.resolve("q\"uote.png"), ImageCodec.encodePng(SyntheticImages.photo(40, 48, 3)));
    // Relative paths resolve against the manifest's folder; "img:1.png" is a name, not a URI scheme. A quote
    // inside a quoted CSV field is doubled (RFC 4180).
    Path manifest = Files.writeString(odd.resolve("manifest 100%.csv"), "id,content_uri,style_uri\n"
        + "a,\"" + content + "\",img:1.png\nb,photo 50% #2?.png,\"" + odd.resolve("img:1.png") + "\"\n"
        + "c,\"q\"\"uote.png\",img:1.png\n");
    Path out = odd.resolve("out 100% #done");
    RunSummary summary = run(manifest, out.toString(), f.fastSettings());
    assertEquals(ExitCode.OK, summary.exitCode(), summary.message());
    assertEquals(3, summary.succeeded());
    Assertions.assertTrue(Files.isRegularFile(out.resolve("images/c.png")), "q\"uote.png was read");
    Assertions.assertTrue(Files.isRegularFile(out.resolve("images/a.png"))
        && Files.isRegularFile(out.resolve("images/b.png")));
    Assertions.assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    RunSummary again = run(manifest, out.toString(), f.fastSettings());
    assertEquals(3, again.skipped(), "its own results are read back from the odd folder");
  }

  @Test
  void anImageTooSmallForTheLayersAtItsAspectRatioFailsWithTheSizeThatWorks() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path content = f.png("wide.png", SyntheticImages.photo(64, 48, 3));
    Path style = f.png("style.png", SyntheticImages.painting(48, 48, 4));
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,content_uri,style_uri,image_size\nsmall," + content
        + "," + style + ",16\n");
    List<String> settings = new ArrayList<>(f.fastSettings());
    settings.add("stylebatch.job.max-failed-fraction=1");
    RunSummary summary = run(manifest, dir.resolve("out").toString(), settings);
    assertEquals(1, summary.failed());
    Row r = spark().read().parquet(dir.resolve("out/results").toString()).collectAsList().get(0);
    assertEquals("the content image at image_size 16 is 16x12 px; relu5_1 needs a shorter side of at least 16 px: "
        + "use a size of at least 21", r.getAs("error"));
  }

  @Test
  void outputsThatCannotBeWrittenAndWeightsThatCannotWorkStopUpFrontWithExit2() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri", f.threePairs());
    Path aFile = Files.writeString(dir.resolve("out-is-a-file"), "x");
    RunSummary summary = run(manifest, aFile.toString(), f.fastSettings());
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode());
    Assertions.assertTrue(summary.message().startsWith("output " + aFile + " cannot be written: "), summary.message());
    assertFalse(summary.message().contains("\n"), "one line");
    summary = run(manifest, "/proc/stylebatch-no-such-output", f.fastSettings());
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode(), summary.message());

    Path png = f.png("weights.h5", SyntheticImages.photo(32, 32, 1));
    byte[] real = Files.readAllBytes(f.weights);
    Path truncated = Files.write(dir.resolve("truncated.h5"), java.util.Arrays.copyOf(real, real.length / 2));
    for (Path weights : List.of(png, truncated)) {
      List<String> settings = new ArrayList<>(f.fastSettings());
      settings.add("stylebatch.model.weights=" + weights);
      Path out = dir.resolve("out-" + weights.getFileName());
      summary = run(manifest, out.toString(), settings);
      assertEquals(ExitCode.INVALID_INPUT, summary.exitCode(), summary.message());
      Assertions.assertTrue(summary.message().startsWith("stylebatch.model.weights = " + weights + ": "), summary.message());
      assertFalse(Files.exists(out), "nothing computed or written");
    }
    Assertions.assertTrue(summary.message().contains("truncated"), summary.message());
  }

  @Test
  void validateListsEveryMissingOrUndecodableInputAndPrintsThePlanWithoutComputing() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path content = f.png("c.png", SyntheticImages.photo(64, 48, 1));
    Path style = f.png("s.png", SyntheticImages.painting(48, 48, 2));
    Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
    Path bad = Files.writeString(dir.resolve("bad.csv"), "id,content_uri,style_uri\na," + content + "," + style
        + "\nb," + dir.resolve("missing.png") + "," + style + "\nc," + content + "," + text + "\n");
    Path out = dir.resolve("out");
    java.io.ByteArrayOutputStream plan = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    RunSummary summary;
    try {
      System.setOut(new java.io.PrintStream(plan, true, java.nio.charset.StandardCharsets.UTF_8));
      summary = StyleBatchJob.run(spark(), JobArguments.parse(args("--validate", bad, out, f)));
    } finally {
      System.setOut(stdout);
    }
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode());
    Assertions.assertTrue(summary.message().contains("row 2, column content_uri: " + dir.resolve("missing.png")
        + ": object not found"), summary.message());
    Assertions.assertTrue(summary.message().contains("row 3, column style_uri: " + text
        + ": not a PNG or JPEG image (detected: text)"), summary.message());
    assertEquals(0, summary.weightLoads(), "nothing computed");
    assertFalse(Files.exists(out), "nothing written: the output probe is removed again");

    Path good = Files.writeString(dir.resolve("good.csv"), "id,content_uri,style_uri,image_size\na," + content + ","
        + style + ",32\n");
    plan.reset();
    try {
      System.setOut(new java.io.PrintStream(plan, true, java.nio.charset.StandardCharsets.UTF_8));
      summary = StyleBatchJob.run(spark(), JobArguments.parse(args("--validate", good, out, f)));
    } finally {
      System.setOut(stdout);
    }
    assertEquals(ExitCode.OK, summary.exitCode(), summary.message());
    String printed = plan.toString(java.nio.charset.StandardCharsets.UTF_8);
    // A style image too small for the deepest layer at its size is a problem for --validate too.
    Path tinyStyle = f.png("tiny-style.png", SyntheticImages.painting(400, 20, 2));
    Path tiny = Files.writeString(dir.resolve("tiny.csv"), "id,content_uri,style_uri,image_size\na," + content + ","
        + tinyStyle + ",32\n");
    try {
      System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
      summary = StyleBatchJob.run(spark(), JobArguments.parse(args("--validate", tiny, out, f)));
    } finally {
      System.setOut(stdout);
    }
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode());
    Assertions.assertTrue(summary.message().contains("row 1, column style_uri: " + tinyStyle + ": the style image"),
        summary.message());
    Assertions.assertTrue(printed.contains("32x24") && printed.contains("1 pairs, about"), printed);
    assertFalse(Files.exists(out));
  }

  private static String[] args(String mode, Path manifest, Path out, JobFixtures f) {
    List<String> a = new ArrayList<>(List.of(mode, "--manifest", manifest.toString(), "--output", out.toString()));
    f.fastSettings().forEach(s -> {
      a.add("--set");
      a.add(s);
    });
    return a.toArray(new String[0]);
  }
}
