package io.stylebatch.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column types a manifest may have: text for the URIs, text or a whole number for ids, text, numbers
 * or booleans for overrides. Anything else (binary, arrays, structs, dates) is refused up front, where it
 * would otherwise turn into a text such as {@code [B@1b897ffb} and fail later as "object not found".
 */
final class ManifestColumns {
  private ManifestColumns() {}

  static List<String> typeProblems(StructType schema) {
    List<String> problems = new ArrayList<>();
    for (StructField field : schema.fields()) {
      DataType type = field.dataType();
      String name = field.name();
      boolean ok = switch (name) {
        case ManifestValidator.CONTENT_URI, ManifestValidator.STYLE_URI -> type instanceof StringType;
        case ManifestValidator.ID -> type instanceof StringType || type instanceof IntegralType;
        default -> type instanceof StringType || type instanceof NumericType || type instanceof BooleanType
            || name.startsWith("_");
      };
      if (!ok) {
        problems.add("column " + name + " has type " + type.simpleString().toLowerCase(Locale.ROOT) + "; expected "
            + (name.equals(ManifestValidator.ID) ? "string or whole number"
            : name.endsWith("_uri") ? "string" : "string, number or boolean"));
      }
    }
    return problems;
  }
}
