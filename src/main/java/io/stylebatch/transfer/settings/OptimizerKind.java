package io.stylebatch.transfer.settings;

/** Optimizers over the output pixels. L-BFGS is what the reference implementations use. */
public enum OptimizerKind {
  LBFGS, ADAM
}
