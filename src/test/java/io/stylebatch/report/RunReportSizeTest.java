package io.stylebatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.InputLimits;
import io.stylebatch.job.SparkTestBase;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.RunTables;
import io.stylebatch.output.TableCommit;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.tools.SyntheticImages;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.objective.LossValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog-sized report (20,000 pairs in the tables, distinct photos, a few styles, some failed) is built from
 * the tables with bounded size: counts over every pair, the failures listed, a bounded selection in detail.
 */
class RunReportSizeTest extends SparkTestBase {
  private static final int PAIRS = 20_000;

  @TempDir
  Path dir;

  @Test
  void aCatalogReportStaysSmallCountsEveryPairAndShowsTheFailedTheWorstAndASample() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/images"));
    List<Path> styles = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      styles.add(Files.write(dir.resolve("style-" + s + ".png"),
          ImageCodec.encodePng(SyntheticImages.painting(256, 256, s))));
    }
    List<Row> results = new ArrayList<>();
    List<Row> losses = new ArrayList<>();
    int failures = 0;
    for (int i = 0; i < PAIRS; i++) {
      String id = String.format("pair-%05d", i);
      Path content = dir.resolve("photo-" + i + ".png");
      boolean failed = i % 64 == 7;
      failures += failed ? 1 : 0;
      double scale = 1 + (i % 1000) / 100.0; // pair-00999 is among the worst
      results.add(RunTables.resultRow(new PairOutcome(id, content.toString(), styles.get(i % 4).toString(),
          out.resolve(id + ".png").toString(), failed ? PairOutcome.FAILED : PairOutcome.SUCCEEDED,
          failed ? "content_uri " + content + ": object not found" : null, 60, 100, 1.0, 2.0, 3.0, 6.0 * scale, 1000,
          900L, "1", 0, new io.stylebatch.output.Provenance("f", "w", "c1", "s1"), 9L, "sha", List.of(256),
          List.of()), "20261203-000000-run"));
      List<LossRecord> log = new ArrayList<>();
      for (int it = 0; it <= 60; it += 10) {
        double f = Math.exp(-it / 20.0) * scale;
        log.add(new LossRecord(it, it + 1, new LossValues(1e3 * f, 1e4 * f, 1e5 * f, 1e6 * f), it * 10L, 256));
      }
      losses.addAll(RunTables.lossRows(id, failed ? List.of() : log, "20261203-000000-run"));
    }
    ObjectStore store = new ObjectStore(new Configuration());
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());
    new TableCommit(spark(), store, layout).append(spark().createDataFrame(results, RunTables.RESULTS_SCHEMA),
        results.size(), spark().createDataFrame(losses, RunTables.LOSSES_SCHEMA), losses.size());
    ReportSettings settings = ReportSettings.from(io.stylebatch.config.ConfigLoader.load(null, List.of()));
    ReportData data = ReportData.fromTables(spark(), store, layout, settings);
    assertEquals(PAIRS, data.pairs());
    assertEquals(failures, data.failed());
    assertEquals(ReportData.MAX_FAILURES_LISTED, data.failures().size(), "failures listed up to the cap");
    assertEquals(settings.maxDetailedPairs(), data.detailed().size(), "a bounded selection in detail");
    org.junit.jupiter.api.Assertions.assertTrue(data.detailed().stream().filter(o -> !o.succeeded()).count() >= settings.maxDetailedPairs() / 3 - 1,
        "failed pairs among the detailed");
    org.junit.jupiter.api.Assertions.assertTrue(data.detailed().stream().anyMatch(o -> o.id().equals("pair-00999")), "the worst among the detailed");
    assertEquals(7, data.band().size(), "one band point per logged iteration over all pairs");
    long started = System.nanoTime();
    String uri = RunReport.write(store, layout, data, settings, new InputLimits(50_000_000, 40_000_000, 16),
        new RunInfo("r", Instant.now(), Instant.now(), "w.h5", false, "s"));
    System.out.printf("20,000-pair report written in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    String html = Files.readString(Path.of(ObjectStore.path(uri).toUri()));
    long bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    System.out.printf("20,000-pair report: %.2f MB%n", bytes / 1e6);
    org.junit.jupiter.api.Assertions.assertTrue(bytes < 10_000_000, "report is " + bytes + " bytes");
    org.junit.jupiter.api.Assertions.assertTrue(html.contains("and " + (failures - ReportData.MAX_FAILURES_LISTED) + " more"), "the rest counted");
    assertEquals(4, countThumbnailDefinitions(html), "each distinct style thumbnail is embedded once");
  }

  private static int countThumbnailDefinitions(String html) {
    Matcher m = Pattern.compile("\"s\\d+\":\"data:image/jpeg;base64,").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
