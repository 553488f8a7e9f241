package io.stylebatch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.settings.TransferSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Row overrides go through the settings table: every overridable setting is a column, checked per cell. */
class ManifestValidatorTest {
  private static ManifestRow row(int n, String... columnsAndValues) {
    Map<String, String> values = new LinkedHashMap<>(Map.of("id", "p" + n, "content_uri", "c.png", "style_uri",
        "s.png"));
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      values.put(columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return new ManifestRow(n, values);
  }

  @Test
  void everyOverridableSettingIsAColumnAndAppliesToItsRowOnly() {
    List<String> columns = List.of("id", "content_uri", "style_uri", "iterate_average", "image_size");
    List<PairSpec> pairs = ManifestValidator.validate("m.csv", columns,
        List.of(row(1, "iterate_average", "0.9", "image_size", "64"), row(2)), TestSettings.of());
    assertEquals(0.9, pairs.get(0).settings().get(TransferSetting.ITERATE_AVERAGE));
    assertEquals(64, pairs.get(0).settings().imageSize());
    assertEquals(0.0, pairs.get(1).settings().get(TransferSetting.ITERATE_AVERAGE));
    assertEquals(TransferSetting.overrideColumns(), ManifestValidator.OVERRIDE_COLUMNS);
  }

  @Test
  void everyBadCellOfEveryRowIsReportedWithRowAndColumn() {
    List<String> columns = List.of("id", "content_uri", "style_uri", "iterate_average", "seed", "tv_weight");
    ManifestException e = assertThrows(ManifestException.class, () -> ManifestValidator.validate("m.csv", columns,
        List.of(row(1, "iterate_average", "1", "seed", "5d"), row(2, "tv_weight", "0x10p0")), TestSettings.of()));
    assertEquals(List.of("row 1, column seed: '5d' is not a number",
        "row 1, column iterate_average: must be in [0, 1), got 1", "row 2, column tv_weight: '0x10p0' is not a number"),
        e.problems(), "in row order, then in the order of the settings table");
  }

  @Test
  void aCatalogOfBadRowsListsTheFirstHundredAndCountsTheRest() {
    List<String> columns = List.of("id", "content_uri", "style_uri", "seed");
    List<ManifestRow> rows = new java.util.ArrayList<>();
    for (int n = 1; n <= 10_000; n++) {
      rows.add(row(n, "seed", n % 40 == 0 ? "x" + n : "1"));
    }
    ManifestException e = assertThrows(ManifestException.class, () -> ManifestValidator.validate("m.csv", columns,
        rows, TestSettings.of()));
    assertEquals(ProblemList.SHOWN, e.problems().size());
    assertEquals("row 40, column seed: 'x40' is not a number", e.problems().get(0));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("invalid manifest m.csv (250 problems):"),
        e.getMessage().lines().findFirst().orElse(""));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith("… and 150 more (the first 100 are listed)"),
        e.getMessage().lines().reduce((a, b) -> b).orElse(""));
  }
}
