package io.stylebatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.InputLimits;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.tools.SyntheticImages;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.LossValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog-sized report (2,000 pairs, distinct photos, a few styles) stays small enough to open and mail. */
class RunReportSizeTest {
  @TempDir
  Path dir;

  @Test
  void aTwoThousandPairReportStaysUnderTenMegabytesAndEmbedsEachStyleOnce() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/images"));
    List<PairOutcome> results = new ArrayList<>();
    Map<String, List<LossRecord>> losses = new HashMap<>();
    List<Path> styles = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      styles.add(Files.write(dir.resolve("style-" + s + ".png"),
          ImageCodec.encodePng(SyntheticImages.painting(256, 256, s))));
    }
    for (int i = 0; i < 2000; i++) {
      String id = String.format("pair-%04d", i);
      boolean detailed = i < 250;
      Path content = dir.resolve("photo-" + i + ".png");
      if (detailed) { // only the detailed rows' images are ever read
        Files.write(content, ImageCodec.encodePng(SyntheticImages.photo(256, 192, i)));
        Files.write(out.resolve(id + ".png"), ImageCodec.encodePng(SyntheticImages.photo(256, 192, 10_000 + i)));
      }
      results.add(new PairOutcome(id, content.toString(), styles.get(i % 4).toString(),
          out.resolve(id + ".png").toString(), PairOutcome.SUCCEEDED, null, 60, 100, 1.0, 2.0, 3.0, 6.0, 1000, 900L,
          "1", 0, new io.stylebatch.output.Provenance("f", "w", "c1", "s1"), 9L, "sha", List.of(256), List.of()));
      List<LossRecord> log = new ArrayList<>();
      for (int it = 0; it <= 60; it += 10) {
        double f = Math.exp(-it / 20.0);
        log.add(new LossRecord(it, it + 1, new LossValues(1e3 * f, 1e4 * f, 1e5 * f, 1e6 * f), it * 10L, 256));
      }
      losses.put(id, log);
    }
    ReportSettings settings = ReportSettings.from(ConfigFactory.defaultReference());
    String uri = RunReport.write(new ObjectStore(new Configuration()), new OutputLayout(dir.resolve("out").toString()),
        results, losses, settings, new InputLimits(50_000_000, 40_000_000, 16),
        new RunInfo("r", Instant.now(), Instant.now(), "w.h5", false, "s"));
    String html = Files.readString(Path.of(ObjectStore.path(uri).toUri()));
    long bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    System.out.printf("2,000-pair report: %.1f MB%n", bytes / 1e6);
    assertTrue(bytes < 10_000_000, "report is " + bytes + " bytes");
    for (Path style : styles) {
      Matcher uses = Pattern.compile(Pattern.quote(style.toString())).matcher(html);
      int n = 0;
      while (uses.find()) {
        n++;
      }
      assertTrue(n >= 500, "every pair still names its style (as text beyond the detailed ones)");
    }
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
