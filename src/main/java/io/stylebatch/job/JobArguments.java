package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The command line of the job, as {@code contract.md} specifies it. */
public record JobArguments(String manifest, String output, File configFile, List<String> overrides, boolean help) {
  public static final String USAGE = """
      usage: StyleBatchJob --manifest URI --output URI [--config FILE] [--set key=value]...
        --manifest URI   CSV (with header), JSON Lines or Parquet manifest: id, content_uri, style_uri[, overrides]
        --output URI     where images/, results/, losses/ and _SUCCESS are written
        --config FILE    a HOCON file layered over the defaults (see conf/)
        --set key=value  a single setting, wins over everything else (see conf/README.md)
      exit codes: 0 ok (failures within stylebatch.job.max-failed-fraction), 2 invalid arguments,
                  configuration or manifest (nothing computed), 3 too many pairs failed, 1 other errors""";

  public static JobArguments parse(String[] args) {
    String manifest = null;
    String output = null;
    File config = null;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          return new JobArguments(null, null, null, List.of(), true);
        }
        case "--manifest" -> manifest = value(args, ++i, a);
        case "--output" -> output = value(args, ++i, a);
        case "--config" -> config = new File(value(args, ++i, a));
        case "--set" -> overrides.add(value(args, ++i, a));
        default -> throw new ConfigurationException("unknown argument '" + a + "'\n" + USAGE);
      }
    }
    if (manifest == null || output == null) {
      throw new ConfigurationException("--manifest and --output are required\n" + USAGE);
    }
    return new JobArguments(manifest, output, config, List.copyOf(overrides), false);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new ConfigurationException(flag + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
