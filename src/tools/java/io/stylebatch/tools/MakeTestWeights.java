package io.stylebatch.tools;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a randomly initialized VGG19 weight file in the Keras layout, so the whole product can run
 * without the real (80 MB, downloaded) file. Outputs made with it are textures, not art.
 */
@Command(name = "make-test-weights.sh", mixinStandardHelpOptions = true, description = {
    "Writes randomly initialized (He) VGG19 weights in the Keras HDF5 layout of",
    "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5. Outputs made with these weights are NOT art."})
public final class MakeTestWeights implements Callable<Integer> {
  /** Narrow test networks have 1/8 of VGG19's channels (8..64): fast, same code paths. */
  public static final int NARROW_DIVISOR = 8;

  enum Width { full, narrow }

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write")
  Path out;

  @Option(names = "--width", description = "full, or narrow = 1/8 of the channels for fast tests (default: full)")
  Width width = Width.full;

  @Option(names = "--seed", description = "random seed (default: 0)")
  long seed;

  @Option(names = "--naming", description = "dataset names: LEGACY (<layer>_W_1:0) or MODERN (kernel:0) "
      + "(default: LEGACY)")
  KerasWeightsFile.Naming naming = KerasWeightsFile.Naming.LEGACY;

  public static void main(String[] args) {
    ConfigOption.exit(new MakeTestWeights(), args);
  }

  @Override
  public Integer call() throws Exception {
    int divisor = width == Width.full ? 1 : NARROW_DIVISOR;
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (Vgg19Weights w = RandomWeights.create(divisor, seed)) {
      KerasWeightsWriter.write(tmp, w, naming, true);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.printf("wrote %s: RANDOM VGG19 weights (%s width, seed %d, %d parameters). "
          + "For tests and demos only: results made with them are not art.%n", out, width, seed, w.parameterCount());
    }
    return 0;
  }
}
