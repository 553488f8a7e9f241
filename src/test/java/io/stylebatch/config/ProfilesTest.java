package io.stylebatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.transfer.MemoryEstimate;
import io.stylebatch.transfer.ScaleSchedule;
import io.stylebatch.transfer.settings.TransferSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every profile in conf/ loads with only declared keys and valid values; the large-image ones plan as documented. */
class ProfilesTest {
  @Test
  void everyProfileLoadsAndValidates() throws IOException {
    List<Path> profiles;
    try (Stream<Path> files = Files.list(Path.of("conf"))) {
      profiles = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertTrue(profiles.size() >= 6, "profiles found: " + profiles);
    for (Path profile : profiles) {
      var config = ConfigLoader.load(profile.toFile(), List.of());
      TransferSettings.from(config);
      JobSettings.from(config);
    }
  }

  @Test
  void printProfileTilesA2048PxPairWithinItsBudget() {
    var config = ConfigLoader.load(new File("conf/print.conf"), List.of());
    TransferSettings s = TransferSettings.from(config);
    long budget = JobSettings.from(config).maxPairMemoryBytes();
    assertEquals(List.of(256, 362, 512, 724, 1024, 1448, 2048), ScaleSchedule.of(s).sizes());
    int tile = MemoryEstimate.tileSize(s, budget);
    assertTrue(tile > 0, "2048 px is evaluated in tiles under 3 GB: " + tile);
    assertTrue(MemoryEstimate.bytes(s, budget) <= budget, "and fits: " + MemoryEstimate.bytes(s, budget));
    var web = ConfigLoader.load(new File("conf/web.conf"), List.of());
    assertEquals(List.of(256, 362, 512, 724, 1024), ScaleSchedule.of(TransferSettings.from(web)).sizes());
  }
}
