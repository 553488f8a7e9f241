package io.stylebatch.transfer.objective;

import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.settings.TransferSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Gatys loss of one image at one size and its gradient with respect to the image, however it is
 * evaluated: on the whole image at once ({@link WholeImageObjective}) or tile by tile in bounded memory
 * ({@link TiledObjective}). Both give the same values to float precision.
 */
public interface ImageObjective extends AutoCloseable {
  /** The image {@code [1, 3, H, W]} (preprocessed BGR) that {@link #evaluate()} reads. */
  INDArray point();

  /** dTotal/dImage after the last {@link #evaluate()}. */
  INDArray gradient();

  /** Computes the losses at {@link #point()} and leaves the gradient in {@link #gradient()}. */
  LossValues evaluate();

  /** Takes the content-layer features of the image now in {@link #point()} as the content targets. */
  void captureContentTargets();

  @Override
  void close();

  /**
   * An objective for an {@code height x width} image.
   *
   * @param tileSize 0 to evaluate the whole image at once, otherwise the tile interior side in pixels
   */
  static ImageObjective create(Vgg19Weights weights, DataType type, int height, int width, TransferSettings settings,
      StyleTargets targets, int tileSize) {
    if (tileSize == 0) {
      return new WholeImageObjective(weights, type, height, width, settings, targets.grams());
    }
    TilePlan plan = TilePlan.of(height, width, tileSize, settings.deepestLayer());
    return new TiledObjective(weights, type, plan, settings, targets.grams());
  }
}
