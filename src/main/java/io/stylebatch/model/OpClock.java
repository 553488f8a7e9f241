package io.stylebatch.model;

/**
 * Receives the time of every network op while a profile is taken ({@link Vgg19Network#time}): which layer,
 * which libnd4j op, how long. Ops run synchronously on the CPU backend, so the wall time around each call
 * is the op's own time.
 */
@FunctionalInterface
public interface OpClock {
  void record(Vgg19Layer layer, String op, long nanos);
}
