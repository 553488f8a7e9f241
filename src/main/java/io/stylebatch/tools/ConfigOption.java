package io.stylebatch.tools;

import com.typesafe.config.Config;
import io.stylebatch.config.ConfigLoader;
import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option the tools share with the job (picocli mixin). */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "a HOCON file layered over the defaults (see conf/)")
  File file;

  Config load() {
    return ConfigLoader.load(file, List.of());
  }
}
