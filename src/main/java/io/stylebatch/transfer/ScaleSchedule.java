package io.stylebatch.transfer;

import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes a coarse-to-fine optimization goes through and the evaluation budget of each: from
 * {@code scale-start}, growing by {@code scale-factor}, ending exactly at {@code image-size}. One scale when
 * multi-scale is off (or starts at the final size).
 */
public record ScaleSchedule(List<Scale> scales) {
  /** One scale: the image's longest side and the evaluations spent there. */
  public record Scale(int size, int evaluations) {}

  public ScaleSchedule {
    scales = List.copyOf(scales);
  }

  public static ScaleSchedule of(TransferSettings settings) {
    int last = settings.imageSize();
    int start = settings.get(TransferSetting.SCALE_START);
    int later = settings.iterations();
    if (start == 0 || start >= last) {
      return new ScaleSchedule(List.of(new Scale(last, later)));
    }
    int first = settings.get(TransferSetting.SCALE_START_ITERATIONS) == 0 ? later
        : settings.get(TransferSetting.SCALE_START_ITERATIONS);
    double factor = settings.get(TransferSetting.SCALE_FACTOR);
    List<Scale> scales = new ArrayList<>();
    for (int size = start; size < last; size = Math.max(size + 1, (int) Math.round(size * factor))) {
      scales.add(new Scale(size, scales.isEmpty() ? first : later));
    }
    scales.add(new Scale(last, later));
    return new ScaleSchedule(scales);
  }

  /** Evaluations over all scales: the pair's whole budget. */
  public int evaluations() {
    return scales.stream().mapToInt(Scale::evaluations).sum();
  }

  /** Sum of size^2 x evaluations: what the cost is proportional to (for square images). */
  public double pixelEvaluations() {
    return scales.stream().mapToDouble(s -> (double) s.size() * s.size() * s.evaluations()).sum();
  }

  public List<Integer> sizes() {
    return scales.stream().map(Scale::size).toList();
  }
}
