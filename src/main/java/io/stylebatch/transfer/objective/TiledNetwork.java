package io.stylebatch.transfer.objective;

import io.stylebatch.model.FeatureArena;
import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * VGG19 over a whole image evaluated one {@link TilePlan} tile at a time: one network per window shape,
 * all sharing the memory of the largest window, and for every tile the views that move data between the
 * image-sized arrays and that tile's window and interior features. Everything is bound once; a tile pass
 * allocates nothing.
 */
final class TiledNetwork implements AutoCloseable {
  private final TilePlan plan;
  private final FeatureArena arena = new FeatureArena();
  private final List<TileViews> tiles = new ArrayList<>();
  private final Map<Vgg19Layer, long[]> featureShapes = new EnumMap<>(Vgg19Layer.class);

  /** A tile's network, its window of the image (and of the gradient), and its views per loss layer. */
  record TileViews(TilePlan.Tile tile, Vgg19Network network, INDArray imageWindow, INDArray gradientWindow,
      Map<Vgg19Layer, LayerViews> layers) {}

  /**
   * One loss layer of one tile: the interior of its features and (with gradients) of its loss gradient,
   * both views into the network, and contiguous {@code [1, h, w, C]} arrays of the interior's size with
   * {@code [h*w, C]} matrix views: a copy of the features and (with gradients) a scratch array.
   */
  record LayerViews(INDArray features, INDArray lossGradient, INDArray copy, INDArray copyMatrix, INDArray scratch,
      INDArray scratchMatrix) {}

  /**
   * @param image the whole image {@code [1, 3, H, W]}; windows are copied from it
   * @param gradient the whole image's gradient (null without gradients); tiles add their windows' into it
   * @param layers the loss layers whose interiors are read and (with gradients) written
   */
  TiledNetwork(Vgg19Weights weights, DataType type, TilePlan plan, PoolingMode pooling, Set<Vgg19Layer> layers,
      boolean withGradients, INDArray image, INDArray gradient) {
    this.plan = plan;
    Map<Long, Vgg19Network> byShape = new HashMap<>();
    List<TilePlan.Tile> largestFirst = new ArrayList<>(plan.tiles());
    largestFirst.sort(Comparator.comparingLong(t -> -(long) t.windowHeight() * t.windowWidth()));
    for (TilePlan.Tile t : largestFirst) {
      byShape.computeIfAbsent(((long) t.windowHeight() << 32) | t.windowWidth(), k -> new Vgg19Network(weights,
          type, t.windowHeight(), t.windowWidth(), pooling, layers, withGradients, arena));
    }
    for (Vgg19Layer layer : layers) {
      int scale = 1 << (layer.block() - 1);
      long channels = byShape.values().iterator().next().activation(layer).size(3);
      featureShapes.put(layer, new long[] {1, plan.height() / scale, plan.width() / scale, channels});
      long largest = 0;
      for (TilePlan.Tile t : plan.tiles()) {
        int[] rows = TilePlan.featureRange(t.top(), t.bottom(), plan.height(), scale);
        int[] cols = TilePlan.featureRange(t.left(), t.right(), plan.width(), scale);
        largest = Math.max(largest, (long) (rows[1] - rows[0]) * (cols[1] - cols[0]));
      }
      arena.array("interiorCopy" + layer, type, channels * largest);
      if (withGradients) {
        arena.array("interiorScratch" + layer, type, channels * largest);
      }
    }
    for (TilePlan.Tile t : plan.tiles()) {
      Vgg19Network net = byShape.get(((long) t.windowHeight() << 32) | t.windowWidth());
      Map<Vgg19Layer, LayerViews> views = new EnumMap<>(Vgg19Layer.class);
      for (Vgg19Layer layer : layers) {
        int scale = 1 << (layer.block() - 1);
        int[] rows = TilePlan.featureRange(t.top(), t.bottom(), plan.height(), scale);
        int[] cols = TilePlan.featureRange(t.left(), t.right(), plan.width(), scale);
        INDArrayIndex r = NDArrayIndex.interval(rows[0] - t.windowTop() / scale, rows[1] - t.windowTop() / scale);
        INDArrayIndex c = NDArrayIndex.interval(cols[0] - t.windowLeft() / scale, cols[1] - t.windowLeft() / scale);
        long channels = net.activation(layer).size(3);
        INDArray copy = arena.array("interiorCopy" + layer, type, 1, rows[1] - rows[0], cols[1] - cols[0], channels);
        INDArray scratch = withGradients ? arena.array("interiorScratch" + layer, type, copy.shape()) : null;
        views.put(layer, new LayerViews(featureWindow(net.activation(layer), r, c),
            withGradients ? featureWindow(net.lossGradient(layer), r, c) : null, copy,
            Vgg19Network.featureMatrix(copy), scratch, scratch == null ? null : Vgg19Network.featureMatrix(scratch)));
      }
      INDArrayIndex r = NDArrayIndex.interval(t.windowTop(), t.windowBottom());
      INDArrayIndex c = NDArrayIndex.interval(t.windowLeft(), t.windowRight());
      tiles.add(new TileViews(t, net, window(image, r, c), gradient == null ? null : window(gradient, r, c), views));
    }
  }

  /** A window of an image {@code [1, 3, H, W]}. */
  private static INDArray window(INDArray a, INDArrayIndex rows, INDArrayIndex columns) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.all(), rows, columns);
  }

  /** A window of channels-last features {@code [1, h, w, C]}. */
  private static INDArray featureWindow(INDArray a, INDArrayIndex rows, INDArrayIndex columns) {
    return a.get(NDArrayIndex.all(), rows, columns, NDArrayIndex.all());
  }

  /** The interior of {@code tile} in {@code full}, an array {@code [1, h, w, C]} of {@code layer} over the image. */
  INDArray interiorOf(TileViews tile, INDArray full, Vgg19Layer layer) {
    int scale = 1 << (layer.block() - 1);
    TilePlan.Tile t = tile.tile();
    int[] rows = TilePlan.featureRange(t.top(), t.bottom(), plan.height(), scale);
    int[] cols = TilePlan.featureRange(t.left(), t.right(), plan.width(), scale);
    return featureWindow(full, NDArrayIndex.interval(rows[0], rows[1]), NDArrayIndex.interval(cols[0], cols[1]));
  }

  TilePlan plan() {
    return plan;
  }

  List<TileViews> tiles() {
    return tiles;
  }

  /** {@code [1, h, w, C]} of {@code layer} over the whole image. */
  long[] featureShape(Vgg19Layer layer) {
    return featureShapes.get(layer).clone();
  }

  /** Copies the tile's window from the image and runs its network forward. */
  void forward(TileViews tile) {
    tile.network().input().assign(tile.imageWindow());
    tile.network().forward();
  }

  /**
   * Copies the tile's interior features of {@code layer} into {@code interiorCopy} and returns it as a
   * {@code [h*w, C]} matrix.
   */
  INDArray copyInterior(TileViews tile, Vgg19Layer layer) {
    LayerViews v = tile.layers().get(layer);
    v.copy().assign(v.features());
    return v.copyMatrix();
  }

  /**
   * Gram matrices of the whole image, one forward pass per tile: {@code grams.get(layer) = alpha * F^T F}
   * summed over tile interiors, with {@code alpha} per layer (1 / (C*H*W) gives the Gatys Gram).
   * Returns the last tile processed, whose network still holds its forward pass.
   */
  TileViews accumulateGrams(Map<Vgg19Layer, INDArray> grams, Map<Vgg19Layer, Double> alpha) {
    TileViews last = null;
    for (TileViews tile : tiles) {
      forward(tile);
      for (Map.Entry<Vgg19Layer, INDArray> e : grams.entrySet()) {
        INDArray f = copyInterior(tile, e.getKey());
        Nd4j.gemm(f, f, e.getValue(), true, false, alpha.get(e.getKey()), last == null ? 0.0 : 1.0);
      }
      last = tile;
    }
    return last;
  }

  @Override
  public void close() {
    for (TileViews t : tiles) {
      t.network().close();
    }
    arena.close();
  }
}
