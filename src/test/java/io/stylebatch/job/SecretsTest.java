package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stylebatch.config.Uris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URI with credentials is refused before anything uses it — in the manifest, as the weights, the output,
 * the manifest or the config file — with exit 2 and a line naming where it is, and the secret appears in no
 * output: not on stdout or stderr, not in a log line, not in any file the run leaves.
 */
class SecretsTest {
  private static final String SECRET = "PlantedS3cretValue42";
  private static final String WITH_SECRET = "s3a://AKIAPLANTED:" + SECRET + "@bucket/in/photo.png";

  @TempDir
  Path dir;

  private record Ended(int code, String stdout, String stderr, List<String> logs) {}

  private Ended run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (LogCapture capture = LogCapture.install()) {
      int code = JobCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8)).code();
      return new Ended(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
          capture.lines());
    }
  }

  private void assertNoSecret(Ended e) throws IOException {
    Assertions.assertFalse(e.stdout().contains(SECRET), e.stdout());
    Assertions.assertFalse(e.stderr().contains(SECRET), e.stderr());
    for (String line : e.logs()) {
      Assertions.assertFalse(line.contains(SECRET), line);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("manifest.csv")) {
          Assertions.assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(SECRET),
              "secret in " + p);
        }
      }
    }
  }

  @Test
  void credentialsInAManifestValueAreRefusedWithRowAndColumn() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    List<String[]> rows = new ArrayList<>(f.threePairs());
    rows.get(1)[1] = WITH_SECRET;
    Path manifest = f.csv("manifest.csv", "id,content_uri,style_uri", rows);
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("--manifest", manifest.toString(), "--output", out.toString()));
    f.fastSettings().forEach(s -> {
      args.add("--set");
      args.add(s);
    });
    Ended e = run(args.toArray(String[]::new));
    assertEquals(2, e.code(), e.stderr());
    Assertions.assertTrue(e.stderr().contains("row 2, column content_uri") && e.stderr().contains("s3a://***@bucket"),
        e.stderr());
    Assertions.assertTrue(e.stdout().contains("\"exit_code\":2"), e.stdout());
    assertFalse(Files.exists(out), "nothing written");
    assertNoSecret(e);
  }

  @Test
  void credentialsInTheWeightsOutputManifestOrConfigAreRefused() throws IOException {
    JobFixtures f = new JobFixtures(dir);
    Path manifest = f.csv("manifest.csv", "id,content_uri,style_uri", f.threePairs());
    String out = dir.resolve("out").toString();
    String[][] cases = {
        {"--manifest", manifest.toString(), "--output", out, "--set", "stylebatch.model.weights=\"" + WITH_SECRET + "\""},
        {"--manifest", manifest.toString(), "--output", WITH_SECRET},
        {"--manifest", WITH_SECRET, "--output", out},
        {"--manifest", manifest.toString(), "--output", out, "--config", WITH_SECRET}};
    String[] named = {"stylebatch.model.weights", "--output", "--manifest", "--config"};
    for (int i = 0; i < cases.length; i++) {
      Ended e = run(cases[i]);
      assertEquals(2, e.code(), named[i] + ": " + e.stderr());
      Assertions.assertTrue(e.stderr().startsWith("stylebatch: " + named[i]) && e.stderr().contains("credentials"),
          e.stderr());
      assertNoSecret(e);
    }
    Ended printed = run("--print-config", "--set", "stylebatch.model.weights=\"" + WITH_SECRET + "\"");
    assertEquals(0, printed.code());
    Assertions.assertTrue(printed.stdout().contains("s3a://***@bucket/in/photo.png"), printed.stdout());
    assertNoSecret(printed);
  }

  @Test
  void redactionMasksUserInfoOnly() {
    assertEquals("s3a://***@b/k.png", Uris.redact("s3a://K:S@b/k.png"));
    assertEquals("s3a://b/k@2x.png", Uris.redact("s3a://b/k@2x.png"), "an @ in a key is not user info");
    assertEquals("see s3a://***@b/x and hdfs://nn/y", Uris.redactText("see s3a://K:S@b/x and hdfs://nn/y"));
    Assertions.assertTrue(Uris.credentialProblem("file:///tmp/a@b.png").isEmpty());
  }
}
