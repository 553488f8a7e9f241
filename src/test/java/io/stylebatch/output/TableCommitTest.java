package io.stylebatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.job.SparkTestBase;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.objective.LossValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How runs change the tables: append what they made, retire what that supersedes, file by file. */
class TableCommitTest extends SparkTestBase {
  @TempDir
  Path dir;

  private OutputLayout layout;
  private TableCommit commit;

  private void open() {
    layout = new OutputLayout(dir.resolve("out").toString());
    commit = new TableCommit(spark(), new ObjectStore(new Configuration()), layout);
  }

  private static PairOutcome outcome(String id, double loss) {
    return new PairOutcome(id, "c/" + id, "s", "o/" + id + ".png", PairOutcome.SUCCEEDED, null, 1, 2, 1.0, 1.0, 1.0, loss,
        5, 4L, "1", 0, new Provenance("f", "w", "c", "s"), 9L, "sha", List.of(16),
        List.of(new LossRecord(0, 1, new LossValues(1, 1, 1, 2 * loss), 0, 16),
            new LossRecord(1, 2, new LossValues(1, 1, 1, loss), 1, 16)));
  }

  private void append(String runId, List<PairOutcome> outcomes) throws IOException {
    List<Row> results = new ArrayList<>();
    List<Row> losses = new ArrayList<>();
    outcomes.forEach(o -> {
      results.add(RunTables.resultRow(o, runId));
      losses.addAll(RunTables.lossRows(o.id(), o.losses(), runId));
    });
    commit.append(spark().createDataFrame(results, RunTables.RESULTS_SCHEMA), results.size(),
        spark().createDataFrame(losses, RunTables.LOSSES_SCHEMA), losses.size());
  }

  private Dataset<Row> manifest(String... ids) {
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(RowFactory.create(id));
    }
    return spark().createDataFrame(rows, new StructType().add("id", DataTypes.StringType, false));
  }

  /** The table as {@code id -> run_id}, asserting one row per pair. */
  private Map<String, String> runs(String table) {
    Map<String, String> byId = new HashMap<>();
    for (Row r : spark().read().parquet(dir.resolve("out/" + table).toString()).collectAsList()) {
      String previous = byId.put(r.getAs("id"), r.getAs("run_id"));
      Assertions.assertNull(previous, table + ": a second row for " + r.getAs("id"));
    }
    return byId;
  }

  private Map<String, Long> lossRowsPerPair() {
    Map<String, Long> count = new HashMap<>();
    spark().read().parquet(dir.resolve("out/losses").toString()).collectAsList()
        .forEach(r -> count.merge(r.getAs("id"), 1L, Long::sum));
    return count;
  }

  private List<Path> files(String table) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("out/" + table))) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  @Test
  void aRerunAppendsWhatItMadeAndRetiresOnlyTheFilesHoldingWhatItReplaced() throws IOException {
    open();
    append("run-1", List.of(outcome("a", 1), outcome("b", 1), outcome("c", 1)));
    commit.retire(manifest("a", "b", "c"));
    List<Path> first = files("results");
    append("run-2", List.of(outcome("b", 2)));
    Assertions.assertTrue(files("results").containsAll(first), "appending never replaces a file");
    commit.retire(manifest("a", "b", "c"));
    assertEquals(Map.of("a", "run-1", "b", "run-2", "c", "run-1"), runs("results"));
    Dataset<Row> table = spark().read().parquet(layout.results());
    assertDataFrameNoOrderEquals(spark().createDataFrame(List.of(RunTables.resultRow(outcome("a", 1), "run-1"),
        RunTables.resultRow(outcome("b", 2), "run-2"), RunTables.resultRow(outcome("c", 1), "run-1")), table.schema()),
        table);
    assertEquals(Map.of("a", 2L, "b", 2L, "c", 2L), lossRowsPerPair(), "one loss log per pair");
    Assertions.assertFalse(files("results").stream().anyMatch(first::contains), "the file holding b's old row is retired");

    // A rerun with nothing new leaves every file as it is.
    List<Path> settled = files("results");
    commit.retire(manifest("a", "b", "c"));
    assertEquals(settled, files("results"));

    // A pair leaves the manifest: its rows go.
    commit.retire(manifest("a", "c"));
    assertEquals(Map.of("a", "run-1", "c", "run-1"), runs("results"));
    assertEquals(Map.of("a", 2L, "c", 2L), lossRowsPerPair());
  }

  @Test
  void duplicatesAndUnreadableFilesLeftByACrashAreSettled() throws IOException {
    open();
    append("run-1", List.of(outcome("a", 1), outcome("b", 1)));
    // A crash after the append, before the retirement: b has two rows, and a copy of a run's file is left twice.
    append("run-2", List.of(outcome("b", 2)));
    Path copy = dir.resolve("out/results/part-99999-copy.snappy.parquet");
    Files.copy(files("results").get(0), copy);
    Path broken = Files.write(dir.resolve("out/losses/part-99998-broken.snappy.parquet"), new byte[] {1, 2, 3});
    Dataset<Row> current = RunTables.current(RunTables.read(spark(), new ObjectStore(new Configuration()),
        layout.results(), RunTables.RESULTS_SCHEMA));
    assertEquals(2, current.count(), "readers of the current view see one row per pair even now");
    commit.retire(manifest("a", "b"));
    assertEquals(Map.of("a", "run-1", "b", "run-2"), runs("results"));
    assertEquals(Map.of("a", 2L, "b", 2L), lossRowsPerPair());
    Assertions.assertFalse(Files.exists(broken), "an unreadable file is removed");
  }
}
