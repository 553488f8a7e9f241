package io.stylebatch.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.ImageResizer;
import io.stylebatch.image.InputLimits;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.storage.InputImages;
import io.stylebatch.storage.Json;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code report/index.html} from a finished output folder: the counts, durations and failures of
 * the run at the top, the distribution of the loss curves over every pair, then the detailed pairs
 * ({@link ReportData}) with content, style and result thumbnails, final losses, status, error and their own
 * loss charts. Images are embedded as data URIs, so the single file opens straight from S3 or a local folder;
 * its size does not grow with the number of pairs.
 */
public final class RunReport {
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  /** What the template shows for one pair. */
  public record PairView(String id, String status, boolean failed, String error, String contentUri, String styleUri,
      String contentThumb, String styleThumb, String resultThumb, String resultHref, String chart, String iterations, String total,
      String content, String style, String tv, String duration) {}

  private RunReport() {}

  /**
   * Writes the report of a run and returns its URI.
   *
   * @param data what to show ({@link ReportData}: bounded whatever the number of pairs)
   * @param limits the input limits: thumbnails are decoded within them, like the inputs
   */
  public static String write(ObjectStore store, OutputLayout layout, ReportData data, ReportSettings settings,
      InputLimits limits, RunInfo run) throws IOException {
    int thumbnailSize = settings.thumbnailSize();
    Map<String, String> thumbCache = new HashMap<>(); // URI -> key, or "" when it has no thumbnail
    Map<String, String> thumbs = new LinkedHashMap<>(); // key -> data URI, each embedded once
    List<PairView> views = new ArrayList<>();
    for (PairOutcome r : data.detailed()) {
      boolean ok = r.succeeded();
      List<LossRecord> curve = data.curves().getOrDefault(r.id(), List.of());
      views.add(new PairView(r.id(), r.status(), !ok, r.error(), r.contentUri(), r.styleUri(),
          thumbKey(thumbs, thumbCache, "c", r.contentUri(), store, thumbnailSize, limits),
          thumbKey(thumbs, thumbCache, "s", r.styleUri(), store, thumbnailSize, limits),
          ok ? outputThumbnail(store, r.outputUri(), thumbnailSize, limits) : null,
          r.outputUri() == null ? null : OutputLayout.linkFromReport(r.outputUri()),
          curve.isEmpty() ? null : dataUri("image/png", LossCharts.pairChart(curve, 360, 200)),
          iterations(r),
          number(r.totalLoss()), number(r.contentLoss()), number(r.styleLoss()),
          number(r.tvLoss()), String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0)));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("output", layout.root());
    model.put("thumbsJson", Json.text(thumbs));
    model.put("run", run);
    model.put("generated", Instant.now().toString());
    model.put("pairs", data.pairs());
    model.put("succeeded", data.succeeded());
    model.put("failed", data.failed());
    model.put("totalDuration", String.format(Locale.ROOT, "%.1f min", data.totalMs() / 60000.0));
    model.put("meanDuration", data.pairs() == 0 ? "-"
        : String.format(Locale.ROOT, "%.1f s", data.totalMs() / 1000.0 / data.pairs()));
    model.put("failures", data.failures());
    model.put("hasFailures", data.failed() > 0);
    model.put("moreFailures", data.failed() > data.failures().size() ? data.failed() - data.failures().size() : null);
    model.put("runChart", data.band().isEmpty() ? null : dataUri("image/png", LossCharts.bandChart(data.band(), 900,
        320)));
    model.put("rows", views);
    model.put("selection", data.detailed().size() < data.pairs() ? String.format(Locale.ROOT,
        "%d of %d pairs: the failed, those with the highest final loss, and a sample", data.detailed().size(),
        data.pairs()) : null);
    Mustache template = new DefaultMustacheFactory("report").compile("index.html.mustache");
    StringWriter html = new StringWriter();
    template.execute(html, model);
    String uri = layout.report();
    store.writeAtomically(uri, html.toString().getBytes(StandardCharsets.UTF_8));
    return uri;
  }

  /**
   * The key of {@code uri}'s thumbnail in the page's one table of thumbnails (a catalog reuses a few
   * styles over thousands of pairs: each is embedded once), or null when it cannot be read.
   */
  private static String thumbKey(Map<String, String> thumbs, Map<String, String> keys, String role, String uri,
      ObjectStore store, int size, InputLimits limits) {
    String key = keys.computeIfAbsent(uri, u -> {
      String data = thumbnail(store, u, size, limits);
      if (data == null) {
        return "";
      }
      String k = role + keys.size();
      thumbs.put(k, data);
      return k;
    });
    return key.isEmpty() ? null : key;
  }

  /** The iteration count, with the scales of a coarse-to-fine run: {@code 60 (128 → 181 → 256 px)}. */
  static String iterations(PairOutcome r) {
    if (r.iterations() == null) {
      return "";
    }
    if (r.scales() == null || r.scales().size() < 2) {
      return String.valueOf(r.iterations());
    }
    return r.iterations() + " (" + String.join(" → ", r.scales().stream().map(String::valueOf).toList()) + " px)";
  }

  private static String number(Object v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4g", (Double) v);
  }

  /** A PNG thumbnail as a data URI, or null if the image cannot be read (the page shows a placeholder). */
  private static String thumbnail(ObjectStore store, String uri, int size, InputLimits limits) {
    try {
      BufferedImage image = InputImages.read(store, "thumbnail", uri, limits);
      // JPEG: a thumbnail is a preview, and a report of hundreds of pairs stays a few MB.
      return dataUri("image/jpeg", ImageCodec.encodeJpeg(ImageResizer.toLongestSide(image, size), 0.85f));
    } catch (IOException | RuntimeException e) {
      LOG.debug("no thumbnail for {}: {}", uri, e.getMessage());
      return null;
    }
  }

  /** A thumbnail of an output image, whatever its format (PNG, JPEG, WebP, 16-bit PNG or TIFF), or null. */
  private static String outputThumbnail(ObjectStore store, String uri, int size, InputLimits limits) {
    try {
      BufferedImage image = ImageCodec.decodeOutput(store.readAll(uri, limits.maxBytes()), uri);
      return dataUri("image/jpeg", ImageCodec.encodeJpeg(ImageResizer.toLongestSide(image, size), 0.85f));
    } catch (IOException | RuntimeException e) {
      LOG.debug("no thumbnail for {}: {}", uri, e.getMessage());
      return null;
    }
  }

  private static String dataUri(String mime, byte[] bytes) {
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }
}
