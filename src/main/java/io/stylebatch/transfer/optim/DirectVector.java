package io.stylebatch.transfer.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A contiguous ND4J array's native memory read and written from Java, without copying. For the small,
 * many-step loss terms (total variation, sums of squares) and the optimizers' vector work a Java loop
 * costs microseconds where a chain of ND4J ops costs about 50 µs of overhead per op (and right after a
 * network pass 0.1-0.6 ms, a BLAS level-1 call 0.8-1.7 ms), and it sums in double:
 * libnd4j's float {@code norm2} loses about 1e-4 of a sum of a million squares.
 *
 * <p>{@link #of} brings the array's current values to host memory and {@link #written} marks the host copy
 * as the current one: no-ops on the CPU backend, the synchronization a device backend needs.
 */
public abstract sealed class DirectVector permits DirectVector.Floats, DirectVector.Doubles {
  public abstract int length();

  public abstract double get(int i);

  public abstract void set(int i, double value);

  /** The memory of {@code array}, which must be contiguous in C order (a whole buffer or a view of one). */
  public static DirectVector of(INDArray array) {
    if (!isContiguous(array)) {
      throw new IllegalArgumentException("array is not contiguous");
    }
    if (array.length() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array has more than 2^31 elements");
    }
    Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
    // A view's data buffer already starts at the view's offset (ND4J M2.1); DirectVectorTest checks it.
    int end = (int) array.length();
    if (array.dataType() == DataType.FLOAT) {
      FloatPointer p = new FloatPointer(array.data().addressPointer());
      return new Floats(p.capacity(end).limit(end).asBuffer());
    }
    if (array.dataType() == DataType.DOUBLE) {
      DoublePointer p = new DoublePointer(array.data().addressPointer());
      return new Doubles(p.capacity(end).limit(end).asBuffer());
    }
    throw new IllegalArgumentException("unsupported data type " + array.dataType());
  }

  /** Marks {@code array}'s host memory, written through {@link #of}, as its current values. */
  public static void written(INDArray array) {
    Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
  }

  private static boolean isContiguous(INDArray array) {
    long expected = 1;
    for (int d = array.rank() - 1; d >= 0; d--) {
      if (array.size(d) > 1 && array.stride(d) != expected) {
        return false;
      }
      expected *= array.size(d);
    }
    return true;
  }

  /** The sum of squares of a contiguous array, accumulated in double. */
  public static double sumOfSquares(INDArray array) {
    return dot(array, array);
  }

  /** The dot product of two contiguous arrays of one length, accumulated in double. */
  public static double dot(INDArray a, INDArray b) {
    DirectVector x = of(a);
    DirectVector y = sameLength(x, of(b));
    int n = x.length();
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += x.get(i) * y.get(i);
      s1 += x.get(i + 1) * y.get(i + 1);
    }
    if (i < n) {
      s0 += x.get(i) * y.get(i);
    }
    return s0 + s1;
  }

  /**
   * {@code a -= b} in place (the Gram matrix minus its target); returns the sum of squares of the difference
   * as stored, which is what the gradient's multiply then uses.
   */
  public static double subtractAndSumSquares(INDArray a, INDArray b) {
    DirectVector x = of(a);
    DirectVector y = sameLength(x, of(b));
    double sum = 0;
    for (int i = 0, n = x.length(); i < n; i++) {
      x.set(i, x.get(i) - y.get(i));
      double d = x.get(i);
      sum += d * d;
    }
    written(a);
    return sum;
  }

  /** The sum of absolute values (the 1-norm) of a contiguous array, accumulated in double. */
  public static double sumOfAbsolutes(INDArray array) {
    DirectVector v = of(array);
    double s = 0;
    for (int i = 0, n = v.length(); i < n; i++) {
      s += Math.abs(v.get(i));
    }
    return s;
  }

  /**
   * {@code out = a * x + b * y} element by element, computed in double and rounded once; {@code out} may be
   * {@code x} or {@code y}, and {@code y} may be null (then {@code b} is ignored).
   */
  public static void linear(INDArray out, double a, INDArray x, double b, INDArray y) {
    DirectVector o = of(out);
    DirectVector xv = sameLength(o, of(x));
    int n = o.length();
    if (y == null) {
      for (int i = 0; i < n; i++) {
        o.set(i, a * xv.get(i));
      }
    } else {
      DirectVector yv = sameLength(o, of(y));
      for (int i = 0; i < n; i++) {
        o.set(i, a * xv.get(i) + b * yv.get(i));
      }
    }
    written(out);
  }

  private static DirectVector sameLength(DirectVector expected, DirectVector v) {
    if (v.length() != expected.length()) {
      throw new IllegalArgumentException("lengths differ: " + expected.length() + " and " + v.length());
    }
    return v;
  }

  public static final class Floats extends DirectVector {
    private final FloatBuffer buffer;

    Floats(FloatBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int length() {
      return buffer.limit();
    }

    @Override
    public double get(int i) {
      return buffer.get(i);
    }

    @Override
    public void set(int i, double value) {
      buffer.put(i, (float) value);
    }
  }

  public static final class Doubles extends DirectVector {
    private final DoubleBuffer buffer;

    Doubles(DoubleBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int length() {
      return buffer.limit();
    }

    @Override
    public double get(int i) {
      return buffer.get(i);
    }

    @Override
    public void set(int i, double value) {
      buffer.put(i, value);
    }
  }
}
