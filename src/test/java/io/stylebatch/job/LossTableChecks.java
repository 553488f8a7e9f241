package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every run's {@code losses/} must satisfy against its {@code results/}: per succeeded pair, the log
 * starts at iteration 0 (the starting image), iterations increase, evaluations never decrease and stay
 * within what results/ says was spent, the total loss never increases (L-BFGS accepts only descending points), and the last
 * row is the results row's final iterate and losses.
 */
final class LossTableChecks {
  private LossTableChecks() {}

  /** Checks the tables under {@code output} and returns the number of {@code losses/} rows. */
  static long assertHonestLbfgsLog(SparkSession spark, String output, int budget) {
    Map<String, List<Row>> byId = spark.read().parquet(output + "/losses").collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.getAs("id")));
    long rows = 0;
    for (Row result : spark.read().parquet(output + "/results").collectAsList()) {
      if (!"SUCCEEDED".equals(result.getAs("status"))) {
        continue;
      }
      String id = result.getAs("id");
      List<Row> log = new ArrayList<>(byId.getOrDefault(id, List.of()));
      log.sort(Comparator.comparingInt(r -> r.<Integer>getAs("iteration")));
      assertTrue(log.size() >= 2, id + ": start and end logged: " + log);
      assertEquals(0, (int) log.get(0).getAs("iteration"), id + ": iteration 0 is the starting image");
      for (int i = 1; i < log.size(); i++) {
        Row a = log.get(i - 1);
        Row b = log.get(i);
        assertTrue((int) b.getAs("evaluations") > (int) a.getAs("evaluations"), id + ": evaluations grow");
        assertTrue((double) b.getAs("total_loss") <= (double) a.getAs("total_loss"),
            id + ": total loss of accepted iterates never increases: " + a + " then " + b);
      }
      Row last = log.get(log.size() - 1);
      assertTrue((int) last.getAs("evaluations") <= budget, id + ": within the budget");
      assertEquals((int) result.getAs("iterations"), (int) last.getAs("iteration"), id + ": final iterate");
      assertTrue((int) last.getAs("evaluations") <= (int) result.getAs("evaluations"),
          id + ": results count every evaluation spent, rejected line-search trials included");
      for (String loss : List.of("content_loss", "style_loss", "tv_loss", "total_loss")) {
        assertEquals((double) result.getAs(loss), (double) last.getAs(loss), id + ": final " + loss);
      }
      rows += log.size();
    }
    return rows;
  }
}
