package io.stylebatch.manifest;

import io.stylebatch.config.Uris;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.MemoryEstimate;
import io.stylebatch.transfer.settings.InvalidSettingsException;
import io.stylebatch.transfer.settings.SettingViolation;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every row of a manifest and turns it into {@link PairSpec}s, or throws a
 * {@link ManifestException} listing every problem: missing columns, missing values, duplicate or
 * unsafe ids, unknown columns, unparseable or out-of-range overrides.
 */
public final class ManifestValidator {
  public static final String ID = "id";
  public static final String CONTENT_URI = "content_uri";
  public static final String STYLE_URI = "style_uri";
  /** Per-row overrides of the transfer settings; an empty cell means "job default". */
  public static final List<String> OVERRIDE_COLUMNS = TransferSetting.overrideColumns();
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private ManifestValidator() {}

  public static List<PairSpec> validate(String manifestUri, List<String> columns, List<ManifestRow> rows,
      TransferSettings defaults) {
    return validate(manifestUri, columns, rows, defaults, Long.MAX_VALUE);
  }

  /**
   * @param maxPairMemoryBytes rows whose settings need more (estimated) memory are rejected up front
   */
  public static List<PairSpec> validate(String manifestUri, List<String> columns, List<ManifestRow> rows,
      TransferSettings defaults, long maxPairMemoryBytes) {
    ProblemList problems = new ProblemList();
    Set<String> known = new LinkedHashSet<>(List.of(ID, CONTENT_URI, STYLE_URI));
    known.addAll(OVERRIDE_COLUMNS);
    for (String required : List.of(ID, CONTENT_URI, STYLE_URI)) {
      if (!columns.contains(required)) {
        problems.add("column " + required + " is missing (found columns: " + columns + ")");
      }
    }
    for (String column : columns) {
      if (!known.contains(column) && !column.startsWith("_")) {
        problems.add("column " + column + " is not a known column (expected " + known + ")");
      }
    }
    if (rows.isEmpty()) {
      problems.add("the manifest has no rows");
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(manifestUri, problems);
    }
    List<PairSpec> pairs = new ArrayList<>();
    Map<String, ManifestRow> firstRowOfId = new HashMap<>();
    for (ManifestRow row : rows) {
      String where = "row " + row.rowNumber();
      if (row.values().containsKey("_corrupt_record") && row.get("_corrupt_record") != null) {
        problems.add(where + ": not a valid JSON record: " + abbreviate(row.get("_corrupt_record")));
        continue;
      }
      String extra = row.get(ManifestReader.EXTRA_FIELDS);
      if (extra != null) {
        problems.add(where + ": has more fields than the header (extra: " + abbreviate(extra)
            + "); quote values that contain commas");
      }
      String id = row.get(ID);
      String idProblem = idProblem(row.values().get(ID));
      if (idProblem != null) {
        problems.add(where + ", column id: " + idProblem);
      } else {
        // Ids name files; on case-insensitive stores (macOS, Windows, some S3 gateways) A and a collide.
        ManifestRow first = firstRowOfId.putIfAbsent(id.toLowerCase(Locale.ROOT), row);
        if (first != null) {
          boolean sameCase = id.equals(first.get(ID));
          problems.add(where + ", column id: duplicate id '" + id + "' (first used in row " + first.rowNumber()
              + (sameCase ? ")" : " as '" + first.get(ID) + "'; ids must differ in more than letter case)"));
        }
      }
      String content = row.get(CONTENT_URI);
      String style = row.get(STYLE_URI);
      if (content == null) {
        problems.add(where + ", column content_uri: value is empty");
      }
      if (style == null) {
        problems.add(where + ", column style_uri: value is empty");
      }
      for (String column : List.of(CONTENT_URI, STYLE_URI)) {
        String value = row.get(column);
        Optional<String> secret = Uris.credentialProblem(value);
        if (secret.isPresent()) {
          problems.add(where + ", column " + column + ": " + secret.get());
          content = column.equals(CONTENT_URI) ? null : content;
          style = column.equals(STYLE_URI) ? null : style;
        }
      }
      TransferSettings settings = applyOverrides(row, defaults, problems);
      if (settings != null && MemoryEstimate.bytes(settings, maxPairMemoryBytes) > maxPairMemoryBytes) {
        problems.add(String.format(java.util.Locale.ROOT,
            "%s, column image_size: image size %d needs about %.1f GB per pair even in the smallest tiles, more "
                + "than stylebatch.job.max-pair-memory (%.1f GB)", where, settings.imageSize(),
            MemoryEstimate.bytes(settings, maxPairMemoryBytes) / 1e9, maxPairMemoryBytes / 1e9));
        settings = null;
      }
      if (idProblem == null && content != null && style != null && settings != null) {
        pairs.add(new PairSpec(row.rowNumber(), id, resolve(manifestUri, content), resolve(manifestUri, style),
            settings));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(manifestUri, problems);
    }
    return pairs;
  }

  /**
   * Relative paths (no scheme, not starting with '/') are resolved against the manifest's directory,
   * so a manifest and its images can be moved or uploaded together.
   */
  static String resolve(String manifestUri, String uri) {
    if (ObjectStore.hasScheme(uri) || uri.startsWith("/")) {
      return uri;
    }
    int slash = manifestUri.lastIndexOf('/');
    return slash < 0 ? uri : manifestUri.substring(0, slash + 1) + uri;
  }

  /** Why {@code id} cannot name output files, or null if it can. */
  static String idProblem(String raw) {
    if (raw == null || raw.trim().isEmpty()) {
      return "value is empty";
    }
    String id = raw.trim();
    if (id.length() > 128) {
      return "id is " + id.length() + " characters long, the limit is 128";
    }
    if (id.startsWith(".")) {
      return "id '" + abbreviate(id) + "' starts with '.'";
    }
    if (!SAFE_ID.matcher(id).matches()) {
      return "id '" + abbreviate(id) + "' may only contain letters, digits, '.', '_' and '-'";
    }
    return null;
  }

  private static TransferSettings applyOverrides(ManifestRow row, TransferSettings defaults, ProblemList problems) {
    Map<TransferSetting<?>, Object> changes = new HashMap<>();
    boolean unparseable = false;
    String where = "row " + row.rowNumber() + ", column ";
    for (String column : OVERRIDE_COLUMNS) {
      String value = row.get(column);
      if (value == null) {
        continue;
      }
      TransferSetting<?> setting = TransferSetting.byColumn(column).orElseThrow();
      try {
        changes.put(setting, setting.parse(value));
      } catch (IllegalArgumentException e) {
        problems.add(where + column + ": " + e.getMessage());
        unparseable = true;
      }
    }
    if (unparseable) {
      return null;
    }
    try {
      return defaults.with(changes);
    } catch (InvalidSettingsException e) {
      for (SettingViolation v : e.violations()) {
        String column = v.setting().column() != null ? v.setting().column() : v.setting().key();
        problems.add(where + column + ": " + v.message());
      }
      return null;
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}
