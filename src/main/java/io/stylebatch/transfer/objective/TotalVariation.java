package io.stylebatch.transfer.objective;

import io.stylebatch.transfer.optim.DirectVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The total-variation term: the sum of squared differences between vertically and horizontally
 * neighbouring pixels. It is local and cheap, so both the whole-image and the tiled objective evaluate it
 * on the whole image. One Java pass over the image's memory: as a chain of ND4J ops on strided views it
 * took 4 ms at 128 px, 3 % of an evaluation.
 */
final class TotalVariation {
  private final INDArray image;
  private final INDArray gradient;
  private final int channels;
  private final int height;
  private final int width;

  /** @param image and {@code gradient}: contiguous {@code [1, 3, H, W]} */
  TotalVariation(INDArray image, INDArray gradient) {
    this.image = image;
    this.gradient = gradient;
    this.channels = (int) image.size(1);
    this.height = (int) image.size(2);
    this.width = (int) image.size(3);
  }

  /** Returns the (unweighted) TV of the image and adds {@code weight} times its gradient to the gradient buffer. */
  double addGradient(double weight) {
    DirectVector image = DirectVector.of(this.image);
    DirectVector gradient = DirectVector.of(this.gradient);
    double tv = 0;
    double k = 2.0 * weight;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        int row = (c * height + y) * width;
        for (int x = 0; x < width; x++) {
          int i = row + x;
          double v = image.get(i);
          double g = 0;
          if (y + 1 < height) {
            double d = image.get(i + width) - v;
            tv += d * d;
            g -= k * d;
            gradient.set(i + width, gradient.get(i + width) + k * d);
          }
          if (x + 1 < width) {
            double d = image.get(i + 1) - v;
            tv += d * d;
            g -= k * d;
            gradient.set(i + 1, gradient.get(i + 1) + k * d);
          }
          gradient.set(i, gradient.get(i) + g);
        }
      }
    }
    DirectVector.written(this.gradient);
    return tv;
  }
}
