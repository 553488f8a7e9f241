package io.stylebatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.transfer.OptimizerKind;
import io.stylebatch.transfer.TransferSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferConfigTest {
  @TempDir
  Path dir;

  @Test
  void referenceConfMatchesTheBuilderDefaults() {
    TransferSettings fromConfig = TransferConfig.from(ConfigLoader.load(null, List.of()));
    assertEquals(TransferSettings.builder().build(), fromConfig);
  }

  @Test
  void fileThenSetOverridesLayerInOrder() throws Exception {
    File file = dir.resolve("job.conf").toFile();
    Files.writeString(file.toPath(), "stylebatch.transfer { iterations = 50, pooling = avg, image-size = 64 }");
    TransferSettings s = TransferConfig.from(ConfigLoader.load(file, List.of(
        "stylebatch.transfer.iterations=7", "stylebatch.transfer.optimizer=adam",
        "stylebatch.transfer.style-layers=[relu1_1, relu3_1]", "stylebatch.transfer.style-layer-weights=[0.5, 2]")));
    assertEquals(7, s.iterations());
    assertEquals(64, s.imageSize());
    assertEquals(PoolingMode.AVG, s.pooling());
    assertEquals(OptimizerKind.ADAM, s.optimizer());
    assertEquals(List.of(Vgg19Layer.RELU1_1, Vgg19Layer.RELU3_1), s.styleLayers());
    assertEquals(List.of(0.5, 2.0), s.styleLayerWeights());
  }

  @Test
  void badValuesNameTheirKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransferConfig.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.iterations=many"))));
    assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> TransferConfig.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.pooling=median"))));
    assertTrue(e.getMessage().contains("pooling") && e.getMessage().contains("median"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> TransferConfig.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.image-size=8"))));
    assertTrue(e.getMessage().contains("image-size"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(null,
        List.of("stylebatch.transfer.iteratons=5")));
    assertTrue(e.getMessage().contains("iteratons") && e.getMessage().contains("unknown"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(new File("/nonexistent.conf"),
        List.of()));
    assertTrue(e.getMessage().contains("/nonexistent.conf"), e.getMessage());
  }
}
