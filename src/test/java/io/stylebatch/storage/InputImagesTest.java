package io.stylebatch.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.image.BadImageCorpus;
import io.stylebatch.image.InputLimits;
import io.stylebatch.tools.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run and {@code --validate} judge an input by the same checks and say the same thing about it. */
class InputImagesTest {
  private static final InputLimits LIMITS = new InputLimits(200_000, 40_000_000, 32);

  @Test
  void readAndHeaderOnlyDimensionsRefuseTheSameInputsInTheSameWords(@TempDir Path dir) throws Exception {
    ObjectStore store = new ObjectStore(new Configuration());
    Map<String, byte[]> bad = Map.of(
        "tiny.png", BadImageCorpus.png(SyntheticImages.photo(40, 20, 1)),
        "huge.png", BadImageCorpus.pngHeaderDeclaring(100_000, 100_000),
        "big.png", new byte[300_000],
        "text.png", "not an image".getBytes());
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    for (String name : new String[] {"tiny.png", "huge.png", "big.png", "text.png", "missing.png"}) {
      String uri = dir.resolve(name).toUri().toString();
      String run = assertThrows(RuntimeException.class, () -> InputImages.read(store, "content_uri", uri, LIMITS))
          .getMessage();
      String validate = assertThrows(RuntimeException.class, () -> InputImages.dimensions(store, uri, LIMITS, 64))
          .getMessage();
      assertTrue(run.startsWith("content_uri " + uri + ": "), run);
      assertEquals(run.substring("content_uri ".length()), validate, name);
    }
  }

  @Test
  void aHeaderBeyondTheRangedReadIsReadWhole(@TempDir Path dir) throws Exception {
    ObjectStore store = new ObjectStore(new Configuration());
    Path file = dir.resolve("photo.png");
    Files.write(file, BadImageCorpus.png(SyntheticImages.photo(48, 36, 2)));
    assertArrayEquals(new int[] {48, 36}, InputImages.dimensions(store, file.toUri().toString(), LIMITS, 8));
  }
}
