package io.stylebatch.model;

/** Pooling between VGG blocks. Gatys et al. found average pooling gives slightly smoother results. */
public enum PoolingMode {
  MAX, AVG
}
