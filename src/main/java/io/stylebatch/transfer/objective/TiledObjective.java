package io.stylebatch.transfer.objective;

import io.stylebatch.model.NativeBuffers;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.optim.DirectVector;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same {@link GatysLoss} as {@link GatysObjective} — same loss, same gradient, to float precision — evaluated
 * tile by tile, so memory grows with the tile window, not with the image. Gram matrices are global: a
 * first pass accumulates them over all tile interiors; a second pass (in reverse order, so the last tile
 * of the first pass is not run again) recomputes each tile, writes dLoss/dFeatures on its interior only —
 * content from the tile, style from the global Gram — and back-propagates, adding each window's input
 * gradient into the image's. The windows' halos make interior features, and so this sum, exact.
 */
final class TiledObjective implements ImageObjective {
  private final NativeBuffers buffers = new NativeBuffers();
  private final INDArray image;
  private final INDArray gradient;
  private final TiledNetwork tiles;
  private final TotalVariation totalVariation;
  private final GatysLoss loss;
  private final Set<Vgg19Layer> contentLayers;
  private final Map<Vgg19Layer, INDArray> contentTargets = new EnumMap<>(Vgg19Layer.class);
  private final Map<Vgg19Layer, INDArray> gramTargets = new EnumMap<>(Vgg19Layer.class);
  private final Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
  private final Map<Vgg19Layer, Double> gramScale = new EnumMap<>(Vgg19Layer.class);
  private final Map<Vgg19Layer, Double> styleLayerWeight = new EnumMap<>(Vgg19Layer.class);

  /** Content targets are taken from the image by {@link #captureContentTargets()}. */
  TiledObjective(Vgg19Weights weights, DataType type, TilePlan plan, TransferSettings settings,
      Map<Vgg19Layer, INDArray> gramTargets) {
    loss = new GatysLoss(settings);
    contentLayers = new LinkedHashSet<>(settings.get(TransferSetting.CONTENT_LAYERS));
    Set<Vgg19Layer> layers = new LinkedHashSet<>(contentLayers);
    List<Vgg19Layer> styleLayers = settings.get(TransferSetting.STYLE_LAYERS);
    layers.addAll(styleLayers);
    image = buffers.create(type, 1, 3, plan.height(), plan.width());
    gradient = buffers.create(type, 1, 3, plan.height(), plan.width());
    tiles = new TiledNetwork(weights, type, plan, settings.get(TransferSetting.POOLING), layers, true, image, gradient);
    totalVariation = new TotalVariation(image, gradient);
    for (Vgg19Layer layer : contentLayers) {
      contentTargets.put(layer, buffers.create(type, tiles.featureShape(layer)));
    }
    for (int i = 0; i < styleLayers.size(); i++) {
      Vgg19Layer layer = styleLayers.get(i);
      styleLayerWeight.merge(layer, settings.styleLayerWeights().get(i), Double::sum);
      long[] shape = tiles.featureShape(layer);
      INDArray target = gramTargets.get(layer);
      if (target == null || target.size(0) != shape[3] || target.size(1) != shape[3]) {
        throw new IllegalArgumentException("style target for " + layer.featureName() + " is missing or has "
            + "the wrong shape");
      }
      this.gramTargets.put(layer, target.dataType() == type ? target : buffers.own(target.castTo(type)));
      grams.put(layer, buffers.create(type, shape[3], shape[3]));
      gramScale.put(layer, loss.gramScale(shape[1] * shape[2] * shape[3]));
    }
  }

  @Override
  public INDArray point() {
    return image;
  }

  @Override
  public INDArray gradient() {
    return gradient;
  }

  @Override
  public void captureContentTargets() {
    for (TiledNetwork.TileViews tile : tiles.tiles()) {
      tiles.forward(tile);
      for (Vgg19Layer layer : contentLayers) {
        tiles.interiorOf(tile, contentTargets.get(layer), layer).assign(tile.layers().get(layer).features());
      }
    }
  }

  @Override
  public LossValues evaluate() {
    gradient.assign(0);
    TiledNetwork.TileViews forwarded = grams.isEmpty() ? null : tiles.accumulateGrams(grams, gramScale);
    double style = 0;
    for (Map.Entry<Vgg19Layer, INDArray> e : grams.entrySet()) {
      INDArray diff = e.getValue();
      style += loss.style(styleLayerWeight.get(e.getKey()),
          DirectVector.subtractAndSumSquares(diff, gramTargets.get(e.getKey())), diff.size(0));
    }
    double content = 0;
    List<TiledNetwork.TileViews> all = tiles.tiles();
    for (int i = all.size() - 1; i >= 0; i--) {
      TiledNetwork.TileViews tile = all.get(i);
      if (tile != forwarded) {
        tiles.forward(tile);
      }
      forwarded = null;
      content += writeLossGradients(tile);
      tile.network().backward();
      tile.gradientWindow().addi(tile.network().inputGradient());
    }
    double tv = totalVariation.addGradient(loss.tvWeight());
    return loss.total(content, style, tv);
  }

  /** Writes dLoss/dFeatures of the tile's interior into its network; returns the tile's content loss share. */
  private double writeLossGradients(TiledNetwork.TileViews tile) {
    double content = 0;
    for (Map.Entry<Vgg19Layer, TiledNetwork.LayerViews> e : tile.layers().entrySet()) {
      Vgg19Layer layer = e.getKey();
      TiledNetwork.LayerViews v = e.getValue();
      tile.network().lossGradient(layer).assign(0);
      INDArray features = tiles.copyInterior(tile, layer);
      if (contentLayers.contains(layer)) {
        double n = contentTargets.get(layer).length();
        v.copy().sub(tiles.interiorOf(tile, contentTargets.get(layer), layer), v.scratch());
        content += loss.content(DirectVector.sumOfSquares(v.scratch()), n);
        v.lossGradient().addi(v.scratch().muli(loss.contentGradientScale(n)));
      }
      INDArray diff = grams.get(layer);
      if (diff != null) {
        double n = 1.0 / gramScale.get(layer);
        Nd4j.gemm(features, diff, v.scratchMatrix(), false, false,
            loss.styleGradientScale(styleLayerWeight.get(layer), diff.size(0), n), 0.0);
        v.lossGradient().addi(v.scratch());
      }
    }
    return content;
  }

  @Override
  public void close() {
    tiles.close();
    buffers.close();
  }
}
