package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's edge without Spark: operator commands, the one-line errors, the exit policy. */
class JobCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private JobCommand.Outcome run(String... args) {
    return JobCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void versionComesFromTheBuild() {
    assertEquals(0, run("--version").code());
    assertTrue(out.toString(StandardCharsets.UTF_8).matches("StyleBatch \\d+\\.\\d+\\.\\d+\\S* \\(Java .*\\)\\s*"),
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printConfigShowsOriginsAndMasksSecrets() throws Exception {
    Path file = Files.writeString(dir.resolve("job.conf"), "stylebatch.transfer.iterations = 42\n"
        + "stylebatch.spark.conf { \"spark.hadoop.fs.s3a.secret.key\" = \"hunter2\" }\n");
    assertEquals(0, run("--print-config", "--config", file.toString(), "--set",
        "stylebatch.transfer.image-size=64").code());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("stylebatch.transfer.iterations = 42   # " + file)),
        String.join("\n", lines));
    assertTrue(lines.contains("stylebatch.transfer.image-size = \"64\"   # --set stylebatch.transfer.image-size: 1"),
        String.join("\n", lines));
    assertTrue(lines.contains("stylebatch.transfer.seed = 0   # default (reference.conf)"), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.contains("secret.key") && l.contains("\"***\"")));
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("hunter2"), "secrets never shown");
  }

  @Test
  void theConfigFileMayBeAUri() throws Exception {
    Path file = Files.writeString(dir.resolve("uri.conf"), "stylebatch.transfer.iterations = 43\n");
    assertEquals(0, run("--print-config", "--config", file.toUri().toString()).code());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("stylebatch.transfer.iterations = 43"));
    assertEquals(2, run("--print-config", "--config", "file:///no/such/stylebatch.conf").code());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("config file file:///no/such/stylebatch.conf does not "
        + "exist"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badArgumentsAndConfigurationEndInOneLineAndExit2() throws Exception {
    JobCommand.Outcome o = run("--manifest", "m.csv", "--output", "out", "--set", "stylbatch.transfer.iterations=5");
    assertEquals(2, o.code());
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("stylebatch: --set stylbatch.transfer.iterations (did you mean"), lines.get(0));
    assertEquals(2, new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip()).get("exit_code").asInt(),
        "a configuration error still ends with the JSON line on stdout");
    err.reset();
    assertEquals(2, run("--manifest", "m.csv").code());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("stylebatch: --manifest and --output are required"));
  }

  @Test
  void aSparkKeyGivenWholeOrNestedReachesSparkUnmangled() {
    for (String key : List.of("stylebatch.spark.conf.\"spark.driver.maxResultSize\"",
        "stylebatch.spark.conf.spark.driver.maxResultSize")) {
      var config = JobArguments.of("m.csv", "out", null, List.of(key + "=2g")).loadConfig();
      assertEquals("2g", config.sparkProperties().get("spark.driver.maxResultSize"), key);
    }
  }

  @Test
  void theSummaryLineIsJsonForSchedulers() throws Exception {
    RunSummary s = new RunSummary("r1", ExitCode.TOO_MANY_FAILURES, 3, 1, 2, 0, 1, 1, "2 of 3 pairs failed\nmore",
        true, java.util.List.of());
    JsonNode json = new ObjectMapper().readTree(JobCommand.summaryLine(s, "s3a://b/out", 12.34));
    assertEquals("r1", json.get("run_id").asText());
    assertEquals(3, json.get("exit_code").asInt());
    assertEquals(2, json.get("failed").asInt());
    assertEquals("s3a://b/out", json.get("output").asText());
    assertEquals(12.3, json.get("wall_seconds").asDouble());
    assertEquals("2 of 3 pairs failed\nmore", json.get("error").asText(), "the whole message, not its first line");
    JsonNode masked = new ObjectMapper().readTree(JobCommand.summaryLine(s, "s3a://AKIA:s3cr3t@b/out", 1));
    assertEquals("s3a://***@b/out", masked.get("output").asText(), "credentials never echoed");
    assertTrue(json.get("random_weights").asBoolean());
  }

  @Test
  void clientModeExitsWithTheCodeAndClusterModeReturnsOrThrows() {
    List<Integer> exits = new ArrayList<>();
    new ExitPolicy(false, exits::add).finish(3, "too many failures");
    new ExitPolicy(false, exits::add).finish(0, null);
    assertEquals(List.of(3, 0), exits);
    ExitPolicy cluster = new ExitPolicy(true, exits::add);
    cluster.finish(0, null);
    ExitPolicy.JobFailedException e = assertThrows(ExitPolicy.JobFailedException.class,
        () -> cluster.finish(2, "invalid manifest"));
    assertEquals(2, e.exitCode());
    assertEquals("stylebatch exit code 2: invalid manifest", e.getMessage());
    assertEquals(List.of(3, 0), exits, "cluster mode never calls System.exit");
  }
}
