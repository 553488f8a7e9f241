package io.stylebatch.transfer.objective;

import io.stylebatch.model.Vgg19Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * How an image is cut into tiles whose features equal those of the whole image. Tile interiors partition
 * the image on a grid aligned to the network's total pooling stride, so each layer's feature map is
 * partitioned too; each tile is evaluated on a window that adds a halo around its interior, as wide as
 * the distance over which the window's artificial border (zero padding where the image goes on) can change
 * features of the deepest layer. Windows are clipped at the image border, where the padding is the whole
 * image's own. A last band narrower than the stride is merged into the one before it.
 *
 * @param tiles in row-major order
 */
public record TilePlan(int height, int width, int stride, int halo, List<Tile> tiles) {

  /**
   * One tile: interior rows {@code [top, bottom)} and columns {@code [left, right)}, evaluated on the
   * window {@code [windowTop, windowBottom) x [windowLeft, windowRight)}.
   */
  public record Tile(int top, int bottom, int left, int right, int windowTop, int windowBottom, int windowLeft,
      int windowRight) {
    public int windowHeight() {
      return windowBottom - windowTop;
    }

    public int windowWidth() {
      return windowRight - windowLeft;
    }
  }

  /**
   * @param tileSize interior side in pixels, rounded up to a multiple of the stride
   * @param deepest the deepest layer whose features must be exact
   */
  public static TilePlan of(int height, int width, int tileSize, Vgg19Layer deepest) {
    return of(height, width, tileSize, deepest, halo(deepest));
  }

  /** A plan with a given halo; anything less than {@link #halo(Vgg19Layer)} gives wrong features (for tests). */
  static TilePlan of(int height, int width, int tileSize, Vgg19Layer deepest, int halo) {
    if (tileSize < 1) {
      throw new IllegalArgumentException("tile size must be positive, got " + tileSize);
    }
    int stride = stride(deepest);
    int tile = (tileSize + stride - 1) / stride * stride;
    List<int[]> rows = bands(height, tile, stride);
    List<int[]> columns = bands(width, tile, stride);
    List<Tile> tiles = new ArrayList<>();
    for (int[] r : rows) {
      for (int[] c : columns) {
        tiles.add(new Tile(r[0], r[1], c[0], c[1], Math.max(0, r[0] - halo), Math.min(height, r[1] + halo),
            Math.max(0, c[0] - halo), Math.min(width, c[1] + halo)));
      }
    }
    return new TilePlan(height, width, stride, halo, List.copyOf(tiles));
  }

  /**
   * The cost of one tiled evaluation relative to a whole-image one: the first pass runs every window
   * forward; the second runs every window but the last forward again, and every window backward, which
   * costs about 1.5 forward passes (measured with the benchmark). 1 for a single tile.
   */
  public double relativeCost() {
    double backward = 1.5;
    double windows = 0;
    for (Tile t : tiles) {
      windows += (double) t.windowHeight() * t.windowWidth();
    }
    Tile last = tiles.get(tiles.size() - 1);
    double tiled = windows * (2 + backward) - (double) last.windowHeight() * last.windowWidth();
    return tiled / ((double) height * width * (1 + backward));
  }

  /** 2^(number of poolings before {@code deepest}): the grid every tile boundary is aligned to. */
  public static int stride(Vgg19Layer deepest) {
    return 1 << (deepest.block() - 1);
  }

  /**
   * How far (in input pixels, rounded up to the stride) a window's zero-padded border reaches into the
   * features of {@code deepest}: one cell per 3x3 convolution at the current resolution, halved (rounding
   * up) by each 2x2 pooling. 80 px for relu5_1.
   */
  public static int halo(Vgg19Layer deepest) {
    int cells = 0;
    int scale = 1;
    for (Vgg19Layer layer : Vgg19Layer.values()) {
      if (layer.ordinal() > deepest.ordinal()) {
        break;
      }
      if (layer.followsPooling()) {
        cells = (cells + 1) / 2;
        scale *= 2;
      }
      cells++;
    }
    int stride = stride(deepest);
    return (cells * scale + stride - 1) / stride * stride;
  }

  /** Feature rows (or columns) {@code [start, end)} of interior band {@code [from, to)} at pooling scale {@code scale}. */
  static int[] featureRange(int from, int to, int imageExtent, int scale) {
    return new int[] {from / scale, to == imageExtent ? imageExtent / scale : to / scale};
  }

  private static List<int[]> bands(int extent, int tile, int stride) {
    List<int[]> bands = new ArrayList<>();
    for (int start = 0; start < extent; start += tile) {
      int end = Math.min(extent, start + tile);
      if (end - start < stride && !bands.isEmpty()) {
        bands.get(bands.size() - 1)[1] = end;
      } else {
        bands.add(new int[] {start, end});
      }
    }
    return bands;
  }
}
