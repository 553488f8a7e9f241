package io.stylebatch.manifest;

import java.util.Map;

/**
 * One manifest record as text, before validation. {@code rowNumber} is 1-based over data records
 * (for CSV the header is not counted), which is how problems are reported.
 */
public record ManifestRow(int rowNumber, Map<String, String> values) {
  /** The trimmed cell, or null when the column is absent or the cell empty. */
  public String get(String column) {
    String v = values.get(column);
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }
}
