package io.stylebatch.output;

import io.stylebatch.transfer.LossRecord;
import java.io.Serializable;
import java.util.List;

/**
 * What one pair produced: its {@code results/} row and its {@code losses/} rows. Built on an executor and
 * written as the pair's completion record. {@code iterations} is the accepted iterate the image shows,
 * {@code evaluations} the loss/gradient evaluations spent (the budget's unit); the final losses equal the last
 * loss-log row; {@code scales} the image sizes of a coarse-to-fine run (one entry for a single scale; null
 * when failed). {@code imageBytes} and {@code imageSha256} describe the image exactly as written, so a rerun
 * can tell a complete image from a damaged one.
 */
public record PairOutcome(String id, String contentUri, String styleUri, String outputUri, String status,
    String error, Integer iterations, Integer evaluations, Double contentLoss, Double styleLoss, Double tvLoss,
    Double totalLoss, long durationMs, Long optimizationMs, String executorId, int attempt, Provenance provenance,
    Long imageBytes, String imageSha256, List<Integer> scales, List<LossRecord> losses)
    implements Serializable {
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public boolean succeeded() {
    return SUCCEEDED.equals(status);
  }
}
