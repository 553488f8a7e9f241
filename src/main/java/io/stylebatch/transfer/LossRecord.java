package io.stylebatch.transfer;

import io.stylebatch.transfer.objective.LossValues;
import java.io.Serializable;

/**
 * A loss-log row: an accepted iterate of the optimizer ({@code iteration} 0 is the starting image), the
 * loss/gradient evaluations spent up to it (line-search trials included), its losses and the time since
 * the start, and the scale (the image's longest side) it was evaluated at.
 */
public record LossRecord(int iteration, int evaluations, LossValues losses, long elapsedMs, int scale)
    implements Serializable {}
