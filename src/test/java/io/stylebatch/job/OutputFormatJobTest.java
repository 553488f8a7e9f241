package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.image.ImageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output format as a setting and a per-row override: file names, results, reruns and refusals. */
class OutputFormatJobTest extends SparkTestBase {
  @TempDir
  Path dir;

  private RunSummary run(Path manifest, Path out, JobFixtures f, String... extra) {
    List<String> settings = new ArrayList<>(f.fastSettings());
    settings.addAll(List.of(extra));
    return StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null, settings));
  }

  @Test
  void jpegOutputsAreNamedByTheLayoutRecordedAndSkippedOnRerun() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri", f.threePairs());
    Path out = dir.resolve("out");
    RunSummary first = run(manifest, out, f, "stylebatch.output.format=jpeg", "stylebatch.output.quality=85");
    assertEquals(ExitCode.OK, first.exitCode(), first.message());
    for (Row r : spark().read().parquet(out.resolve("results").toString()).collectAsList()) {
      Path image = out.resolve("images/" + r.getAs("id") + ".jpg");
      assertEquals(image.toUri().getPath(), Path.of(java.net.URI.create("file://" + r.<String>getAs("output_uri"))
          .getPath()).toString(), "output_uri points at the .jpg");
      Assertions.assertTrue(Files.isRegularFile(image));
      ImageCodec.decode(Files.readAllBytes(image), image.toString());
    }
    try (var files = Files.list(out.resolve("images"))) {
      Assertions.assertTrue(files.allMatch(p -> p.toString().endsWith(".jpg")), "no PNGs written");
    }
    RunSummary again = run(manifest, out, f, "stylebatch.output.format=jpeg", "stylebatch.output.quality=85");
    assertEquals(3, again.skipped(), "the same format and quality: skipped");
    RunSummary requality = run(manifest, out, f, "stylebatch.output.format=jpeg", "stylebatch.output.quality=60");
    assertEquals(0, requality.skipped(), "another quality is another image: recomputed");
  }

  @Test
  void aRowCanAskForA16BitPngThatCarriesTheSrgbProfile() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    List<String[]> rows = f.threePairs();
    List<String[]> withFormat = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      withFormat.add(new String[] {rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], i == 0 ? "png16" : ""});
    }
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri,output_format", withFormat);
    Path out = dir.resolve("out");
    RunSummary summary = run(manifest, out, f);
    assertEquals(ExitCode.OK, summary.exitCode(), summary.message());
    Map<String, String> uris = spark().read().parquet(out.resolve("results").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("output_uri")));
    Assertions.assertTrue(uris.get("pair-a").endsWith("/images/pair-a.png"), uris.toString());
    var sixteen = javax.imageio.ImageIO.read(out.resolve("images/pair-a.png").toFile());
    assertEquals(16, sixteen.getColorModel().getComponentSize(0), "pair-a is a 16-bit PNG");
    var eight = javax.imageio.ImageIO.read(out.resolve("images/pair-b.png").toFile());
    assertEquals(8, eight.getColorModel().getComponentSize(0), "the other rows keep the default");
    Assertions.assertTrue(new String(Files.readAllBytes(out.resolve("images/pair-b.png")),
        java.nio.charset.StandardCharsets.ISO_8859_1).contains("iCCP"), "an sRGB profile chunk");
  }

  @Test
  void anUnknownFormatOrAQualityOutOfRangeIsRefusedBeforeAnythingRuns() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = f.csv("m.csv", "id,content_uri,style_uri", f.threePairs());
    RunSummary format = run(manifest, dir.resolve("out1"), f, "stylebatch.output.format=gif");
    assertEquals(ExitCode.INVALID_INPUT, format.exitCode());
    Assertions.assertTrue(format.message().contains("stylebatch.output.format") && format.message().contains(
        "[png, jpeg, webp, png16, tiff16]"), format.message());
    RunSummary quality = run(manifest, dir.resolve("out2"), f, "stylebatch.output.quality=0");
    assertEquals(ExitCode.INVALID_INPUT, quality.exitCode());
    Assertions.assertTrue(quality.message().contains("stylebatch.output.quality") && quality.message()
        .contains("[1, 100]"), quality.message());
    Path badRow = f.csv("bad.csv", "id,content_uri,style_uri,output_format", List.<String[]>of(
        new String[] {"x", "a.png", "s.png", "bmp"}));
    RunSummary row = run(badRow, dir.resolve("out3"), f);
    assertEquals(ExitCode.INVALID_INPUT, row.exitCode());
    Assertions.assertTrue(row.message().contains("row 1, column output_format"), row.message());
    Assertions.assertFalse(Files.exists(dir.resolve("out1")) || Files.exists(dir.resolve("out3")), "nothing written");
  }
}
