package io.stylebatch.transfer.objective;

import java.io.Serializable;

/**
 * One evaluation's losses as the README defines them: unweighted content and (layer-weighted)
 * style and TV losses, and the weighted total that is optimized.
 */
public record LossValues(double content, double style, double tv, double total) implements Serializable {
  public boolean isFinite() {
    return Double.isFinite(content) && Double.isFinite(style) && Double.isFinite(tv) && Double.isFinite(total);
  }
}
