package io.stylebatch.manifest;

import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a manifest on the driver into text rows, in file order. The format comes from the extension
 * ({@code .csv}, {@code .json}/{@code .jsonl}/{@code .ndjson}, {@code .parquet}) unless
 * {@code stylebatch.manifest.format} names it.
 */
public final class ManifestReader {
  /** Manifest formats. */
  public enum Format {
    CSV, JSON, PARQUET
  }

  /** What was read: the column names and the rows. */
  public record Contents(List<String> columns, List<ManifestRow> rows) {}

  private ManifestReader() {}

  public static Format formatOf(String uri, String configured) {
    String c = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
    if (!c.equals("auto")) {
      try {
        return Format.valueOf(c.equals("jsonl") ? "JSON" : c.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ManifestException(uri, List.of("unknown manifest format '" + configured
            + "' in stylebatch.manifest.format (expected auto, csv, json or parquet)"));
      }
    }
    String name = uri.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Format.JSON;
    }
    if (name.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    throw new ManifestException(uri, List.of("cannot tell the manifest format from the name '" + uri
        + "' (expected .csv, .json, .jsonl, .ndjson or .parquet); set stylebatch.manifest.format"));
  }

  public static Contents read(SparkSession spark, ObjectStore store, String uri, Format format) {
    try {
      if (!store.exists(uri)) {
        throw new ManifestException(uri, List.of("the manifest does not exist"));
      }
    } catch (IOException e) {
      throw new ManifestException(uri, List.of("the manifest cannot be read: " + e.getMessage()));
    }
    Dataset<Row> df;
    try {
      String path = ObjectStore.path(uri).toString();
      df = switch (format) {
        case CSV -> readCsv(spark, path);
        case JSON -> spark.read().option("mode", "PERMISSIVE").json(path);
        case PARQUET -> spark.read().parquet(path);
      };
    } catch (RuntimeException e) {
      throw new ManifestException(uri, List.of("the manifest cannot be read as " + format + ": "
          + firstLine(e.getMessage())));
    }
    List<String> typeProblems = ManifestColumns.typeProblems(df.schema());
    if (!typeProblems.isEmpty()) {
      throw new ManifestException(uri, typeProblems);
    }
    List<String> columns = Arrays.stream(df.columns()).filter(c -> !c.equals(EXTRA_FIELDS)).toList();
    List<ManifestRow> rows = new ArrayList<>();
    int n = 0;
    for (Row r : df.collectAsList()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String column : df.columns()) {
        Object v = r.getAs(column);
        values.put(column, v == null ? null : v.toString());
      }
      rows.add(new ManifestRow(++n, values));
    }
    return new Contents(columns, rows);
  }

  /**
   * A CSV column that collects the fields of a record beyond the header's: Spark's reader would otherwise
   * drop them silently (an unquoted comma in a path shifts every later field).
   */
  static final String EXTRA_FIELDS = "_extra_fields";

  private static Dataset<Row> readCsv(SparkSession spark, String path) {
    String[] header = spark.read().option("header", "true").option("inferSchema", "false").csv(path).columns();
    StructType schema = new StructType();
    for (String column : header) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema = schema.add(EXTRA_FIELDS, DataTypes.StringType);
    return spark.read().option("header", "true").option("enforceSchema", "true").option("mode", "PERMISSIVE")
        .schema(schema).csv(path);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
