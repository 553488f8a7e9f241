package io.stylebatch.tools;

import io.stylebatch.image.InputLimits;
import io.stylebatch.job.StyleBatchJob;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.report.ReportData;
import io.stylebatch.report.ReportSettings;
import io.stylebatch.report.RunReport;
import io.stylebatch.storage.ObjectStore;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** (Re)builds {@code report/index.html} of a finished run, reading its tables with local Spark. */
@Command(name = "report.sh", mixinStandardHelpOptions = true,
    description = "Rebuilds OUTPUT/report/index.html from the run's results/ and losses/.")
public final class ReportMain implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Parameters(paramLabel = "OUTPUT", description = "the --output of the run")
  String output;

  public static void main(String[] args) {
    ConfigOption.exit(new ReportMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    io.stylebatch.config.LoadedConfig cfg = config.load();
    SparkSession spark = StyleBatchJob.createSession("StyleBatch report");
    try {
      ObjectStore store = config.objectStore(cfg, spark.sparkContext().hadoopConfiguration());
      OutputLayout layout = new OutputLayout(output);
      ReportSettings settings = ReportSettings.from(cfg);
      String uri = RunReport.write(store, layout, ReportData.fromTables(spark, store, layout, settings), settings,
          InputLimits.from(cfg), null);
      System.out.println("wrote " + uri);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
