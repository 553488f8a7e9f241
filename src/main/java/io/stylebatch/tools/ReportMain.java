package io.stylebatch.tools;

import io.stylebatch.config.ConfigLoader;
import io.stylebatch.job.StyleBatchJob;
import io.stylebatch.report.ReportSettings;
import io.stylebatch.report.RunReport;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * (Re)builds {@code report/index.html} of a finished run with local Spark.
 * Usage: {@code ReportMain [--config FILE] OUTPUT}.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) throws Exception {
    ToolArgs parsed = ToolArgs.parse(args);
    if (parsed.positional().size() != 1 || parsed.positional().get(0).startsWith("-")) {
      System.out.println("usage: report.sh [--config FILE] OUTPUT   (rebuilds OUTPUT/report/index.html)");
      System.exit(args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? 0 : 2);
    }
    String output = parsed.positional().get(0);
    var cfg = ConfigLoader.load(parsed.config(), List.of());
    ReportSettings settings = ReportSettings.from(cfg);
    SparkSession spark = StyleBatchJob.createSession("StyleBatch report");
    try {
      S3Settings.from(cfg).applyTo(spark.sparkContext().hadoopConfiguration());
      ObjectStore store = new ObjectStore(spark.sparkContext().hadoopConfiguration());
      String uri = RunReport.write(spark, store, output, settings.thumbnailSize(), settings.maxDetailedPairs());
      System.out.println("wrote " + uri);
    } finally {
      spark.stop();
    }
  }
}
