package io.stylebatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.stylebatch.transfer.settings.TransferSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * conf/README.md documents every key of reference.conf with exactly its default: each table row is
 * {@code | `key` | `default` | ... |}, and the default cell must equal reference.conf's value.
 */
class ConfigDocumentationTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|");

  private static Map<String, String> documentedDefaults() throws Exception {
    Map<String, String> rows = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("conf/README.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.put(m.group(1), m.group(2));
      }
    }
    return rows;
  }

  private static String normalized(String value) {
    return value.replace("\"", "").replace(" ", "");
  }

  @Test
  void everyReferenceKeyIsDocumentedWithExactlyItsDefault() throws Exception {
    Map<String, String> doc = documentedDefaults();
    var reference = ConfigFactory.defaultReference().getConfig("stylebatch").atKey("stylebatch");
    for (String key : KnownKeys.declaredPaths(reference)) {
      var value = reference.getIsNull(key) ? null : reference.getValue(key);
      String rendered = value == null ? "null" : value.render(ConfigRenderOptions.concise());
      assertTrue(doc.containsKey(key), "undocumented key in conf/README.md: " + key);
      String documented = normalized(doc.get(key));
      if (value != null && value.unwrapped() instanceof Number n) {
        assertEquals(n.doubleValue(), Double.parseDouble(documented), 0, key + ": documented default");
      } else {
        assertEquals(normalized(rendered), documented, key + ": documented default");
      }
    }
  }

  @Test
  void everyTransferSettingOfTheTableIsDocumented() throws Exception {
    Map<String, String> doc = documentedDefaults();
    List<String> missing = TransferSetting.all().stream().map(TransferSetting::path)
        .filter(k -> !doc.containsKey(k)).toList();
    assertTrue(missing.isEmpty(), "settings of the table without a row in conf/README.md: " + missing);
  }
}
