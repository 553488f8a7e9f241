package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressEstimateTest {
  @Test
  void theEtaFollowsTheEvaluationRate() {
    ProgressEstimate e = new ProgressEstimate(250, 1000, 1, 0, 4, 60);
    assertEquals(0.25, e.fraction());
    assertEquals(180, e.secondsLeft(), 1e-9, "a quarter in a minute: three minutes left");
    assertEquals("25% (250/1000 evaluations), 1/4 pairs done, 0 failed, ETA 3 min", e.describe());
  }

  @Test
  void nothingDoneYetHasNoEtaAndDoneHasNone() {
    assertTrue(new ProgressEstimate(0, 1000, 0, 0, 4, 5).describe().endsWith("ETA unknown (no evaluation finished yet)"));
    assertEquals(0, new ProgressEstimate(1000, 1000, 3, 1, 4, 100).secondsLeft());
  }
}
