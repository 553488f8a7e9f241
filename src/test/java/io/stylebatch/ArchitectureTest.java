package io.stylebatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md true: the packages form layers in the order the page lists them, each using only
 * the ones before it; only {@code config} touches Typesafe Config; the engine knows neither Spark nor Hadoop; a
 * class over 300 lines says why. Reads the sources, imports and fully qualified names alike (comments left out).
 */
class ArchitectureTest {
  /** Lowest first, as docs/architecture.md lists them. */
  static final List<String> LAYERS = List.of("config", "image", "model", "transfer.settings", "transfer.optim",
      "transfer.objective", "transfer", "storage", "manifest", "output", "report", "job.gpu", "job.executor",
      "job.plan", "job", "tools");
  private static final List<String> ENGINE = List.of("image", "model", "transfer.settings", "transfer.optim",
      "transfer.objective", "transfer");
  private static final Path MAIN = Path.of("src/main/java/io/stylebatch");
  private static final Path TOOLS = Path.of("src/tools/java/io/stylebatch");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.stylebatch\\.([a-z.]+?)\\.[A-Z]");
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");

  private static final Map<Path, String> SOURCES = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    for (Path root : List.of(MAIN, TOOLS)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          SOURCES.put(file, Files.readString(file));
        }
      }
    }
  }

  private static Path rootOf(Path file) {
    return file.startsWith(MAIN) ? MAIN : TOOLS;
  }

  private static String packageOf(Path file) {
    return rootOf(file).relativize(file.getParent()).toString().replace('/', '.');
  }

  @Test
  void srcMainHoldsTheProductAndSrcToolsTheTools() {
    SOURCES.keySet().forEach(file -> assertEquals(file.startsWith(TOOLS), packageOf(file).equals("tools"),
        file + ": tools live in src/tools, the product in src/main"));
  }

  private static String code(String source) {
    return STRINGS.matcher(COMMENTS.matcher(source).replaceAll(" ")).replaceAll("\"\"");
  }

  @Test
  void everyPackageIsALayerOfThePage() throws IOException {
    List<String> unlisted = SOURCES.keySet().stream().map(ArchitectureTest::packageOf).distinct()
        .filter(p -> !LAYERS.contains(p)).toList();
    assertEquals(List.of(), unlisted, "packages missing from LAYERS and docs/architecture.md");
    String page = Files.readString(Path.of("docs/architecture.md"));
    int previous = -1;
    for (String layer : LAYERS) {
      int at = page.indexOf("| `" + layer + "` |");
      assertTrue(at > previous, "docs/architecture.md lists `" + layer + "` out of order or not at all");
      previous = at;
    }
  }

  @Test
  void noPackageUsesOneAfterIt() {
    List<String> violations = new ArrayList<>();
    SOURCES.forEach((file, source) -> {
      String own = packageOf(file);
      Matcher m = REFERENCE.matcher(code(source));
      while (m.find()) {
        String used = m.group(1);
        if (LAYERS.indexOf(used) > LAYERS.indexOf(own)) {
          violations.add(rootOf(file).relativize(file) + " (" + own + ") uses " + used);
        }
      }
    });
    assertEquals(List.of(), violations.stream().distinct().toList());
  }

  @Test
  void onlyConfigReadsTypesafeConfigAndTheEngineKnowsNoSparkOrHadoop() {
    List<String> violations = new ArrayList<>();
    SOURCES.forEach((file, source) -> {
      String own = packageOf(file);
      String code = code(source);
      if (!own.equals("config") && code.contains("com.typesafe.config")) {
        violations.add(rootOf(file).relativize(file) + " reads Typesafe Config");
      }
      if (ENGINE.contains(own) && (code.contains("org.apache.spark") || code.contains("org.apache.hadoop"))) {
        violations.add(rootOf(file).relativize(file) + " is engine code using Spark or Hadoop");
      }
    });
    assertEquals(List.of(), violations);
  }

  @Test
  void aClassOverThreeHundredLinesSaysWhy() {
    List<String> unexplained = SOURCES.entrySet().stream()
        .filter(e -> e.getValue().lines().count() > 300 && !e.getValue().contains("lines because"))
        .map(e -> rootOf(e.getKey()).relativize(e.getKey()).toString()).toList();
    assertEquals(List.of(), unexplained, "over 300 lines without a comment saying why (\"... lines because ...\")");
  }
}
