package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.LoadedConfig;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.storage.Json;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line at its edge: parses arguments, answers {@code --help}, {@code --version} and
 * {@code --print-config} without Spark, runs (or validates) with a Spark session, and turns the outcome
 * into text: one {@code stylebatch:} line on stderr for any failure, and one JSON line on stdout at the end
 * of every run for schedulers (run id, counts, exit code, output, wall time).
 */
public final class JobCommand {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommand.class);

  /** How the command ended: the exit code and the one-line reason (null on success). */
  public record Outcome(int code, String message) {}

  /** The JSON line printed on stdout at the end of a run. */
  record SummaryLine(String runId, int exitCode, int pairs, int succeeded, int failed, int skipped, String output,
      double wallSeconds, boolean randomWeights, String error) {}

  private JobCommand() {}

  public static Outcome run(String[] args) {
    return run(args, System.out, System.err);
  }

  static Outcome run(String[] args, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    JobArguments arguments;
    try {
      arguments = JobArguments.parse(args);
    } catch (ConfigurationException e) {
      return fail(out, err, ExitCode.INVALID_INPUT, e.getMessage(), null, start);
    }
    if (arguments.help()) {
      out.println(JobArguments.usage());
      return new Outcome(0, null);
    }
    if (arguments.version()) {
      out.println(new JobVersion().getVersion()[0]);
      return new Outcome(0, null);
    }
    SparkSession spark = null;
    RunSummary summary;
    try {
      LoadedConfig config = arguments.loadConfig();
      if (arguments.printConfig()) {
        out.print(config.render());
        return new Outcome(0, null);
      }
      JobSettings settings = JobSettings.from(config);
      spark = StyleBatchJob.createSession(settings.appName(), config.sparkProperties());
      summary = StyleBatchJob.run(spark, arguments, settings);
    } catch (ConfigurationException e) {
      return fail(out, err, ExitCode.INVALID_INPUT, e.getMessage(), arguments.output(), start);
    } catch (Exception e) { // SparkException is checked but not declared by Spark's Scala methods
      String message = "unexpected error: " + StyleBatchJob.rootCause(e);
      LOG.error("{} (the whole chain of causes follows)", message, e);
      summary = RunSummary.error(null, ExitCode.ERROR, message + " (the stack trace is in the log)");
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    if (summary.message() != null) {
      err.println("stylebatch: " + summary.message());
    }
    out.println(summaryLine(summary, arguments.output(), (System.nanoTime() - start) / 1e9));
    return new Outcome(summary.exitCode().code(), summary.message());
  }

  static String summaryLine(RunSummary s, String output, double wallSeconds) {
    return Json.text(new SummaryLine(s.runId(), s.exitCode().code(), s.pairs(), s.succeeded(),
        s.failed(), s.skipped(), io.stylebatch.config.Uris.redact(output), Math.round(wallSeconds * 10) / 10.0,
        s.randomWeights(), s.message()));
  }

  /** A failure before a run started: its line on stderr, and the JSON line on stdout like every other end. */
  private static Outcome fail(PrintStream out, PrintStream err, ExitCode code, String message, String output,
      long start) {
    err.println("stylebatch: " + message);
    out.println(summaryLine(RunSummary.error(null, code, message), output, (System.nanoTime() - start) / 1e9));
    return new Outcome(code.code(), message);
  }
}
