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
      throw new ManifestException(uri, "the manifest cannot be read: " + e.getMessage(), e);
    }
    Dataset<Row> df;
    List<ManifestRow> rows = new ArrayList<>();
    try {
      String path = ObjectStore.path(uri).toString();
      df = switch (format) {
        case CSV -> readCsv(spark, uri, path);
        case JSON -> spark.read().option("mode", "PERMISSIVE").json(path);
        case PARQUET -> spark.read().parquet(path);
      };
      List<String> typeProblems = ManifestColumns.typeProblems(df.schema());
      if (!typeProblems.isEmpty()) {
        throw new ManifestException(uri, typeProblems);
      }
      int n = 0;
      boolean header = format == Format.CSV;
      for (Row r : df.collectAsList()) {
        if (header) {
          header = false; // the CSV header is read as the first record (see readCsv)
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : df.columns()) {
          Object v = r.getAs(column);
          values.put(column, v == null ? null : v.toString());
        }
        rows.add(new ManifestRow(++n, values));
      }
    } catch (ManifestException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException and SparkException are checked but not declared
      throw new ManifestException(uri, "the manifest cannot be read as " + format + ": " + readProblem(e), e);
    }
    List<String> columns = Arrays.stream(df.columns()).filter(c -> !c.equals(EXTRA_FIELDS)).toList();
    return new Contents(columns, rows);
  }

  /**
   * A CSV column that collects the fields of a record beyond the header's: Spark's reader would otherwise
   * drop them silently (an unquoted comma in a path shifts every later field).
   */
  static final String EXTRA_FIELDS = "_extra_fields";

  /**
   * CSV as RFC 4180 has it: a doubled quote inside a quoted field is a quote, and a quoted field may span
   * lines. The header is read as the first record rather than by Spark's header option, so duplicate column
   * names are reported instead of renamed, and Spark's header check does not warn about the extra column.
   */
  private static Dataset<Row> readCsv(SparkSession spark, String uri, String path) {
    List<Row> firstRecord = csv(spark).csv(path).takeAsList(1);
    if (firstRecord.isEmpty()) {
      throw new ManifestException(uri, List.of("the manifest is empty (expected a header: id,content_uri,style_uri)"));
    }
    Row first = firstRecord.get(0);
    List<String> header = new ArrayList<>();
    for (int i = 0; i < first.length(); i++) {
      header.add(first.isNullAt(i) ? "" : first.getString(i).trim());
    }
    List<String> problems = new ArrayList<>();
    Map<String, Integer> firstPosition = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isEmpty()) {
        problems.add("the header's column " + (i + 1) + " has no name");
      } else if (firstPosition.putIfAbsent(name, i + 1) != null) {
        problems.add("column " + name + " appears twice in the header (columns " + firstPosition.get(name) + " and "
            + (i + 1) + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(uri, problems);
    }
    StructType schema = new StructType();
    for (String column : header) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema = schema.add(EXTRA_FIELDS, DataTypes.StringType);
    return csv(spark).option("mode", "PERMISSIVE").schema(schema).csv(path);
  }

  private static org.apache.spark.sql.DataFrameReader csv(SparkSession spark) {
    return spark.read().option("header", "false").option("inferSchema", "false").option("multiLine", "true")
        .option("escape", "\"");
  }

  /** The first line of the innermost message: Spark wraps the parser's own words in several layers. */
  private static String readProblem(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String inner = firstLine(t.getMessage());
    return t == e ? inner : firstLine(e.getMessage()) + (inner.equals("unknown error") ? "" : " (" + inner + ")");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
