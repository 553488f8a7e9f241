package io.stylebatch.transfer.objective;

import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;

/**
 * The Gatys et al. loss, defined once: the weights of its terms, each term's normalization and the coefficient of
 * its gradient. The whole-image ({@link GatysObjective}) and tiled ({@link TiledObjective}) evaluations take every
 * number of the loss from here and differ only in where the features come from (one network, or tile interiors
 * with the Gram matrices summed in a first pass); they stay two drivers because the whole image fuses each term
 * into one pass over its features. {@code TiledObjectiveTest} holds them equal. A new term is a method here and
 * one call in each driver.
 *
 * <ul>
 *   <li>content: mean squared difference over the n = C*H*W features;
 *   <li>style, per layer: Gram = F^T F / n with F the {@code [H*W, C]} feature matrix, mean squared difference
 *       over the C*C entries, times the layer's weight;
 *   <li>TV: sum of squared differences between neighbouring pixels ({@link TotalVariation});
 *   <li>total = content_weight * content + style_weight * style + tv_weight * tv.
 * </ul>
 */
final class GatysLoss {
  private final double contentWeight;
  private final double styleWeight;
  private final double tvWeight;

  GatysLoss(TransferSettings settings) {
    contentWeight = settings.get(TransferSetting.CONTENT_WEIGHT);
    styleWeight = settings.get(TransferSetting.STYLE_WEIGHT);
    tvWeight = settings.get(TransferSetting.TV_WEIGHT);
  }

  /** A layer's content loss from the sum of squared differences of its {@code n} features. */
  double content(double sumOfSquares, double n) {
    return sumOfSquares / n;
  }

  /** dLoss/dF = this times (F - target). */
  double contentGradientScale(double n) {
    return 2.0 * contentWeight / n;
  }

  /** The factor of F^T F in a layer's Gram matrix. */
  double gramScale(double n) {
    return 1.0 / n;
  }

  /** A layer's style loss from the sum of squared differences between its Gram matrix and the target's. */
  double style(double layerWeight, double sumOfSquares, long channels) {
    double c2 = (double) channels * channels;
    return layerWeight * sumOfSquares / c2;
  }

  /** dLoss/dF = this times F (G - T). */
  double styleGradientScale(double layerWeight, long channels, double n) {
    double c2 = (double) channels * channels;
    return styleWeight * layerWeight * 4.0 / (c2 * n);
  }

  double tvWeight() {
    return tvWeight;
  }

  LossValues total(double content, double style, double tv) {
    return new LossValues(content, style, tv, contentWeight * content + styleWeight * style + tvWeight * tv);
  }
}
