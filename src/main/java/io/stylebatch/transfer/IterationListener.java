package io.stylebatch.transfer;

/** Called at every accepted iterate (iteration 0 = the start) with its losses; may throw to abort the run. */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = record -> {};

  void onIteration(LossRecord record);
}
