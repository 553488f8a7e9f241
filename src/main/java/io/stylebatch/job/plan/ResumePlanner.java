package io.stylebatch.job.plan;

import io.stylebatch.image.OutputFormat;
import io.stylebatch.job.executor.PairTask;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairRecords;
import io.stylebatch.output.Provenance;
import io.stylebatch.output.RunTables;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectInfo;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Makes the {@link ResumePlan} with Spark, so that neither the driver's memory nor its requests grow with what
 * earlier runs wrote: the driver lists the inputs' folders, {@code images/} and (only when some pair is not done)
 * {@code _pairs/} — bulk listings, one request per 1,000 keys on S3 — and the manifest is joined with the current
 * rows of {@code results/} and {@code losses/} by Spark; {@link ResumeRule} judges each pair on the executors,
 * and only the pairs to run come back to the driver. Pairs not done by the tables are then judged by their
 * completion records, read by Spark tasks.
 */
public final class ResumePlanner {
  private static final StructType WANTED = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("content_uri", DataTypes.StringType, false)
      .add("style_uri", DataTypes.StringType, false)
      .add("settings_fingerprint", DataTypes.StringType, false)
      .add("weights_digest", DataTypes.StringType, false)
      .add("content_version", DataTypes.StringType, true)
      .add("style_version", DataTypes.StringType, true);
  private static final StructType IMAGES = new StructType()
      .add("image_name", DataTypes.StringType, false)
      .add("image_size", DataTypes.LongType, false);

  private final SparkSession spark;
  private final ObjectStore store;
  private final OutputLayout layout;
  private final ResumeRule rule;

  public ResumePlanner(SparkSession spark, ObjectStore store, OutputLayout layout, boolean readBack) {
    this.spark = spark;
    this.store = store;
    this.layout = layout;
    this.rule = new ResumeRule(store, readBack);
  }

  public ResumePlan plan(List<PairSpec> pairs, String weightsDigest) throws IOException {
    Set<String> inputs = new LinkedHashSet<>();
    pairs.forEach(p -> {
      inputs.add(p.contentUri());
      inputs.add(p.styleUri());
    });
    Map<String, ObjectInfo> versions = Listings.versions(store, inputs);
    Map<String, ResumeRule.Wanted> wanted = new HashMap<>();
    for (PairSpec p : pairs) {
      ObjectInfo content = versions.get(p.contentUri());
      ObjectInfo style = versions.get(p.styleUri());
      wanted.put(p.id(), new ResumeRule.Wanted(p.id(), p.contentUri(), p.styleUri(), new Provenance(
          p.settings().fingerprint(), weightsDigest, content == null ? null : content.version(),
          style == null ? null : style.version())));
    }
    Map<String, ObjectInfo> images = Listings.folder(store, layout.images());
    Map<String, String> why = fromTables(wanted, images);
    List<String> recovered = fromRecords(wanted, images, why);
    List<PairTask> toRun = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    for (PairSpec p : pairs) {
      String reason = why.get(p.id());
      if (reason != null) {
        Provenance prov = wanted.get(p.id()).provenance();
        toRun.add(new PairTask(p, prov.contentVersion(), prov.styleVersion()));
        reasons.merge(reason, 1, Integer::sum);
      }
    }
    toRun.sort(Comparator.comparingLong(TaskGroups::cost).reversed());
    return new ResumePlan(List.copyOf(toRun), pairs.size() - toRun.size() - recovered.size(), recovered, reasons);
  }

  /** Why each pair that {@code results/} does not show as done must run, by id; done pairs are absent. */
  private Map<String, String> fromTables(Map<String, ResumeRule.Wanted> wanted, Map<String, ObjectInfo> images)
      throws IOException {
    Map<String, String> why = new HashMap<>();
    Dataset<Row> results = RunTables.read(spark, store, layout.results(), RunTables.RESULTS_SCHEMA);
    if (results == null) {
      wanted.keySet().forEach(id -> why.put(id, ResumeRule.NEVER_FINISHED));
      return why;
    }
    List<Row> wantedRows = new ArrayList<>(wanted.size());
    wanted.values().forEach(w -> wantedRows.add(RowFactory.create(w.id(), w.contentUri(), w.styleUri(),
        w.provenance().settingsFingerprint(), w.provenance().weightsDigest(), w.provenance().contentVersion(),
        w.provenance().styleVersion())));
    List<Row> imageRows = new ArrayList<>(images.size());
    images.forEach((name, info) -> imageRows.add(RowFactory.create(name, info.size())));
    Dataset<Row> current = RunTables.current(results);
    Dataset<Row> previous = current.select(functions.col("id").as("prev_id"), functions.col(RunTables.RUN_ID)
        .as("prev_run"), functions.struct(current.columns()[0], java.util.Arrays.copyOfRange(current.columns(), 1,
        current.columns().length)).as("prev"));
    Dataset<Row> losses = RunTables.read(spark, store, layout.losses(), RunTables.LOSSES_SCHEMA);
    Dataset<Row> logged = (losses == null ? spark.createDataFrame(List.of(), new StructType()
        .add("id", DataTypes.StringType).add(RunTables.RUN_ID, DataTypes.StringType)) : losses)
        .select(functions.col("id").as("log_id"), functions.coalesce(functions.col(RunTables.RUN_ID),
            functions.lit("")).as("log_run")).distinct();
    Dataset<Row> joined = RunTables.frame(spark, wantedRows, WANTED)
        .join(previous, functions.col("id").equalTo(functions.col("prev_id")), "left")
        .join(logged, functions.col("prev_id").equalTo(functions.col("log_id"))
            .and(functions.col("prev_run").equalTo(functions.col("log_run"))), "left")
        .join(RunTables.frame(spark, imageRows, IMAGES), functions.substring_index(functions.col("prev.output_uri"),
            "/", -1).equalTo(functions.col("image_name")), "left")
        .select(functions.col("*"), functions.col("log_id").isNotNull().as("has_log"));
    ResumeRule r = rule;
    spark.sparkContext().setJobDescription("plan resume: judge " + wanted.size() + " pairs by results/");
    for (ResumeRule.Verdict v : joined.javaRDD().map(row -> judge(r, row)).filter(v -> v.reason() != null)
        .collect()) {
      why.put(v.id(), v.reason());
    }
    return why;
  }

  private static ResumeRule.Verdict judge(ResumeRule rule, Row row) {
    String id = row.getAs("id");
    ResumeRule.Wanted w = new ResumeRule.Wanted(id, row.getAs("content_uri"), row.getAs("style_uri"),
        new Provenance(row.getAs("settings_fingerprint"), row.getAs("weights_digest"), row.getAs("content_version"),
            row.getAs("style_version")));
    Row prev = row.getAs("prev");
    Long size = row.isNullAt(row.fieldIndex("image_size")) ? null : row.getAs("image_size");
    return new ResumeRule.Verdict(id, rule.reason(w, prev == null ? null : RunTables.outcomeOf(prev), size,
        row.<Boolean>getAs("has_log")));
  }

  /**
   * Judges the pairs in {@code why} that have a completion record by it: those it shows done leave {@code why}
   * and are returned (recovered); for the others a more precise reason replaces "not finished before".
   */
  private List<String> fromRecords(Map<String, ResumeRule.Wanted> wanted, Map<String, ObjectInfo> images,
      Map<String, String> why) throws IOException {
    if (why.isEmpty()) {
      return List.of();
    }
    Set<String> recordNames = Listings.folder(store, layout.pairRecords()).keySet();
    List<Candidate> candidates = new ArrayList<>();
    for (String id : why.keySet()) {
      if (recordNames.contains(layout.pairRecordName(id))) {
        Map<String, Long> sizes = new HashMap<>();
        for (OutputFormat format : OutputFormat.values()) {
          ObjectInfo image = images.get(layout.imageName(id, format));
          if (image != null) {
            sizes.put(layout.imageName(id, format), image.size());
          }
        }
        candidates.add(new Candidate(wanted.get(id), sizes));
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    ResumeRule r = rule;
    ObjectStore s = store;
    OutputLayout l = layout;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("plan resume: judge " + candidates.size() + " pairs by their completion records");
    List<String> recovered = new ArrayList<>();
    for (ResumeRule.Verdict v : jsc.parallelize(candidates, TaskGroups.slices(spark, candidates.size()))
        .map(c -> c.judge(r, s, l))
        .filter(v -> v != null).collect()) {
      if (v.reason() == null) {
        why.remove(v.id());
        recovered.add(v.id());
      } else if (why.get(v.id()).equals(ResumeRule.NEVER_FINISHED)) {
        why.put(v.id(), v.reason());
      }
    }
    return recovered;
  }

  /** A pair to judge by its completion record, with the listed sizes of the images it may have. */
  record Candidate(ResumeRule.Wanted wanted, Map<String, Long> imageSizes) implements Serializable {
    /** The verdict by the record, or null when it cannot be read. */
    ResumeRule.Verdict judge(ResumeRule rule, ObjectStore store, OutputLayout layout) {
      var record = PairRecords.read(store, layout, wanted.id());
      if (record == null) {
        return null;
      }
      Long size = record.outputUri() == null ? null : imageSizes.get(OutputLayout.imageName(record.outputUri()));
      return new ResumeRule.Verdict(wanted.id(), rule.reason(wanted, record, size, true));
    }
  }

}
