package io.stylebatch.tools;

import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a randomly initialized VGG19 weight file in the Keras layout, so the whole product can run
 * without the real (80 MB, downloaded) file. Outputs made with it are textures, not art.
 * Usage: {@code MakeTestWeights --out FILE [--width full|narrow] [--seed N] [--naming legacy|modern]}.
 */
public final class MakeTestWeights {
  /** Narrow test networks have 1/8 of VGG19's channels (8..64): fast, same code paths. */
  public static final int NARROW_DIVISOR = 8;

  private MakeTestWeights() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    String width = "full";
    long seed = 0;
    KerasWeightsFile.Naming naming = KerasWeightsFile.Naming.LEGACY;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--width" -> width = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--naming" -> naming = KerasWeightsFile.Naming.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
        case "--help", "-h" -> {
          usage();
          return;
        }
        default -> {
          System.err.println("unknown argument: " + args[i]);
          usage();
          System.exit(2);
        }
      }
    }
    if (out == null || !(width.equals("full") || width.equals("narrow"))) {
      usage();
      System.exit(2);
    }
    int divisor = width.equals("full") ? 1 : NARROW_DIVISOR;
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (Vgg19Weights w = KerasWeightsFile.randomWeights(divisor, seed)) {
      KerasWeightsFile.write(tmp, w, naming);
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      System.out.printf("wrote %s: RANDOM VGG19 weights (%s width, seed %d, %d parameters). "
          + "For tests and demos only: results made with them are not art.%n", out, width, seed, w.parameterCount());
    }
  }

  private static void usage() {
    System.out.println("usage: make-test-weights.sh --out FILE [--width full|narrow] [--seed N] "
        + "[--naming legacy|modern]\n"
        + "Writes randomly initialized (He) VGG19 weights in the Keras HDF5 layout of\n"
        + "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5. narrow = 1/8 of the channels, for fast tests.\n"
        + "Outputs made with these weights are NOT art.");
  }
}
