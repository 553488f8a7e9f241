package io.stylebatch.transfer;

import io.stylebatch.image.ColorPreservation;
import io.stylebatch.image.ImageResizer;
import io.stylebatch.image.RgbImage;
import io.stylebatch.image.VggPreprocessing;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.objective.ImageObjective;
import io.stylebatch.transfer.objective.ImageTooSmallException;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.objective.TilePlan;
import io.stylebatch.transfer.optim.Objective;
import io.stylebatch.transfer.optim.Optimizer;
import io.stylebatch.transfer.optim.OptimizerState;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stylizes one content image: for each scale of the {@link ScaleSchedule} (one unless multi-scale is on),
 * builds the objective at that size — whole or tiled, whichever fits the memory budget — takes the content
 * targets, starts from the content/style/noise image or from the previous scale's result, runs the
 * optimizer for that scale's budget and hands the image (and Adam's moments) to the next scale. Returns
 * the last scale's image with the loss log of all scales. One engine per set of weights, shared by the concurrent
 * tasks of an executor: {@link #run} keeps all its state per call and only reads the weights.
 */
public final class StyleTransferEngine {
  private static final Logger LOG = LoggerFactory.getLogger(StyleTransferEngine.class);
  private final Vgg19Weights weights;

  /** The style targets of each scale's settings; the executor caches them per style image and size. */
  @FunctionalInterface
  public interface StyleTargetSource {
    StyleTargets at(TransferSettings scale);
  }

  /** What one scale hands to the next: its resulting image and the optimizer's state (vectors of the image's length). */
  private record Carry(INDArray image, OptimizerState state) implements AutoCloseable {
    @Override
    public void close() {
      image.close();
      state.close();
    }
  }

  public StyleTransferEngine(Vgg19Weights weights) {
    this.weights = weights;
  }

  public Vgg19Weights weights() {
    return weights;
  }

  /**
   * Style targets of {@code style} for these settings, computed in tiles when the style image at its size
   * would not fit {@code memoryBudgetBytes}; cache them per style image and size, and reuse.
   */
  public StyleTargets styleTargets(BufferedImage style, TransferSettings settings, long memoryBudgetBytes) {
    return StyleTargets.compute(weights, List.of(style), List.of(1.0), settings, tileSize(settings, memoryBudgetBytes));
  }

  /**
   * Runs the optimization.
   *
   * @param style the style image, used only when {@link InitMode#STYLE} is the start (may be null otherwise)
   * @param memoryBudgetBytes what one evaluation may hold; larger images are evaluated in tiles
   * @throws OptimizationFailedException if a loss becomes NaN or infinite (names the evaluation)
   */
  public TransferResult run(BufferedImage content, BufferedImage style, StyleTargetSource targets,
      TransferSettings settings, long memoryBudgetBytes, IterationListener listener) {
    long start = System.nanoTime();
    ScaleSchedule schedule = ScaleSchedule.of(settings);
    LossLog log = new LossLog(settings.get(TransferSetting.LOG_INTERVAL), listener, start);
    Carry carry = null;
    try {
      for (int k = 0; k < schedule.scales().size(); k++) {
        ScaleSchedule.Scale scale = schedule.scales().get(k);
        TransferSettings at = settings.with(TransferSetting.IMAGE_SIZE, scale.size());
        ImageTooSmallException.check("content image at " + (schedule.scales().size() > 1 ? "scale " : "image_size ")
            + scale.size(), content.getWidth(), content.getHeight(), scale.size(), at.deepestLayer());
        BufferedImage resized = ImageResizer.toLongestSide(content, scale.size());
        log.startScale(scale.size());
        int tile = tileSize(at, memoryBudgetBytes);
        if (tile > 0) {
          LOG.info("scale {} px ({}x{}): evaluated in {} tiles of {} px", scale.size(), resized.getWidth(),
              resized.getHeight(), TilePlan.of(resized.getHeight(), resized.getWidth(), tile, at.deepestLayer())
                  .tiles().size(), tile);
        }
        try (ImageObjective objective = ImageObjective.create(weights, DataType.FLOAT, resized.getHeight(),
            resized.getWidth(), at, targets.at(at), tile)) {
          VggPreprocessing.writeInto(resized, objective.point());
          objective.captureContentTargets();
          if (carry == null) {
            initialize(objective.point(), resized, style, at);
          } else {
            Resampling.bicubic(carry.image(), objective.point());
          }
          Carry previous = carry;
          carry = optimize(objective, at, scale.evaluations(), log, previous, k == schedule.scales().size() - 1);
          if (previous != null) {
            previous.close();
          }
          if (carry == null) {
            List<LossRecord> records = log.finish();
            LossRecord last = records.get(records.size() - 1);
            RgbImage image = VggPreprocessing.toRgb(objective.point());
            if (settings.get(TransferSetting.PRESERVE_COLORS)) {
              image = ColorPreservation.transferLuminance(image, resized);
            }
            return new TransferResult(image, last.iteration(), log.evaluations(), last.losses(), records,
                (System.nanoTime() - start) / 1_000_000, schedule.sizes());
          }
        }
      }
      throw new IllegalStateException("empty scale schedule");
    } finally {
      if (carry != null) {
        carry.close();
      }
    }
  }

  /** The tile size for these settings, the smallest possible when even that exceeds the budget. */
  private static int tileSize(TransferSettings settings, long memoryBudgetBytes) {
    int tile = MemoryEstimate.tileSize(settings, memoryBudgetBytes);
    return tile >= 0 ? tile : TilePlan.stride(settings.deepestLayer());
  }

  /**
   * Spends one scale's budget, starting the optimizer from the previous scale's state when it has one. Returns
   * what the next scale starts from, or null after the last scale.
   */
  private static Carry optimize(ImageObjective target, TransferSettings settings, int budget, LossLog log,
      Carry previous, boolean lastScale) {
    INDArray x = target.point();
    try (Optimizer optimizer = Optimizer.create(settings, DataType.FLOAT, x.length())) {
      if (previous != null && !previous.state().isEmpty()) {
        try (OptimizerState resampled = resampled(previous.state(), previous.image().shape(), x.shape())) {
          optimizer.resume(resampled);
        }
      }
      optimizer.minimize(new Objective() {
        @Override
        public INDArray point() {
          return x;
        }

        @Override
        public INDArray gradient() {
          return target.gradient();
        }

        @Override
        public double evaluate() {
          return log.evaluated(target.evaluate());
        }

        @Override
        public void accepted() {
          log.accepted();
        }
      }, budget);
      return lastScale ? null : new Carry(x.dup(), optimizer.handOver());
    }
  }

  /** The state's vectors, read as images of shape {@code from}, resampled to shape {@code to} (as the image is). */
  private static OptimizerState resampled(OptimizerState state, long[] from, long[] to) {
    List<INDArray> vectors = new java.util.ArrayList<>();
    for (INDArray v : state.vectors()) {
      INDArray resampled = Nd4j.create(DataType.FLOAT, to[0] * to[1] * to[2] * to[3]);
      Resampling.bicubic(v.reshape(from), resampled.reshape(to));
      vectors.add(resampled);
    }
    return new OptimizerState(vectors, state.steps());
  }

  private static void initialize(INDArray x, BufferedImage content, BufferedImage style, TransferSettings s) {
    switch (s.get(TransferSetting.INIT)) {
      case CONTENT -> {
        // x already holds the content image.
      }
      case STYLE -> {
        if (style == null) {
          throw new IllegalArgumentException("init=style needs the style image");
        }
        VggPreprocessing.writeInto(ImageResizer.resize(style, content.getWidth(), content.getHeight()), x);
      }
      case NOISE -> {
        SplittableRandom random = new SplittableRandom(s.get(TransferSetting.SEED));
        double[] noise = new double[(int) x.length()];
        for (int i = 0; i < noise.length; i++) {
          double u1 = random.nextDouble();
          double u2 = random.nextDouble();
          noise[i] = s.get(TransferSetting.NOISE_STDDEV) * Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
        }
        try (INDArray n = Nd4j.create(noise, x.shape(), 'c')) {
          if (x.dataType() == n.dataType()) {
            x.assign(n);
          } else {
            try (INDArray cast = n.castTo(x.dataType())) {
              x.assign(cast);
            }
          }
        }
      }
      default -> throw new IllegalStateException();
    }
  }
}
