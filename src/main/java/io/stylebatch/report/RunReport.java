package io.stylebatch.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.ImageResizer;
import io.stylebatch.storage.ObjectStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code report/index.html} from a finished output folder: the counts, durations and failures of
 * the run at the top, the whole run's loss curves, then one row per pair with content, style and result
 * thumbnails, final losses, status, error and its own loss chart. Images are embedded as data URIs, so
 * the single file opens straight from S3 or a local folder.
 */
public final class RunReport {
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  /** What the template shows for one pair. */
  public record PairView(String id, String status, boolean failed, String error, String contentUri, String styleUri,
      String contentThumb, String styleThumb, String resultThumb, String chart, String iterations, String total,
      String content, String style, String tv, String duration) {}

  private RunReport() {}

  /** Writes the report of the run under {@code output} and returns its URI. */
  public static String write(SparkSession spark, ObjectStore store, String output, int thumbnailSize,
      int maxDetailedPairs) throws IOException {
    String results = ObjectStore.join(output, "results");
    String losses = ObjectStore.join(output, "losses");
    List<Row> rows = new ArrayList<>(spark.read().parquet(ObjectStore.path(results).toString()).collectAsList());
    rows.sort(Comparator.comparing(r -> (String) r.getAs("id")));
    Map<String, List<LossCharts.Point>> curves = new LinkedHashMap<>();
    if (store.exists(losses)) {
      List<Row> lossRows = spark.read().parquet(ObjectStore.path(losses).toString()).orderBy("id", "iteration")
          .collectAsList();
      for (Row r : lossRows) {
        curves.computeIfAbsent(r.getAs("id"), k -> new ArrayList<>()).add(new LossCharts.Point(r.getAs("iteration"),
            r.getAs("content_loss"), r.getAs("style_loss"), r.getAs("tv_loss"), r.getAs("total_loss")));
      }
    }
    Map<String, String> thumbCache = new HashMap<>();
    List<PairView> views = new ArrayList<>();
    int succeeded = 0;
    long totalMs = 0;
    for (Row r : rows) {
      String id = r.getAs("id");
      boolean ok = "SUCCEEDED".equals(r.getAs("status"));
      succeeded += ok ? 1 : 0;
      long ms = r.<Long>getAs("duration_ms");
      totalMs += ms;
      boolean detailed = views.size() < maxDetailedPairs;
      String contentUri = r.getAs("content_uri");
      String styleUri = r.getAs("style_uri");
      List<LossCharts.Point> curve = curves.getOrDefault(id, List.of());
      views.add(new PairView(id, r.getAs("status"), !ok, r.getAs("error"), contentUri, styleUri,
          detailed ? thumbCache.computeIfAbsent(contentUri, u -> thumbnail(store, u, thumbnailSize)) : null,
          detailed ? thumbCache.computeIfAbsent(styleUri, u -> thumbnail(store, u, thumbnailSize)) : null,
          detailed && ok ? thumbnail(store, r.getAs("output_uri"), thumbnailSize) : null,
          detailed && !curve.isEmpty() ? dataUri("image/png", LossCharts.pairChart(curve, 360, 200)) : null,
          r.getAs("iterations") == null ? "" : String.valueOf((int) r.getAs("iterations")),
          number(r.getAs("total_loss")), number(r.getAs("content_loss")), number(r.getAs("style_loss")),
          number(r.getAs("tv_loss")), String.format(Locale.ROOT, "%.1f s", ms / 1000.0)));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("output", output);
    model.put("generated", Instant.now().toString());
    model.put("pairs", rows.size());
    model.put("succeeded", succeeded);
    model.put("failed", rows.size() - succeeded);
    model.put("totalDuration", String.format(Locale.ROOT, "%.1f min", totalMs / 60000.0));
    model.put("meanDuration", rows.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f s", totalMs / 1000.0 / rows.size()));
    model.put("failures", views.stream().filter(PairView::failed).toList());
    model.put("hasFailures", views.stream().anyMatch(PairView::failed));
    model.put("runChart", curves.isEmpty() ? null : dataUri("image/png", LossCharts.runChart(curves, 900, 320)));
    model.put("rows", views);
    Mustache template = new DefaultMustacheFactory("report").compile("index.html.mustache");
    StringWriter html = new StringWriter();
    template.execute(html, model);
    String uri = ObjectStore.join(output, "report/index.html");
    store.writeAtomically(uri, html.toString().getBytes(StandardCharsets.UTF_8));
    return uri;
  }

  private static String number(Object v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4g", (Double) v);
  }

  /** A PNG thumbnail as a data URI, or null if the image cannot be read (the page shows a placeholder). */
  private static String thumbnail(ObjectStore store, String uri, int size) {
    try {
      BufferedImage image = ImageCodec.decode(store.readAll(uri, 256L * 1024 * 1024), uri);
      return dataUri("image/png", ImageCodec.encodePng(ImageResizer.toLongestSide(image, size)));
    } catch (IOException | RuntimeException e) {
      LOG.debug("no thumbnail for {}: {}", uri, e.getMessage());
      return null;
    }
  }

  private static String dataUri(String mime, byte[] bytes) {
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }
}
