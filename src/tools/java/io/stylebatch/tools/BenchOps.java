package io.stylebatch.tools;

import io.stylebatch.image.VggPreprocessing;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.objective.GatysObjective;
import io.stylebatch.transfer.optim.AdamOptimizer;
import io.stylebatch.transfer.optim.Objective;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where an evaluation's time goes: full-width VGG19 (random weights, default settings) at each size, every
 * network op timed per layer over several evaluations, the rest of the objective (Gram matrices, content and
 * TV terms) as the difference to the whole evaluation, and one Adam step over the image. Prints a table per
 * size and writes {@code target/bench/ops-SIZE.json}.
 */
@Command(name = "BenchOps", mixinStandardHelpOptions = true, description = "Per-op profile of one evaluation.")
public final class BenchOps implements Callable<Integer> {
  /** Milliseconds per evaluation: by op type, by layer (convolutions), the loss terms and an Adam step. */
  record Profile(int size, double evaluationMs, double networkMs, Map<String, Double> msByOp,
      Map<String, Double> convolutionMsByLayer, double lossTermsMs, double adamStepMs) {}

  @Option(names = "--sizes", split = ",", paramLabel = "PX", description = "image sizes (default: 128,256,512)")
  int[] sizes = {128, 256, 512};

  @Option(names = "--evaluations", description = "timed evaluations per size, after 2 warm-up ones (default: 5)")
  int evaluations = 5;

  public static void main(String[] args) {
    ConfigOption.exit(new BenchOps(), args);
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(Path.of("target/bench"));
    try (Vgg19Weights weights = RandomWeights.create(1, 1)) {
      for (int size : sizes) {
        Profile p = measure(weights, TransferSettings.defaults(), size, evaluations);
        print(p);
        io.stylebatch.storage.Json.write(Path.of("target/bench", "ops-" + size + ".json").toFile(), p);
      }
    }
    return 0;
  }

  static Profile measure(Vgg19Weights weights, TransferSettings s, int size, int evaluations) {
    Set<Vgg19Layer> layers = new LinkedHashSet<>(s.get(TransferSetting.CONTENT_LAYERS));
    layers.addAll(s.get(TransferSetting.STYLE_LAYERS));
    Map<String, Double> byOp = new TreeMap<>();
    Map<String, Double> byLayer = new LinkedHashMap<>();
    double evaluationMs;
    try (Vgg19Network net = new Vgg19Network(weights, DataType.FLOAT, size, size, s.get(TransferSetting.POOLING),
        layers, true)) {
      Map<Vgg19Layer, INDArray> content = new EnumMap<>(Vgg19Layer.class);
      Map<Vgg19Layer, INDArray> grams = new EnumMap<>(Vgg19Layer.class);
      VggPreprocessing.writeInto(SyntheticImages.painting(size, size, 2), net.input());
      net.forward();
      for (Vgg19Layer l : s.get(TransferSetting.STYLE_LAYERS)) {
        INDArray f = Vgg19Network.featureMatrix(net.activation(l));
        grams.put(l, f.transpose().mmul(f).divi(f.length()));
      }
      VggPreprocessing.writeInto(SyntheticImages.photo(size, size, 1), net.input());
      net.forward();
      for (Vgg19Layer l : s.get(TransferSetting.CONTENT_LAYERS)) {
        content.put(l, Vgg19Network.featureMatrix(net.activation(l)).dup());
      }
      try (GatysObjective objective = new GatysObjective(net, s, content, grams)) {
        objective.evaluate();
        objective.evaluate();
        net.time((layer, op, nanos) -> {
          byOp.merge(op, nanos / 1e6 / evaluations, Double::sum);
          if (op.equals("conv2d") || op.equals(Vgg19Network.INPUT_GRADIENT)) {
            byLayer.merge(layer.featureName(), nanos / 1e6 / evaluations, Double::sum);
          }
        });
        long start = System.nanoTime();
        for (int i = 0; i < evaluations; i++) {
          objective.evaluate();
        }
        evaluationMs = (System.nanoTime() - start) / 1e6 / evaluations;
        net.time(null);
      }
      content.values().forEach(INDArray::close);
      grams.values().forEach(INDArray::close);
    }
    double networkMs = byOp.values().stream().mapToDouble(Double::doubleValue).sum();
    return new Profile(size, evaluationMs, networkMs, byOp, byLayer, evaluationMs - networkMs,
        adamStepMs(3L * size * size, evaluations));
  }

  /** One Adam update over {@code length} pixels, without any network: the optimizer's own vector work. */
  private static double adamStepMs(long length, int steps) {
    try (AdamOptimizer adam = new AdamOptimizer(10, DataType.FLOAT, length);
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, length);
        INDArray g = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, length)) {
      Objective fixed = new Objective() {
        @Override
        public INDArray point() {
          return x;
        }

        @Override
        public INDArray gradient() {
          return g;
        }

        @Override
        public double evaluate() {
          return 0;
        }

        @Override
        public void accepted() {}
      };
      // The step is a Java loop: warm it up as a run of hundreds of iterations would before timing it.
      adam.minimize(fixed, 300);
      int timed = Math.max(steps, 50);
      long start = System.nanoTime();
      adam.minimize(fixed, timed + 1);
      return (System.nanoTime() - start) / 1e6 / timed;
    }
  }

  private static void print(Profile p) {
    System.out.printf(Locale.ROOT, "ops %4d px: %.1f ms per evaluation, %.1f ms of it in network ops%n", p.size(),
        p.evaluationMs(), p.networkMs());
    Map<String, Double> rows = new LinkedHashMap<>(p.msByOp());
    rows.put("loss terms (Gram, content, TV)", p.lossTermsMs());
    rows.put("Adam step (vector work)", p.adamStepMs());
    double total = p.evaluationMs() + p.adamStepMs();
    for (Map.Entry<String, Double> e : rows.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-32s %9.1f ms  %5.1f %%%n", e.getKey(), e.getValue(), 100 * e.getValue() / total);
    }
    for (Map.Entry<String, Double> e : p.convolutionMsByLayer().entrySet()) {
      System.out.printf(Locale.ROOT, "  %-32s %9.1f ms  %5.1f %%%n", e.getKey() + " conv2d fwd + bwd", e.getValue(),
          100 * e.getValue() / total);
    }
  }
}
