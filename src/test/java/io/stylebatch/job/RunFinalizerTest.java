package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.output.RunTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class RunFinalizerTest extends SparkTestBase {
  /** The losses table is ordered on the driver; the order must be the one Spark's orderBy gave it. */
  @Test
  void lossRowsAreOrderedAsSparkOrdersThem() {
    List<Row> rows = new ArrayList<>();
    String[] ids = {"b", "a", "Z", "é", "\uE000", "\uD83D\uDE00", "a-1", "A"};
    for (String id : ids) {
      for (int iteration : new int[] {3, 1, 2}) {
        rows.add(RowFactory.create(id, iteration, iteration, 1.0, 2.0, 3.0, 6.0, 10L, 0));
      }
    }
    List<Row> expected = spark().createDataFrame(rows, RunTables.LOSSES_SCHEMA).orderBy("id", "iteration")
        .collectAsList();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(RunFinalizer.LOSS_ORDER);
    assertEquals(expected.stream().map(r -> r.getString(0) + "#" + r.getInt(1)).toList(),
        sorted.stream().map(r -> r.getString(0) + "#" + r.getInt(1)).toList());
  }
}
