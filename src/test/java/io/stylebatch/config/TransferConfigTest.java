package io.stylebatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.transfer.settings.OptimizerKind;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
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
  void referenceConfHoldsExactlyTheSettingsOfTheTable() {
    var config = com.typesafe.config.ConfigFactory.defaultReference();
    var paths = new java.util.TreeSet<String>();
    for (String section : List.of("transfer", "output")) {
      config.getConfig("stylebatch." + section).root().keySet().forEach(k -> paths.add("stylebatch." + section + "." + k));
    }
    assertEquals(paths, new java.util.TreeSet<>(TransferSetting.all().stream().map(TransferSetting::path).toList()));
    assertEquals(256, TransferSettings.defaults().imageSize());
  }

  @Test
  void javaOnlyNumberLiteralsAreRefused() {
    for (String literal : List.of("0x10p0", "5d", "NaN", "Infinity", "1_000")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransferSettings.from(
          ConfigLoader.load(null, List.of("stylebatch.transfer.tv-weight=" + literal))));
      assertTrue(e.getMessage().startsWith("stylebatch.transfer.tv-weight: "), e.getMessage());
    }
    assertEquals(0.5, TransferSettings.from(ConfigLoader.load(null, List.of("stylebatch.transfer.tv-weight=5e-1")))
        .get(TransferSetting.TV_WEIGHT));
  }

  @Test
  void fileThenSetOverridesLayerInOrder() throws Exception {
    File file = dir.resolve("job.conf").toFile();
    Files.writeString(file.toPath(), "stylebatch.transfer { iterations = 50, pooling = avg, image-size = 64 }");
    TransferSettings s = TransferSettings.from(ConfigLoader.load(file, List.of(
        "stylebatch.transfer.iterations=7", "stylebatch.transfer.optimizer=adam",
        "stylebatch.transfer.style-layers=[relu1_1, relu3_1]", "stylebatch.transfer.style-layer-weights=[0.5, 2]")));
    assertEquals(7, s.iterations());
    assertEquals(64, s.imageSize());
    assertEquals(PoolingMode.AVG, s.get(TransferSetting.POOLING));
    assertEquals(OptimizerKind.ADAM, s.get(TransferSetting.OPTIMIZER));
    assertEquals(List.of(Vgg19Layer.RELU1_1, Vgg19Layer.RELU3_1), s.get(TransferSetting.STYLE_LAYERS));
    assertEquals(List.of(0.5, 2.0), s.get(TransferSetting.STYLE_LAYER_WEIGHTS));
  }

  @Test
  void badValuesNameTheirKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransferSettings.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.iterations=many"))));
    assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> TransferSettings.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.pooling=median"))));
    assertTrue(e.getMessage().contains("pooling") && e.getMessage().contains("median"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> TransferSettings.from(
        ConfigLoader.load(null, List.of("stylebatch.transfer.image-size=8"))));
    assertTrue(e.getMessage().contains("image-size"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(null,
        List.of("stylebatch.transfer.iteratons=5")));
    assertTrue(e.getMessage().contains("iteratons") && e.getMessage().contains("unknown"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(new File("/nonexistent.conf"),
        List.of()));
    assertTrue(e.getMessage().contains("/nonexistent.conf"), e.getMessage());
  }

  @Test
  void typosAnywhereFailWithTheNearestKnownKey() throws Exception {
    File file = dir.resolve("typo.conf").toFile();
    Files.writeString(file.toPath(), "stylebatch { transfer { iteratons = 5 }, spark.conf { \"spark.any.key\" = 1 } }\n"
        + "stylebatch.job.max-faild-fraction = 0.5\n");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals("config file " + file + ": unknown keys stylebatch.transfer.iteratons (did you mean "
        + "stylebatch.transfer.iterations?), stylebatch.job.max-faild-fraction (did you mean "
        + "stylebatch.job.max-failed-fraction?) (see conf/README.md)", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> ConfigLoader.load(null,
        List.of("stylbatch.transfer.iterations=5")));
    assertTrue(e.getMessage().startsWith("--set stylbatch.transfer.iterations (did you mean "
        + "stylebatch.transfer.iterations?): unknown configuration key"), e.getMessage());
    ConfigLoader.load(null, List.of("stylebatch.spark.conf.spark.executor.cores=2"));
  }

  @Test
  void aWrongTypeNamesTheWholeKey() {
    for (String set : List.of("stylebatch.report.thumbnail-size=big", "stylebatch.input.min-side=x",
        "stylebatch.s3.retry.attempts=many")) {
      String key = set.substring(0, set.indexOf('='));
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> io.stylebatch.job.executor.JobSettings.from(ConfigLoader.load(null, List.of(set))));
      assertTrue(e.getMessage().contains(key), set + ": " + e.getMessage());
    }
  }
}
