package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of the job; parsed by picocli, which also writes the usage text. */
@Command(name = "StyleBatchJob", sortOptions = false, versionProvider = JobVersion.class,
    description = "Neural style transfer over a manifest of (content, style) pairs, as a Spark job.",
    footer = {"Exit codes: 0 ok (failures within stylebatch.job.max-failed-fraction), 2 invalid arguments,",
        "configuration or manifest (nothing computed), 3 too many pairs failed, 1 other errors."})
public final class JobArguments {
  @Option(names = "--manifest", paramLabel = "URI",
      description = "CSV (with header), JSON Lines or Parquet manifest: id, content_uri, style_uri[, overrides]")
  private String manifest;

  @Option(names = "--output", paramLabel = "URI",
      description = "where images/, results/, losses/, report/ and _SUCCESS are written")
  private String output;

  @Option(names = "--config", paramLabel = "URI", description = "a HOCON file layered over the defaults (see conf/): "
      + "a local path or any Hadoop URI (hdfs://, s3a://), so that it works in every deploy mode")
  private String config;

  @Option(names = "--set", paramLabel = "key=value",
      description = "a single setting, wins over everything else (see conf/README.md); repeatable")
  private List<String> overrides = new ArrayList<>();

  @Option(names = "--validate", description = "check the manifest, configuration, weights, every input's header "
      + "and that the output is writable; print the plan (sizes, memory, time per pair); compute nothing; exit 0 or 2")
  private boolean validate;

  @Option(names = "--print-config", description = "print the effective configuration with the origin of each "
      + "value (secrets masked) and exit")
  private boolean printConfig;

  @Option(names = "--version", versionHelp = true, description = "print the version and exit")
  private boolean version;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
  private boolean help;

  private JobArguments() {}

  /** Arguments for a run, as a caller in code would give them. */
  public static JobArguments of(String manifest, String output, String config, List<String> overrides) {
    JobArguments a = new JobArguments();
    a.manifest = manifest;
    a.output = output;
    a.config = config;
    a.overrides = List.copyOf(overrides);
    return a;
  }

  /** The same arguments with {@code --validate}. */
  public JobArguments withValidate() {
    JobArguments a = of(manifest, output, config, overrides);
    a.validate = true;
    return a;
  }

  /** @throws ConfigurationException naming the bad argument, followed by the usage text */
  public static JobArguments parse(String[] args) {
    JobArguments parsed = new JobArguments();
    CommandLine cli = new CommandLine(parsed);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new ConfigurationException(e.getMessage() + "\n" + usage());
    }
    parsed.help = cli.isUsageHelpRequested();
    parsed.version = cli.isVersionHelpRequested();
    parsed.overrides = List.copyOf(parsed.overrides);
    if (!parsed.help && !parsed.version && !parsed.printConfig && (parsed.manifest == null || parsed.output == null)) {
      throw new ConfigurationException("--manifest and --output are required\n" + usage());
    }
    return parsed;
  }

  public static String usage() {
    StringWriter text = new StringWriter();
    new CommandLine(new JobArguments()).usage(new PrintWriter(text));
    return text.toString().stripTrailing();
  }

  public String manifest() {
    return manifest;
  }

  public String output() {
    return output;
  }

  /** The {@code --config} argument as given: a local path or a Hadoop URI, or null. */
  public String config() {
    return config;
  }

  /**
   * The effective configuration: defaults, the {@code --config} file (fetched if remote), the overrides.
   *
   * @throws ConfigurationException also when an argument's URI carries credentials (refused before any use)
   */
  public io.stylebatch.config.LoadedConfig loadConfig() {
    for (String[] argument : new String[][] {{"--manifest", manifest}, {"--output", output}, {"--config", config}}) {
      io.stylebatch.config.Uris.credentialProblem(argument[1]).ifPresent(problem -> {
        throw new ConfigurationException(argument[0] + ": " + problem);
      });
    }
    return io.stylebatch.config.ConfigLoader.load(ConfigFiles.localFile(config), config, overrides);
  }

  public List<String> overrides() {
    return overrides;
  }

  public boolean help() {
    return help;
  }

  public boolean version() {
    return version;
  }

  public boolean validate() {
    return validate;
  }

  public boolean printConfig() {
    return printConfig;
  }
}
