package io.stylebatch.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key in reference.conf appears, with its default, in the configuration reference. */
class ConfigDocumentationTest {
  @Test
  void everyReferenceKeyIsDocumentedWithItsDefault() throws Exception {
    String doc = Files.readString(Path.of("conf/README.md"));
    var reference = ConfigFactory.defaultReference().getConfig("stylebatch").atKey("stylebatch");
    List<String> missing = reference.entrySet().stream()
        .map(Map.Entry::getKey)
        .filter(key -> !doc.contains("`" + key + "`"))
        .sorted()
        .toList();
    assertTrue(missing.isEmpty(), "undocumented keys in conf/README.md: " + missing);
    for (var e : reference.entrySet()) {
      String rendered = e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()).replace("\"", "");
      String row = doc.lines().filter(l -> l.contains("`" + e.getKey() + "`")).findFirst().orElseThrow();
      String normalizedRow = row.replace(" ", "");
      assertTrue(normalizedRow.contains(rendered.replace(" ", "")),
          e.getKey() + ": default " + rendered + " not in its row: " + row);
    }
  }
}
