package io.stylebatch.job;

import io.stylebatch.image.ImageCodec;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.tools.KerasWeightsWriter;
import io.stylebatch.tools.MakeTestWeights;
import io.stylebatch.tools.RandomWeights;
import io.stylebatch.tools.SyntheticImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Real image files, a narrow weight file and manifests in a temp directory, for job tests. */
final class JobFixtures {
  final Path dir;
  final Path weights;

  JobFixtures(Path dir) throws IOException {
    this.dir = dir;
    this.weights = dir.resolve("vgg19-narrow.h5");
    try (Vgg19Weights w = RandomWeights.create(MakeTestWeights.NARROW_DIVISOR, 21)) {
      KerasWeightsWriter.write(weights, w, KerasWeightsFile.Naming.LEGACY, true);
    }
  }

  Path png(String name, BufferedImage image) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, ImageCodec.encodePng(image));
    return p;
  }

  Path jpeg(String name, BufferedImage image) throws IOException {
    Path p = dir.resolve(name);
    if (!ImageIO.write(image, "jpg", p.toFile())) {
      throw new IOException("no JPEG writer");
    }
    return p;
  }

  /** Three pairs: two PNG contents and a JPEG content; a PNG style (two pairs) and a JPEG style. */
  List<String[]> threePairs() throws IOException {
    Path c1 = png("content1.png", SyntheticImages.photo(64, 48, 1));
    Path c2 = png("content2.png", SyntheticImages.photo(40, 60, 2));
    Path c3 = jpeg("content3.jpg", SyntheticImages.photo(50, 50, 3));
    Path s1 = png("style1.png", SyntheticImages.painting(48, 48, 4));
    Path s2 = jpeg("style2.jpg", SyntheticImages.painting(56, 40, 5));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"pair-a", c1.toUri().toString(), s1.toUri().toString()});
    rows.add(new String[] {"pair-b", c2.toString(), s1.toUri().toString()});
    rows.add(new String[] {"pair-c", c3.toUri().toString(), s2.toString()});
    return rows;
  }

  Path csv(String name, String header, List<String[]> rows) throws IOException {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (String[] r : rows) {
      b.append(String.join(",", r)).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, b.toString());
    return p;
  }

  /** Fast settings for tests: 32 px, 8 iterations, losses every 2. */
  List<String> fastSettings() {
    return List.of("stylebatch.model.weights=" + weights, "stylebatch.transfer.image-size=32",
        "stylebatch.transfer.iterations=8", "stylebatch.transfer.log-interval=2");
  }
}
