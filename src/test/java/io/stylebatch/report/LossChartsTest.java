package io.stylebatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.transfer.LossRecord;
import io.stylebatch.transfer.objective.LossValues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossChartsTest {
  private static LossRecord row(int iteration, int scale) {
    return new LossRecord(iteration, iteration + 1, new LossValues(1, 2, 3, 100.0 / (iteration + 1)), iteration, scale);
  }

  @Test
  void scaleBoundariesAreTheFirstRowsOfLaterScales() {
    List<LossRecord> rows = new ArrayList<>();
    for (int[] r : new int[][] {{0, 128}, {5, 128}, {9, 128}, {10, 181}, {15, 181}, {19, 181}, {20, 256}, {29, 256}}) {
      rows.add(row(r[0], r[1]));
    }
    List<LossRecord> starts = LossCharts.scaleStarts(rows);
    assertEquals(List.of(10, 20), starts.stream().map(LossRecord::iteration).toList());
    assertEquals(List.of(181, 256), starts.stream().map(LossRecord::scale).toList());
    assertTrue(LossCharts.scaleStarts(rows.subList(0, 3)).isEmpty(), "one scale: no boundary");
    byte[] png = LossCharts.pairChart(rows, 360, 200);
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart with markers");
  }

  @Test
  void aSingleLoggedIterateStillMakesCharts() {
    LossRecord start = new LossRecord(0, 1, new LossValues(1, 1, 1, 2.986503950673579E7), 0, 16);
    LossRecord same = new LossRecord(1, 2, new LossValues(1, 1, 1, 2.986503950673579E7), 3, 16);
    byte[] pair = LossCharts.pairChart(List.of(start, same), 360, 200);
    byte[] band = LossCharts.bandChart(List.<double[]>of(new double[] {0, 3e7, 3e7, 3e7}, new double[] {1, 3e7, 3e7, 3e7}), 900,
        320);
    for (byte[] png : List.of(pair, band)) {
      assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart");
    }
  }

  @Test
  void theIterationColumnNamesTheScalesOfACoarseToFineRun() {
    var multi = new io.stylebatch.output.PairOutcome("p", "c", "s", "o", "SUCCEEDED", null, 60, 70, 1.0, 1.0, 1.0, 1.0,
        5, 4L, "1", 0, new io.stylebatch.output.Provenance("f", "w", "c1", "s1"), 9L, "sha", List.of(128, 181, 256), List.of());
    assertEquals("60 (128 → 181 → 256 px)", RunReport.iterations(multi));
    var single = new io.stylebatch.output.PairOutcome("p", "c", "s", "o", "SUCCEEDED", null, 60, 70, 1.0, 1.0, 1.0,
        1.0, 5, 4L, "1", 0, new io.stylebatch.output.Provenance("f", "w", "c1", "s1"), 9L, "sha", List.of(256), List.of());
    assertEquals("60", RunReport.iterations(single));
  }
}
