package io.stylebatch.job;

import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.PairRecords;
import io.stylebatch.output.RunTables;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectInfo;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@link ResumePlan.Evidence} read from an output folder with a fixed number of requests by the driver: one
 * listing of {@code images/}, one of {@code _pairs/}, and the previous {@code results/} table. Completion
 * records and (with {@code verify-skipped = digest}) the images of finished pairs are read by Spark tasks,
 * so the driver makes no request per pair.
 */
final class OutputEvidence implements ResumePlan.Evidence {
  private final SparkSession spark;
  private final ObjectStore store;
  private final OutputLayout layout;
  private final boolean readBack;
  private final Map<String, ObjectInfo> images;
  private final Set<String> recordNames;
  private final Map<String, PairOutcome> previousResults;

  private OutputEvidence(SparkSession spark, ObjectStore store, OutputLayout layout, boolean readBack,
      Map<String, ObjectInfo> images, Set<String> recordNames, Map<String, PairOutcome> previousResults) {
    this.spark = spark;
    this.store = store;
    this.layout = layout;
    this.readBack = readBack;
    this.images = images;
    this.recordNames = recordNames;
    this.previousResults = previousResults;
  }

  /** Lists the output and reads its previous results (an unreadable table reads as empty). */
  static OutputEvidence read(SparkSession spark, ObjectStore store, OutputLayout layout, boolean readBack)
      throws IOException {
    Map<String, ObjectInfo> images = Listings.folder(store, layout.images());
    Set<String> records = new HashSet<>(Listings.folder(store, layout.pairRecords()).keySet());
    return new OutputEvidence(spark, store, layout, readBack, images, records,
        RunTables.readResults(spark, store, layout));
  }

  @Override
  public PairOutcome previousResult(String id) {
    return previousResults.get(id);
  }

  @Override
  public ObjectInfo image(PairOutcome finished) {
    return finished.outputUri() == null ? null : images.get(OutputLayout.imageName(finished.outputUri()));
  }

  @Override
  public Map<String, PairOutcome> completionRecords(Collection<String> ids) {
    List<String> present = new ArrayList<>();
    for (String id : ids) {
      if (recordNames.contains(layout.pairRecordName(id))) {
        present.add(id);
      }
    }
    Map<String, PairOutcome> byId = new HashMap<>();
    if (present.isEmpty()) {
      return byId;
    }
    ObjectStore s = store;
    OutputLayout l = layout;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("read " + present.size() + " completion records");
    for (PairOutcome o : jsc.parallelize(present, slices(present.size())).map(id -> PairRecords.read(s, l, id))
        .filter(Objects::nonNull).collect()) {
      byId.put(o.id(), o);
    }
    return byId;
  }

  @Override
  public Set<String> damaged(Collection<PairOutcome> finished) {
    if (!readBack || finished.isEmpty()) {
      return Set.of();
    }
    List<ImageCheck> checks = finished.stream()
        .map(o -> new ImageCheck(o.id(), o.outputUri(), o.imageBytes(), o.imageSha256())).toList();
    ObjectStore s = store;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("verify " + checks.size() + " finished images");
    return new HashSet<>(jsc.parallelize(checks, slices(checks.size())).filter(c -> !c.intact(s)).map(ImageCheck::id)
        .collect());
  }

  /** A few hundred objects per task: enough to amortize a task, many tasks where there are many pairs. */
  private int slices(int n) {
    return Math.max(1, Math.min(Math.max(1, spark.sparkContext().defaultParallelism()) * 4, (n + 199) / 200));
  }

  /** One image to read back: intact when it holds exactly the bytes its record describes. */
  record ImageCheck(String id, String uri, Long bytes, String sha256) implements Serializable {
    boolean intact(ObjectStore store) {
      if (bytes == null || sha256 == null) {
        return false;
      }
      try {
        return sha256.equals(Listings.sha256(store.readAll(uri, bytes)));
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }
}
