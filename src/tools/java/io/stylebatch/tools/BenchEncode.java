package io.stylebatch.tools;

import io.stylebatch.image.ImageEncoder;
import io.stylebatch.image.OutputFormat;
import io.stylebatch.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Encoding time and size of each output format for one stylized-looking image (a synthetic painting with
 * the fine noise an optimization leaves, at full precision), median of several encodings after a warm-up.
 * The reference, measured in the same run, is the default PNG; the share of a pair's time is against the
 * documented estimate of one pair at this size (500 evaluations at {@code estimate-us-per-pixel-evaluation}
 * = 8). Writes {@code target/bench/encode.json}.
 * usage: BenchEncode [longest side, default 1024] [repeats, default 7]
 */
public final class BenchEncode {
  private BenchEncode() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int width = size;
    int height = size * 3 / 4;
    BufferedImage painting = SyntheticImages.painting(width, height, 11);
    Random noise = new Random(5);
    double[] rgb = new double[width * height * 3];
    for (int i = 0; i < width * height; i++) {
      int p = painting.getRGB(i % width, i / width);
      for (int c = 0; c < 3; c++) {
        rgb[3 * i + c] = ((p >> (16 - 8 * c)) & 0xff) + noise.nextGaussian() * 2;
      }
    }
    RgbImage image = new RgbImage(width, height, rgb);
    double pairSeconds = 500.0 * width * height * 8 / 1e6;
    List<String> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%-8s %10s %10s %12s%n", "format", "ms", "KB", "of a pair");
    for (OutputFormat format : OutputFormat.values()) {
      ImageEncoder.encode(image, format, 90); // warm-up: codecs, natives
      double[] ms = new double[repeats];
      int bytes = 0;
      for (int r = 0; r < repeats; r++) {
        long start = System.nanoTime();
        bytes = ImageEncoder.encode(image, format, 90).length;
        ms[r] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      double median = ms[repeats / 2];
      System.out.printf(Locale.ROOT, "%-8s %10.1f %10.0f %11.3f%%%n", format.settingValue(), median, bytes / 1024.0,
          100 * median / 1000 / pairSeconds);
      rows.add(String.format(Locale.ROOT, "{\"format\":\"%s\",\"ms\":%.1f,\"bytes\":%d}", format.settingValue(), median,
          bytes));
    }
    System.out.printf(Locale.ROOT, "%dx%d image, quality 90 for jpeg and webp; a pair at this size: about %.0f s%n",
        width, height, pairSeconds);
    Path out = Path.of("target/bench");
    Files.createDirectories(out);
    Files.writeString(out.resolve("encode.json"), String.format(Locale.ROOT,
        "{\"width\":%d,\"height\":%d,\"pair_seconds_estimate\":%.0f,\"formats\":[%s]}%n", width, height, pairSeconds,
        String.join(",", rows)));
  }
}
