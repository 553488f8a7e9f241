package io.stylebatch.transfer;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Outcome of one optimization: the stylized image, how many iterations ran, the final losses (of the
 * point the image shows) and the loss log sampled every {@code log-interval} iterations.
 */
public record TransferResult(BufferedImage image, int iterations, LossValues finalLosses, List<LossRecord> lossLog,
    long durationMs) {
  public TransferResult {
    lossLog = List.copyOf(lossLog);
  }
}
