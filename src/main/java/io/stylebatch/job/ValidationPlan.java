package io.stylebatch.job;

import io.stylebatch.config.Uris;
import io.stylebatch.image.ImageCodec;
import io.stylebatch.image.ImageDecodeException;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.manifest.ManifestValidator;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.manifest.ProblemList;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.storage.InputImages;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.ObjectTooLargeException;
import io.stylebatch.transfer.MemoryEstimate;
import io.stylebatch.transfer.ScaleSchedule;
import io.stylebatch.transfer.objective.ImageTooSmallException;
import io.stylebatch.transfer.objective.TilePlan;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code --validate} checks after the manifest and the weights: every input object exists, is within
 * the size limits and has a readable PNG/JPEG header (pixels are not decoded), each image is large enough
 * for the layers at its row's size, and the output is writable (a probe object is created and deleted).
 * Then the plan: per pair its size, estimated memory and time, from the documented calibration
 * ({@code stylebatch.job.estimate-us-per-pixel-evaluation}). Nothing is computed.
 */
final class ValidationPlan {
  /** One pair's plan. */
  record Row(String id, int width, int height, int evaluations, long memoryBytes, double seconds) {}

  /** Pairs listed one per line in the printed plan; a catalog's plan ends with the count of the rest. */
  static final int MAX_ROWS_SHOWN = 50;

  /** Bytes read from the start of each input for its header; the whole object when that is not enough. */
  static final int HEADER_BYTES = 64 * 1024;

  private final ProblemList problems = new ProblemList();
  private final List<Row> rows = new ArrayList<>();

  ProblemList problems() {
    return problems;
  }

  List<Row> rows() {
    return rows;
  }

  static ValidationPlan of(SparkSession spark, ObjectStore store, List<PairSpec> pairs, JobSettings settings,
      OutputLayout layout) {
    ValidationPlan plan = new ValidationPlan();
    Map<String, Object> headers = headers(spark, store, pairs, settings); // URI -> int[] dimensions or a problem
    for (PairSpec p : pairs) {
      TransferSettings s = p.settings();
      Object content = headers.get(p.contentUri());
      Object style = headers.get(p.styleUri());
      String where = "row " + p.rowNumber() + ", column ";
      if (content instanceof String problem) {
        plan.problems.add(where + ManifestValidator.CONTENT_URI + ": " + p.contentUri() + ": " + problem);
      }
      if (style instanceof String problem) {
        plan.problems.add(where + ManifestValidator.STYLE_URI + ": " + p.styleUri() + ": " + problem);
      }
      if (style instanceof int[] dims && !s.get(TransferSetting.STYLE_LAYERS).isEmpty()) {
        try {
          ImageTooSmallException.check("style image at image_size x style_scale = " + s.styleSize(), dims[0],
              dims[1], s.styleSize(), s.deepestLayer());
        } catch (ImageTooSmallException e) {
          plan.problems.add(where + ManifestValidator.STYLE_URI + ": " + Uris.redact(p.styleUri()) + ": "
              + e.getMessage());
        }
      }
      if (content instanceof int[] dims) {
        int[] scaled = scaled(dims, s.imageSize());
        try {
          ImageTooSmallException.check("content image at image_size " + s.imageSize(), dims[0], dims[1],
              s.imageSize(), s.deepestLayer());
        } catch (ImageTooSmallException e) {
          plan.problems.add(where + "image_size: " + e.getMessage());
        }
        ScaleSchedule schedule = ScaleSchedule.of(s);
        double seconds = 0;
        for (ScaleSchedule.Scale scale : schedule.scales()) {
          TransferSettings at = s.with(TransferSetting.IMAGE_SIZE, scale.size());
          int[] size = scaled(dims, scale.size());
          int tile = MemoryEstimate.tileSize(at, settings.maxPairMemoryBytes());
          double cost = tile > 0 ? TilePlan.of(size[1], size[0], tile, at.deepestLayer()).relativeCost() : 1;
          seconds += (double) size[0] * size[1] * scale.evaluations() * cost
              * settings.estimateMicrosPerPixelEvaluation() / 1e6;
        }
        plan.rows.add(new Row(p.id(), scaled[0], scaled[1], schedule.evaluations(),
            MemoryEstimate.bytes(s, settings.maxPairMemoryBytes()), seconds));
      }
    }
    probeOutput(store, layout).ifPresent(plan.problems::add);
    return plan;
  }

  /** Width and height after scaling the longest side to {@code size}, as the engine does. */
  private static int[] scaled(int[] dims, int size) {
    return io.stylebatch.image.ImageResizer.fitLongestSide(dims[0], dims[1], size);
  }

  /**
   * Every distinct input's header, read by Spark tasks in parallel (one ranged read each), so that the time and
   * the driver's requests do not grow with the catalog.
   */
  private static Map<String, Object> headers(SparkSession spark, ObjectStore store, List<PairSpec> pairs,
      JobSettings settings) {
    java.util.Set<String> uris = new java.util.LinkedHashSet<>();
    pairs.forEach(p -> {
      uris.add(p.contentUri());
      uris.add(p.styleUri());
    });
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("validate: read the headers of " + uris.size() + " inputs");
    List<String> all = new ArrayList<>(uris);
    int slices = Math.max(1, Math.min(jsc.defaultParallelism() * 4, (all.size() + 99) / 100));
    Map<String, Object> headers = new HashMap<>();
    for (scala.Tuple2<String, Object> h : jsc.parallelize(all, slices)
        .mapToPair(u -> new scala.Tuple2<>(u, header(store, u, settings))).collect()) {
      headers.put(h._1(), h._2());
    }
    return headers;
  }

  /** The input's dimensions, or its problem in the words a run would use (after "URI: "). */
  private static Object header(ObjectStore store, String uri, JobSettings settings) {
    try {
      return InputImages.dimensions(store, uri, settings.input(), HEADER_BYTES);
    } catch (InputImages.InputException | ImageDecodeException e) {
      String message = e.getMessage();
      return message.startsWith(uri + ": ") ? message.substring(uri.length() + 2) : message;
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
  }

  private static java.util.Optional<String> probeOutput(ObjectStore store, OutputLayout layout) {
    String probe = ObjectStore.join(layout.root(), "._validate-probe-" + UUID.randomUUID());
    try {
      boolean existed = store.exists(layout.root());
      store.createIfAbsent(probe, new byte[0]);
      store.delete(probe, false);
      if (!existed) {
        store.delete(layout.root(), false);
      }
      return java.util.Optional.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.of("output " + layout.root() + " cannot be written: " + e);
    }
  }

  /** The plan as a table for stdout. */
  String render() {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %11s %11s %12s %12s%n", "id", "size",
        "evaluations", "memory (GB)", "time (min)"));
    double total = 0;
    int shown = 0;
    for (Row r : rows) {
      total += r.seconds();
      if (rows.size() > MAX_ROWS_SHOWN && shown++ >= MAX_ROWS_SHOWN) {
        continue;
      }
      b.append(String.format(Locale.ROOT, "%-24s %11s %11d %12.2f %12.1f%n", r.id(), r.width() + "x" + r.height(),
          r.evaluations(), r.memoryBytes() / 1e9, r.seconds() / 60));
    }
    if (rows.size() > MAX_ROWS_SHOWN) {
      b.append(String.format(Locale.ROOT, "... and %d more pairs%n", rows.size() - MAX_ROWS_SHOWN));
    }
    b.append(String.format(Locale.ROOT, "%d pairs, about %.1f min of optimization on one task slot%n", rows.size(),
        total / 60));
    return b.toString();
  }
}
