package io.stylebatch.transfer;

import io.stylebatch.image.ColorPreservation;
import io.stylebatch.image.ImageResizer;
import io.stylebatch.image.VggPreprocessing;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stylizes one content image: builds the network at the content's size, computes the content
 * features, starts from the content/style/noise image, runs the optimizer for the configured number of
 * iterations and returns the image with its loss log. One engine per set of weights; {@link #run} is
 * not thread-safe (ND4J parallelizes inside each op).
 */
public final class StyleTransferEngine {
  private final Vgg19Weights weights;

  public StyleTransferEngine(Vgg19Weights weights) {
    this.weights = weights;
  }

  public Vgg19Weights weights() {
    return weights;
  }

  /** Style targets of {@code style} for these settings; cache them per style image and reuse. */
  public StyleTargets styleTargets(BufferedImage style, TransferSettings settings) {
    return StyleTargets.compute(weights, style, settings);
  }

  /**
   * Runs the optimization.
   *
   * @param style the style image, used only when {@link InitMode#STYLE} is the start (may be null otherwise)
   * @throws OptimizationFailedException if a loss becomes NaN or infinite (names the iteration)
   */
  public TransferResult run(BufferedImage content, BufferedImage style, StyleTargets targets,
      TransferSettings settings, IterationListener listener) {
    long start = System.nanoTime();
    BufferedImage resized = ImageResizer.toLongestSide(content, settings.imageSize());
    int h = resized.getHeight();
    int w = resized.getWidth();
    ImageTooSmallException.check("content image at image_size " + settings.imageSize(), w, h,
        settings.imageSize(), settings.deepestLayer());
    Set<Vgg19Layer> lossLayers = new LinkedHashSet<>(settings.get(TransferSetting.CONTENT_LAYERS));
    lossLayers.addAll(settings.get(TransferSetting.STYLE_LAYERS));
    Map<Vgg19Layer, INDArray> contentTargets = new EnumMap<>(Vgg19Layer.class);
    try (Vgg19Network net = new Vgg19Network(weights, DataType.FLOAT, h, w, settings.get(TransferSetting.POOLING), lossLayers, true)) {
      VggPreprocessing.writeInto(resized, net.input());
      net.forward();
      for (Vgg19Layer layer : settings.get(TransferSetting.CONTENT_LAYERS)) {
        contentTargets.put(layer, GatysObjective.flat(net.activation(layer)).dup());
      }
      initialize(net.input(), resized, style, settings);
      LossLog log = new LossLog(settings.get(TransferSetting.LOG_INTERVAL), listener, start);
      double decay = settings.get(TransferSetting.ITERATE_AVERAGE);
      // Averaging spends the budget's last evaluation on the averaged image, which is what is written.
      boolean averaging = decay > 0 && settings.iterations() >= 2;
      try (GatysObjective gatys = new GatysObjective(net, settings, contentTargets, targets.grams());
          Optimizer optimizer = Optimizer.create(settings, DataType.FLOAT, net.input().length());
          IterateAverage average = averaging ? new IterateAverage(decay, net.input()) : null) {
        Objective objective = new Objective() {
          @Override
          public INDArray point() {
            return gatys.point();
          }

          @Override
          public INDArray gradient() {
            return gatys.gradient();
          }

          @Override
          public double evaluate() {
            return log.evaluated(gatys.evaluate());
          }

          @Override
          public void accepted() {
            log.accepted();
            if (average != null) {
              average.add(net.input());
            }
          }
        };
        optimizer.minimize(objective, settings.iterations() - (averaging ? 1 : 0));
        if (averaging) {
          average.writeInto(net.input());
          log.evaluated(gatys.evaluate());
          log.accepted();
        }
        List<LossRecord> records = log.finish();
        LossRecord last = records.get(records.size() - 1);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        BufferedImage image = VggPreprocessing.toImage(net.input());
        if (settings.get(TransferSetting.PRESERVE_COLORS)) {
          image = ColorPreservation.transferLuminance(image, resized);
        }
        return new TransferResult(image, last.iteration(), log.evaluations(), last.losses(), records, elapsed);
      }
    } finally {
      contentTargets.values().forEach(INDArray::close);
    }
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
        try (INDArray n = Nd4j.create(noise, x.shape(), 'c').castTo(x.dataType())) {
          x.assign(n);
        }
      }
      default -> throw new IllegalStateException();
    }
  }
}
