package io.stylebatch.transfer;

import io.stylebatch.image.RgbImage;
import io.stylebatch.transfer.objective.LossValues;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Outcome of one optimization: the stylized image, the accepted iterations and the evaluations it took, the
 * final losses (of the point the image shows, equal to the last loss-log row) and the loss log of accepted
 * iterates sampled every {@code log-interval} iterations, first and last (of each scale) included, and the
 * sizes of the scales it went through. The image is kept at the optimizer's precision ({@link RgbImage}); 8-bit
 * and 16-bit outputs are made from it.
 */
public record TransferResult(RgbImage pixels, int iterations, int evaluations, LossValues finalLosses,
    List<LossRecord> lossLog, long durationMs, List<Integer> scales) {
  public TransferResult {
    lossLog = List.copyOf(lossLog);
    scales = List.copyOf(scales);
  }

  /** The image at 8 bits per channel. */
  public BufferedImage image() {
    return pixels.to8Bit();
  }
}
