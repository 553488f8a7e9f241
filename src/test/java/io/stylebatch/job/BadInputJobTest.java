package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.image.BadImageCorpus;
import io.stylebatch.image.ImageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One run over every kind of bad input mixed with good pairs, and every kind of bad manifest. */
class BadInputJobTest extends SparkTestBase {
  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve("in").resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  @Test
  void everyBadImageFailsItsOwnPairWithAReasonAndEveryGoodPairSucceeds() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path style = write("style.png", BadImageCorpus.photoPng(99));
    Path photo = write("photo.jpg", BadImageCorpus.photoJpeg(5));
    // id -> {content, style, expected status, words the error must contain}
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("good-png", row(write("good.png", BadImageCorpus.photoPng(1)), style, "SUCCEEDED"));
    cases.put("grey", row(write("grey.png", BadImageCorpus.greyscalePng()), style, "SUCCEEDED"));
    cases.put("cmyk", row(write("cmyk.jpg", BadImageCorpus.cmykJpeg()), style, "SUCCEEDED"));
    cases.put("deep", row(write("deep.png", BadImageCorpus.sixteenBitPng()), style, "SUCCEEDED"));
    cases.put("palette", row(write("palette.png", BadImageCorpus.palettePngWithTransparency()), style,
        "SUCCEEDED"));
    cases.put("rotated", row(write("rotated.jpg", BadImageCorpus.exifRotatedJpeg()), style, "SUCCEEDED"));
    cases.put("grey-style", row(photo, write("grey-style.png", BadImageCorpus.greyscalePng()), "SUCCEEDED"));
    cases.put("tiny", row(write("tiny.png", BadImageCorpus.tinyPng()), style, "FAILED",
        "content_uri", "tiny.png", "1x1", "stylebatch.input.min-side"));
    cases.put("empty", row(write("empty.jpg", new byte[0]), style, "FAILED", "content_uri", "empty.jpg", "empty"));
    cases.put("cut-png", row(write("cut.png", BadImageCorpus.truncated(BadImageCorpus.photoPng(2))), style,
        "FAILED", "content_uri", "cut.png"));
    cases.put("cut-jpg", row(write("cut.jpg", BadImageCorpus.truncated(BadImageCorpus.photoJpeg(3))), style,
        "FAILED", "content_uri", "cut.jpg"));
    cases.put("text", row(write("text.jpg", "not an image at all\n".getBytes()), style, "FAILED",
        "content_uri", "text.jpg", "not a PNG or JPEG"));
    cases.put("huge", row(write("huge.png", BadImageCorpus.pngHeaderDeclaring(90_000, 90_000)), style, "FAILED",
        "content_uri", "huge.png", "90000x90000", "max-pixels"));
    cases.put("missing", row(dir.resolve("in/missing.png"), style, "FAILED", "content_uri", "missing.png",
        "not found"));
    cases.put("bad-style", row(photo, dir.resolve("in/text.jpg"), "FAILED", "style_uri", "text.jpg",
        "not a PNG or JPEG"));
    cases.put("missing-style", row(photo, dir.resolve("in/nope-style.png"), "FAILED", "style_uri",
        "nope-style.png", "not found"));
    cases.put("blow-up", row(photo, style, "FAILED", "optimization failed", "non-finite", "evaluation 1"));
    int n = 0;
    for (var e : BadImageCorpus.notPngOrJpeg().entrySet()) {
      Path file = write("foreign-" + n++ + ".png", e.getValue());
      String detected = "not a PNG or JPEG image (detected: " + e.getKey() + ")";
      cases.put("foreign-content-" + n, row(file, style, "FAILED", "content_uri", file.toString(), detected));
      cases.put("foreign-style-" + n, row(photo, file, "FAILED", "style_uri", file.toString(), detected));
    }

    StringBuilder csv = new StringBuilder("id,content_uri,style_uri,style_weight\n");
    cases.forEach((id, c) -> csv.append(id).append(',').append(c[0]).append(',').append(c[1]).append(',')
        .append(id.equals("blow-up") ? "1e308" : "").append('\n'));
    Path manifest = Files.writeString(dir.resolve("manifest.csv"), csv.toString());
    Path out = dir.resolve("out");
    RunSummary summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        f.fastSettings()));
    long good = cases.values().stream().filter(c -> c[2].equals("SUCCEEDED")).count();
    assertEquals(ExitCode.TOO_MANY_FAILURES, summary.exitCode(), summary.message());
    assertEquals(good, summary.succeeded());
    assertEquals(cases.size() - good, summary.failed());

    Map<String, Row> results = spark().read().parquet(out.resolve("results").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    assertEquals(cases.keySet(), results.keySet());
    for (var e : cases.entrySet()) {
      Row r = results.get(e.getKey());
      assertEquals(e.getValue()[2], r.getAs("status"), e.getKey() + ": " + r.getAs("error"));
      String error = r.getAs("error");
      for (int i = 3; i < e.getValue().length; i++) {
        Assertions.assertTrue(error != null && error.contains(e.getValue()[i]),
            e.getKey() + ": error should mention '" + e.getValue()[i] + "': " + error);
      }
    }
    var rotated = ImageCodec.decode(Files.readAllBytes(out.resolve("images/rotated.png")), "rotated");
    Assertions.assertTrue(rotated.getHeight() > rotated.getWidth(), "EXIF rotation made it portrait");

    Set<String> expected = new TreeSet<>();
    cases.forEach((id, c) -> {
      if (c[2].equals("SUCCEEDED")) {
        expected.add("images/" + id + ".png");
      }
      expected.add("_pairs/" + id + ".json"); // its completion record (a failure too): its rows come from it
    });
    expected.add("_FAILED"); // exit 3: never _SUCCESS
    expected.add("report/index.html");
    Set<String> unexpected = new TreeSet<>();
    try (Stream<Path> files = Files.walk(out)) {
      files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).forEach(p -> {
        boolean table = p.matches("(results|losses)/(\\.?part-[^/]+|\\.?_SUCCESS(\\.crc)?)");
        if (!expected.remove(p) && !table) {
          unexpected.add(p);
        }
      });
    }
    Assertions.assertTrue(expected.isEmpty(), "missing outputs: " + expected);
    Assertions.assertTrue(unexpected.isEmpty(), "files outside the expected set: " + unexpected);

    List<String> tolerant = new ArrayList<>(f.fastSettings());
    double failedFraction = (double) (cases.size() - good) / cases.size();
    tolerant.add("stylebatch.job.max-failed-fraction=" + Math.min(1.0, failedFraction + 0.01));
    RunSummary again = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        tolerant));
    assertEquals(ExitCode.OK, again.exitCode(), "the threshold decides: " + again.message());
    Assertions.assertTrue(Files.exists(out.resolve("_SUCCESS")) && !Files.exists(out.resolve("_FAILED")),
        "exit 0 replaces _FAILED with _SUCCESS");
    assertEquals(good, again.skipped());
  }

  private static String[] row(Path content, Path style, String status, String... errorWords) {
    List<String> r = new ArrayList<>(List.of(content.toString(), style.toString(), status));
    r.addAll(List.of(errorWords));
    return r.toArray(new String[0]);
  }

  static Stream<Arguments> badManifests() {
    String ok = "a.png,s.png";
    return Stream.of(
        Arguments.of("missing column", "m.csv", "id,content_uri\nx,a.png\n", List.of("column style_uri is missing")),
        Arguments.of("empty value", "m.csv", "id,content_uri,style_uri\nx,,s.png\n",
            List.of("row 1, column content_uri: value is empty")),
        Arguments.of("duplicate ids", "m.csv", "id,content_uri,style_uri\nx," + ok + "\ny," + ok + "\nx," + ok + "\n",
            List.of("row 3, column id: duplicate id 'x' (first used in row 1)")),
        Arguments.of("unsafe ids", "m.csv", "id,content_uri,style_uri\n../x," + ok + "\n/abs," + ok + "\na/b," + ok
            + "\n," + ok + "\n" + "y".repeat(129) + "," + ok + "\n.hidden," + ok + "\n",
            List.of("row 1, column id", "../x", "row 2, column id", "/abs", "row 3, column id", "a/b",
                "row 4, column id: value is empty", "row 5, column id: id is 129 characters long",
                "row 6, column id: id '.hidden' starts with '.'")),
        Arguments.of("unknown format", "m.txt", "id,content_uri,style_uri\nx," + ok + "\n",
            List.of("cannot tell the manifest format", "m.txt")),
        Arguments.of("unparseable override", "m.csv", "id,content_uri,style_uri,iterations,seed\nx," + ok + ",ten,1\n"
            + "y," + ok + ",5,zz\n", List.of("row 1, column iterations: 'ten' is not a number",
                "row 2, column seed: 'zz' is not a number")),
        Arguments.of("out-of-range override", "m.csv", "id,content_uri,style_uri,iterations,image_size\nx," + ok
            + ",0,\ny," + ok + ",,99999\n", List.of("row 1, column iterations: must be in [1",
                "row 2, column image_size: must be in [16, 4096], got 99999")),
        Arguments.of("too much memory", "m.csv", "id,content_uri,style_uri,image_size\nx," + ok + ",4096\n",
            List.of("row 1, column image_size: image size 4096 needs about", "stylebatch.job.max-pair-memory")),
        Arguments.of("unknown column", "m.csv", "id,content_uri,style_uri,iteratons\nx," + ok + ",5\n",
            List.of("column iteratons is not a known column")),
        Arguments.of("CSV extra field", "m.csv", "id,content_uri,style_uri\nx,my,photo.png,s.png\ny," + ok + "\n",
            List.of("row 1: has more fields than the header (extra: s.png); quote values that contain commas")),
        Arguments.of("ids equal ignoring case", "m.csv", "id,content_uri,style_uri\nA," + ok + "\na," + ok + "\n",
            List.of("row 2, column id: duplicate id 'a' (first used in row 1 as 'A'; ids must differ in more "
                + "than letter case)")),
        Arguments.of("Java-only number literals", "m.csv", "id,content_uri,style_uri,tv_weight,seed\nx," + ok
            + ",0x10p0,5d\n", List.of("row 1, column tv_weight: '0x10p0' is not a number",
                "row 1, column seed: '5d' is not a number")),
        Arguments.of("JSON array value", "m.jsonl", "{\"id\":\"x\",\"content_uri\":[\"a.png\"],\"style_uri\":\"s.png\"}\n",
            List.of("column content_uri has type array<string>; expected string")),
        Arguments.of("JSON duplicate key", "m.jsonl", "{\"id\":\"x\",\"id\":\"y\",\"content_uri\":\"a.png\","
            + "\"style_uri\":\"s.png\"}\n", List.of("the manifest cannot be read as JSON", "id")),
        Arguments.of("duplicate CSV column", "m.csv", "id,content_uri,style_uri,iterations,iterations\nx," + ok
            + ",5,6\n", List.of("column iterations appears twice in the header (columns 4 and 5)")),
        Arguments.of("quoted newline in a cell", "m.csv", "id,content_uri,style_uri\n\"a\nb\"," + ok + "\ny," + ok
            + "\n", List.of("row 1, column id: id 'a b' may only contain")),
        Arguments.of("credentials in a URI", "m.csv", "id,content_uri,style_uri\nx,s3a://K:S3CRET@b/a.png,s.png\n",
            List.of("row 1, column content_uri: 's3a://***@b/a.png' carries credentials")),
        Arguments.of("missing manifest", null, null, List.of("does not exist")));
  }

  @Test
  void aParquetColumnOfTheWrongTypeIsRefusedUpFront() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = dir.resolve("m.parquet");
    StructType schema = new StructType().add("id", DataTypes.StringType).add("content_uri", DataTypes.BinaryType)
        .add("style_uri", DataTypes.StringType);
    spark().createDataFrame(List.of(RowFactory.create("x", "a.png".getBytes(StandardCharsets.UTF_8), "s.png")), schema)
        .write().parquet(manifest.toString());
    RunSummary summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(),
        dir.resolve("out").toString(), null, f.fastSettings()));
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode(), summary.message());
    Assertions.assertTrue(summary.message().contains("column content_uri has type binary; expected string"),
        summary.message());
    Assertions.assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  /** The user gets one line; the log keeps the exception chain that explains it. */
  @Test
  void anUnreadableManifestIsOneLineForTheUserAndTheWholeCauseInTheLog() throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = Files.write(dir.resolve("broken.parquet"), "not parquet at all".getBytes(StandardCharsets.UTF_8));
    RunSummary summary;
    List<String> log;
    try (LogCapture capture = LogCapture.install()) {
      summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), dir.resolve("out").toString(), null,
          f.fastSettings()));
      log = capture.lines();
    }
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode(), summary.message());
    Assertions.assertTrue(summary.message().contains("cannot be read as PARQUET"), summary.message());
    Assertions.assertTrue(log.stream().anyMatch(l -> l.startsWith(StyleBatchJob.class.getName())
        && l.contains("cannot be read as PARQUET") && l.contains("\tat org.apache.spark")),
        "the log line of the refusal carries Spark's exception with its stack: " + log);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badManifests")
  void badManifestsExit2WithEveryProblemAndTouchNothing(String name, String file, String content,
      List<String> expectedWords) throws Exception {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = dir.resolve(file == null ? "absent.csv" : file);
    if (content != null) {
      Files.writeString(manifest, content);
    }
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "untouched");
    // 1 GB per pair: a 4096 px row cannot fit even in tiles (its image-sized arrays alone need more).
    List<String> settings = new java.util.ArrayList<>(f.fastSettings());
    settings.add("stylebatch.job.max-pair-memory=1g");
    RunSummary summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        settings));
    assertEquals(ExitCode.INVALID_INPUT, summary.exitCode(), name);
    for (String word : expectedWords) {
      Assertions.assertTrue(summary.message().contains(word), name + ": message lacks '" + word + "':\n"
          + summary.message());
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(out, out.resolve("keep.txt")), files.sorted().toList(), name + ": output touched");
    }
    assertEquals("untouched", Files.readString(out.resolve("keep.txt")));
  }
}
