package io.stylebatch.transfer.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** f(x) = sum_i d_i (x_i - c_i)^2 / 2: gradient d (x - c), minimum at c. */
public final class QuadraticObjective implements Objective {
  final double[] d;
  final double[] c;
  final INDArray x;
  final INDArray g;
  int evaluations;

  public QuadraticObjective(DataType type, double[] d, double[] c, double[] start) {
    this.d = d;
    this.c = c;
    x = Nd4j.create(start, new long[] {start.length}, 'c').castTo(type);
    g = Nd4j.create(type, start.length);
  }

  @Override
  public INDArray point() {
    return x;
  }

  @Override
  public INDArray gradient() {
    return g;
  }

  @Override
  public double evaluate() {
    evaluations++;
    double f = 0;
    for (int i = 0; i < d.length; i++) {
      double r = x.getDouble(i) - c[i];
      f += d[i] * r * r / 2;
      g.putScalar(i, d[i] * r);
    }
    return f;
  }

  @Override
  public void accepted() {}
}
