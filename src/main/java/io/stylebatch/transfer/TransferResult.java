package io.stylebatch.transfer;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Outcome of one optimization: the stylized image, the accepted iterations and the evaluations it took, the
 * final losses (of the point the image shows, equal to the last loss-log row) and the loss log of accepted
 * iterates sampled every {@code log-interval} iterations, first and last (of each scale) included, and the
 * sizes of the scales it went through.
 */
public record TransferResult(BufferedImage image, int iterations, int evaluations, LossValues finalLosses,
    List<LossRecord> lossLog, long durationMs, List<Integer> scales) {
  public TransferResult {
    lossLog = List.copyOf(lossLog);
    scales = List.copyOf(scales);
  }
}
