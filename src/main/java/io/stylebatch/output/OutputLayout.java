package io.stylebatch.output;

import io.stylebatch.image.OutputFormat;
import io.stylebatch.storage.ObjectStore;
import java.io.Serializable;

/** Where a run's outputs live under {@code --output}; the one place that knows the folder's layout. */
public record OutputLayout(String root) implements Serializable {
  private static final String IMAGES = "images";
  private static final String REPORT = "report";

  public OutputLayout {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /** Where the image of pair {@code id} is written in {@code format}: the one place that names it. */
  public String imageUri(String id, OutputFormat format) {
    return ObjectStore.join(images(), imageName(id, format));
  }

  /** The image's file name under {@link #images()}: the id and the format's extension. */
  public String imageName(String id, OutputFormat format) {
    return id + "." + format.extension();
  }

  /** The file name of an image URI this layout made (the last path segment). */
  public static String imageName(String imageUri) {
    return imageUri.substring(imageUri.lastIndexOf('/') + 1);
  }

  /** The folder of the stylized images. */
  public String images() {
    return ObjectStore.join(root, IMAGES);
  }

  /** The link from the report ({@link #report()}) to an image this layout made, relative so the folder can move. */
  public static String linkFromReport(String imageUri) {
    return "../" + IMAGES + "/" + imageName(imageUri);
  }

  public String results() {
    return ObjectStore.join(root, "results");
  }

  public String losses() {
    return ObjectStore.join(root, "losses");
  }

  /** The run report, {@code report/index.html}. */
  public String report() {
    return ObjectStore.join(root, REPORT + "/index.html");
  }

  /** The lease that keeps a second run off this output ({@link OutputLease}). */
  public String lease() {
    return ObjectStore.join(root, "_lease.json");
  }

  /** Written last when a run exits 0; the Hadoop convention that sensors and downstream jobs wait for. */
  public String success() {
    return ObjectStore.join(root, "_SUCCESS");
  }

  /** Written instead of {@link #success()} when a run finishes with too many failed pairs (exit 3). */
  public String failed() {
    return ObjectStore.join(root, "_FAILED");
  }

  /**
   * Per-pair completion records written by tasks next to the images, so that a run whose driver died
   * before writing {@code results/} can be resumed without recomputing finished pairs, and so that rows
   * of damaged or deleted tables can be rebuilt. Kept: they are the source of truth for resume.
   */
  public String pairRecord(String id) {
    return ObjectStore.join(pairRecords(), pairRecordName(id));
  }

  /** The completion record's file name under {@link #pairRecords()}. */
  public String pairRecordName(String id) {
    return id + ".json";
  }

  public String pairRecords() {
    return ObjectStore.join(root, "_pairs");
  }

  /** Scratch space for staged table writes; removed when a run finishes. */
  public String staging(String runId) {
    return ObjectStore.join(root, "_staging/" + runId);
  }

  public String stagingRoot() {
    return ObjectStore.join(root, "_staging");
  }
}
