package io.stylebatch.transfer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bicubic resampling of {@code [1, C, h, w]} float arrays (the optimized image and the optimizer's moments)
 * from one scale to the next, in full float precision: going through 8-bit images would quantize the
 * image and could not carry moments at all. Keys' cubic (a = -0.5), pixel centres aligned, edges clamped.
 */
final class Resampling {
  private static final double A = -0.5;

  private Resampling() {}

  /** Writes {@code source} resampled to {@code target}'s height and width into {@code target}, channel by channel. */
  static void bicubic(INDArray source, INDArray target) {
    int h = (int) source.size(2);
    int w = (int) source.size(3);
    int outH = (int) target.size(2);
    int outW = (int) target.size(3);
    Taps rows = new Taps(h, outH);
    Taps cols = new Taps(w, outW);
    for (int c = 0; c < source.size(1); c++) {
      float[] in;
      try (INDArray channel = source.get(NDArrayIndex.point(0), NDArrayIndex.point(c)).dup('c')) {
        in = channel.data().asFloat();
      }
      float[] across = new float[h * outW];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < outW; x++) {
          across[y * outW + x] = (float) cols.apply(in, y * w, 1, x);
        }
      }
      float[] out = new float[outH * outW];
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          out[y * outW + x] = (float) rows.apply(across, x, outW, y);
        }
      }
      try (INDArray channel = Nd4j.create(out, new long[] {outH, outW}, 'c')) {
        target.get(NDArrayIndex.point(0), NDArrayIndex.point(c)).assign(channel);
      }
    }
  }

  /** The four source indices and weights of every output position along one axis. */
  private static final class Taps {
    private final int[] index;
    private final double[] weight;

    Taps(int in, int out) {
      index = new int[out * 4];
      weight = new double[out * 4];
      double scale = (double) in / out;
      for (int o = 0; o < out; o++) {
        double centre = (o + 0.5) * scale - 0.5;
        int base = (int) Math.floor(centre);
        double t = centre - base;
        for (int k = 0; k < 4; k++) {
          index[o * 4 + k] = Math.min(in - 1, Math.max(0, base - 1 + k));
          weight[o * 4 + k] = cubic(Math.abs(t - (k - 1)));
        }
      }
    }

    double apply(float[] data, int offset, int step, int o) {
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        sum += weight[o * 4 + k] * data[offset + index[o * 4 + k] * step];
      }
      return sum;
    }

    private static double cubic(double d) {
      if (d <= 1) {
        return ((A + 2) * d - (A + 3)) * d * d + 1;
      }
      if (d < 2) {
        return ((A * d - 5 * A) * d + 8 * A) * d - 4 * A;
      }
      return 0;
    }
  }
}
