package io.stylebatch.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.tools.SyntheticImages;
import io.stylebatch.transfer.optim.AdamOptimizer;
import io.stylebatch.transfer.optim.QuadraticObjective;
import io.stylebatch.transfer.settings.OptimizerKind;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Coarse-to-fine: the schedule, carrying the image and Adam's state across scales, and the loss log's scales. */
class MultiScaleTest {
  private final StyleTransferEngine engine = new StyleTransferEngine(EngineTestSupport.narrowWeights());
  private final BufferedImage content = SyntheticImages.photo(80, 60, 1);
  private final BufferedImage style = SyntheticImages.painting(64, 64, 2);

  @Test
  void scheduleGrowsByTheFactorAndEndsAtTheImageSize() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 512, TransferSetting.SCALE_START, 128,
        TransferSetting.SCALE_START_ITERATIONS, 1000, TransferSetting.ITERATIONS, 500);
    ScaleSchedule schedule = ScaleSchedule.of(s);
    assertEquals(List.of(128, 181, 256, 362, 512), schedule.sizes());
    assertEquals(List.of(1000, 500, 500, 500, 500), schedule.scales().stream().map(ScaleSchedule.Scale::evaluations).toList());
    assertEquals(3000, schedule.evaluations());
    assertEquals(List.of(512), ScaleSchedule.of(s.with(TransferSetting.SCALE_START, 0)).sizes(), "off");
    assertEquals(List.of(512), ScaleSchedule.of(s.with(TransferSetting.SCALE_START, 600)).sizes(), "starts past the end");
    assertEquals(List.of(500, 500), ScaleSchedule.of(s.with(TransferSetting.SCALE_START, 400)
        .with(TransferSetting.SCALE_START_ITERATIONS, 0)).scales().stream().map(ScaleSchedule.Scale::evaluations).toList(),
        "0 first-scale iterations means iterations");
  }

  @Test
  void threeScalesCarryTheImageAndLogTheirScale() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 80, TransferSetting.SCALE_START, 40,
        TransferSetting.SCALE_FACTOR, 1.42, TransferSetting.SCALE_START_ITERATIONS, 12, TransferSetting.ITERATIONS, 8,
        TransferSetting.OPTIMIZER, OptimizerKind.ADAM, TransferSetting.STYLE_WEIGHT, 1e4, TransferSetting.LOG_INTERVAL, 100);
    List<LossRecord> seen = new ArrayList<>();
    TransferResult r = StyleTransferEngineTest.run(engine, content, style, s, Long.MAX_VALUE, seen::add);
    assertEquals(List.of(40, 57, 80), r.scales());
    assertEquals(28, r.evaluations(), "12 + 8 + 8");
    assertEquals(80, r.image().getWidth());
    List<Integer> loggedScales = r.lossLog().stream().map(LossRecord::scale).distinct().toList();
    assertEquals(List.of(40, 57, 80), loggedScales, "every scale's rows, in order");
    for (int scale : List.of(40, 57, 80)) {
      List<LossRecord> rows = r.lossLog().stream().filter(x -> x.scale() == scale).toList();
      assertTrue(rows.size() >= 2, "first and last iterate of scale " + scale + " kept: " + rows);
    }
    // Warm start: scale 2 begins from the stylized scale-1 image, far below where scale 1 began.
    LossRecord firstAt57 = seen.stream().filter(x -> x.scale() == 57).findFirst().orElseThrow();
    double coldStart = seen.get(0).losses().style();
    assertTrue(firstAt57.losses().style() < 0.5 * coldStart,
        "scale 57 starts at style loss " + firstAt57.losses().style() + ", scale 40 started at " + coldStart);
    assertEquals(r.finalLosses(), seen.get(seen.size() - 1).losses());
  }

  @Test
  void iterateAveragingRestartsAtEachScaleAndSpendsTheLastEvaluationOfEach() {
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 80, TransferSetting.SCALE_START, 40,
        TransferSetting.SCALE_FACTOR, 1.42, TransferSetting.ITERATIONS, 6, TransferSetting.OPTIMIZER, OptimizerKind.ADAM,
        TransferSetting.ITERATE_AVERAGE, 0.9, TransferSetting.LOG_INTERVAL, 100);
    TransferResult r = StyleTransferEngineTest.run(engine, content, style, s, Long.MAX_VALUE, IterationListener.NONE);
    assertEquals(18, r.evaluations());
    for (int[] scaleAndEnd : new int[][] {{40, 6}, {57, 12}, {80, 18}}) {
      LossRecord last = r.lossLog().stream().filter(x -> x.scale() == scaleAndEnd[0]).reduce((a, b) -> b).orElseThrow();
      assertEquals(scaleAndEnd[1], last.evaluations(), "scale " + scaleAndEnd[0] + " ends on its averaged image");
    }
  }

  @Test
  void tiledRunFollowsTheUntiledRun() {
    BufferedImage big = SyntheticImages.photo(240, 180, 4);
    TransferSettings s = TestSettings.of(TransferSetting.IMAGE_SIZE, 240, TransferSetting.ITERATIONS, 6,
        TransferSetting.OPTIMIZER, OptimizerKind.ADAM, TransferSetting.STYLE_WEIGHT, 1e4, TransferSetting.LOG_INTERVAL, 1);
    TransferResult whole = StyleTransferEngineTest.run(engine, big, style, s, Long.MAX_VALUE, IterationListener.NONE);
    TransferResult tiled = StyleTransferEngineTest.run(engine, big, style, s.with(TransferSetting.TILE_SIZE, 64),
        Long.MAX_VALUE, IterationListener.NONE);
    // The same start evaluates equal to float precision; Adam's normalized steps then amplify float
    // rounding slowly (sign(m) of near-zero gradients), so the trajectories drift apart a little.
    assertEquals(whole.lossLog().size(), tiled.lossLog().size());
    for (int i = 0; i < whole.lossLog().size(); i++) {
      double a = whole.lossLog().get(i).losses().total();
      double b = tiled.lossLog().get(i).losses().total();
      double limit = i == 0 ? 1e-5 : 1e-3;
      assertTrue(Math.abs(a - b) <= limit * a, "evaluation " + i + ": untiled " + a + ", tiled " + b);
    }
  }

  @Test
  void adamContinuedFromItsOwnStateFollowsTheUninterruptedRun() {
    double[] uninterrupted = adamOnQuadratic(10, -1);
    double[] resumed = adamOnQuadratic(10, 4);
    assertArrayEquals(uninterrupted, resumed, 1e-12);
  }

  /** Adam on f(x) = sum (x - c)^2 / 2 for {@code evaluations}, stopped after {@code split} and continued. */
  private static double[] adamOnQuadratic(int evaluations, int split) {
    QuadraticObjective quadratic = new QuadraticObjective(DataType.DOUBLE, new double[] {1, 1, 1, 1},
        new double[] {1, 2, -1, 0.5}, new double[] {5, -3, 1, 0});
    INDArray x = quadratic.point();
    try (AdamOptimizer first = new AdamOptimizer(0.3, DataType.DOUBLE, 4)) {
      if (split < 0) {
        first.minimize(quadratic, evaluations);
        return x.toDoubleVector();
      }
      // The first run's last evaluation is not followed by a step; the continued run evaluates it again.
      first.minimize(quadratic, split);
      try (AdamOptimizer second = new AdamOptimizer(0.3, DataType.DOUBLE, 4)) {
        second.continueFrom(first.firstMoment(), first.secondMoment(), first.steps());
        second.minimize(quadratic, evaluations - split + 1);
      }
      return x.toDoubleVector();
    }
  }

  @Test
  void bicubicResamplingKeepsConstantsAndRampsAndIsTheIdentityAtTheSameSize() {
    INDArray ramp = Nd4j.create(DataType.FLOAT, 1, 2, 6, 8);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        ramp.putScalar(new long[] {0, 0, y, x}, 7);
        ramp.putScalar(new long[] {0, 1, y, x}, 3 * x + 2 * y);
      }
    }
    INDArray same = Nd4j.create(DataType.FLOAT, 1, 2, 6, 8);
    Resampling.bicubic(ramp, same);
    assertArrayEquals(ramp.data().asFloat(), same.data().asFloat(), 1e-5f);
    INDArray up = Nd4j.create(DataType.FLOAT, 1, 2, 12, 16);
    Resampling.bicubic(ramp, up);
    // Away from the border, where no tap is clamped to the edge.
    for (int y = 3; y <= 8; y++) {
      for (int x = 3; x <= 12; x++) {
        assertEquals(7, up.getFloat(0, 0, y, x), 1e-4);
        // output centre (x + 0.5) / 2 - 0.5 in source pixels
        double sx = (x + 0.5) / 2 - 0.5;
        double sy = (y + 0.5) / 2 - 0.5;
        assertEquals(3 * sx + 2 * sy, up.getFloat(0, 1, y, x), 1e-3, "ramp at " + y + "," + x);
      }
    }
  }
}
