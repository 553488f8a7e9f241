package io.stylebatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stylebatch.model.PoolingMode;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.transfer.InitMode;
import io.stylebatch.transfer.OptimizerKind;
import io.stylebatch.transfer.TransferSettings;
import java.util.List;
import java.util.Locale;

/** Reads {@code stylebatch.transfer.*} into {@link TransferSettings}, naming the key of any bad value. */
public final class TransferConfig {
  public static final String PREFIX = "stylebatch.transfer.";

  private TransferConfig() {}

  public static TransferSettings from(Config config) {
    Config c = config.getConfig("stylebatch.transfer");
    try {
      TransferSettings.Builder b = TransferSettings.builder()
          .imageSize(c.getInt("image-size"))
          .styleScale(c.getDouble("style-scale"))
          .contentWeight(c.getDouble("content-weight"))
          .styleWeight(c.getDouble("style-weight"))
          .tvWeight(c.getDouble("tv-weight"))
          .contentLayers(layers(c.getStringList("content-layers"), "content-layers"))
          .styleLayers(layers(c.getStringList("style-layers"), "style-layers"))
          .pooling(enumValue(PoolingMode.class, c.getString("pooling"), "pooling"))
          .optimizer(enumValue(OptimizerKind.class, c.getString("optimizer"), "optimizer"))
          .iterations(c.getInt("iterations"))
          .learningRate(c.getDouble("learning-rate"))
          .lbfgsHistory(c.getInt("lbfgs-history"))
          .init(enumValue(InitMode.class, c.getString("init"), "init"))
          .noiseStddev(c.getDouble("noise-stddev"))
          .seed(c.getLong("seed"))
          .logInterval(c.getInt("log-interval"))
          .preserveColors(c.getBoolean("preserve-colors"));
      List<Double> layerWeights = c.getDoubleList("style-layer-weights");
      if (!layerWeights.isEmpty()) {
        b.styleLayerWeights(layerWeights);
      }
      return b.build();
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(PREFIX + "*: " + e.getMessage(), e);
    }
  }

  private static List<Vgg19Layer> layers(List<String> names, String key) {
    try {
      return names.stream().map(Vgg19Layer::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(PREFIX + key + ": " + e.getMessage(), e);
    }
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String value, String key) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(PREFIX + key + ": '" + value + "' is not one of "
          + java.util.Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
    }
  }
}
