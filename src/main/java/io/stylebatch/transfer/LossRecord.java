package io.stylebatch.transfer;

import java.io.Serializable;

/** A loss-log row: the losses after {@code iteration} evaluations and the time since the start. */
public record LossRecord(int iteration, LossValues losses, long elapsedMs) implements Serializable {}
