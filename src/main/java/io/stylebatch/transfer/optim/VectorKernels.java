package io.stylebatch.transfer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dot products and linear combinations of L-BFGS's two-loop recursion, done where they are cheapest for
 * the vectors' length. L-BFGS makes about 45 of these calls per iteration. On short vectors the cost of a
 * call is its latency: right after a network pass a BLAS level-1 call or an ND4J op took 0.1-1.7 ms on
 * 49,152 floats (128 px), while a Java loop over the memory takes about 0.1 ms. On long vectors it is the
 * arithmetic: timed alone, BLAS (vectorized, multithreaded) does a pass over 786,432 floats (512 px) 10-18
 * times faster than the single-threaded Java loop.
 */
enum VectorKernels {
  /** Java loops over the arrays' memory ({@link DirectVector}); sums in double. */
  JAVA {
    @Override
    double dot(INDArray a, INDArray b) {
      return DirectVector.dot(a, b);
    }

    @Override
    double sumOfAbsolutes(INDArray a) {
      return DirectVector.sumOfAbsolutes(a);
    }

    @Override
    void linear(INDArray out, double a, INDArray x, double b, INDArray y) {
      DirectVector.linear(out, a, x, b, y);
    }
  },

  /** BLAS level 1 and ND4J ops. */
  NATIVE {
    @Override
    double dot(INDArray a, INDArray b) {
      return Nd4j.getBlasWrapper().level1().dot(a.length(), 1.0, a, b);
    }

    @Override
    double sumOfAbsolutes(INDArray a) {
      return a.norm1Number().doubleValue();
    }

    @Override
    void linear(INDArray out, double a, INDArray x, double b, INDArray y) {
      if (y == null || b == 0) {
        scaled(out, a, x);
      } else if (out == y && out != x) {
        scaled(out, b, y);
        Nd4j.getBlasWrapper().level1().axpy(out.length(), a, x, out);
      } else {
        scaled(out, a, x);
        Nd4j.getBlasWrapper().level1().axpy(out.length(), b, y, out);
      }
    }

    /** {@code out = factor * source}. */
    private void scaled(INDArray out, double factor, INDArray source) {
      if (out != source) {
        out.assign(source);
      }
      if (factor != 1) {
        out.muli(factor);
      }
    }
  };

  /**
   * Vectors of at least this many elements (a 320 px square image) use {@link #NATIVE}. The engine benchmark
   * (L-BFGS) with the Java loops against the native calls: 128 px 63 against 70-100 ms per evaluation,
   * 256 px 237-240 against 242-250 ms, 384 px 523-599 against 500-503 ms, 512 px 964-974 against 896-904 ms.
   */
  static final long NATIVE_FROM_LENGTH = 3L * 320 * 320;

  static VectorKernels forLength(long length) {
    return length >= NATIVE_FROM_LENGTH ? NATIVE : JAVA;
  }

  abstract double dot(INDArray a, INDArray b);

  abstract double sumOfAbsolutes(INDArray a);

  /** {@code out = a * x + b * y}; {@code out} may be {@code x} or {@code y}; {@code y} may be null. */
  abstract void linear(INDArray out, double a, INDArray x, double b, INDArray y);
}
