package io.stylebatch.transfer;

/** Called after every iteration (objective evaluation) with its losses; may throw to abort the run. */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = record -> {};

  void onIteration(LossRecord record);
}
