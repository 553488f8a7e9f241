package io.stylebatch.tools;

import io.stylebatch.config.ConfigLoader;
import io.stylebatch.config.LoadedConfig;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import java.io.File;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option the tools share with the job (picocli mixin), and what the tools do with it. */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "a HOCON file layered over the defaults (see conf/)")
  File file;

  LoadedConfig load() {
    return ConfigLoader.load(file, List.of());
  }

  /** An object store over {@code hadoop} with the configuration's S3A settings applied to it. */
  ObjectStore objectStore(LoadedConfig config, Configuration hadoop) {
    S3Settings.from(config).applyTo(hadoop);
    return new ObjectStore(hadoop);
  }

  /** Runs a picocli command and exits with its exit code (2 for usage errors, as the job). */
  static void exit(Object command, String[] args) {
    System.exit(new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}
