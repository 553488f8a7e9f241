package io.stylebatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark distribution made from the Maven-resolved jars, for the cluster tests: {@code target/spark-home/jars}
 * holds Spark, Hadoop and Spark's YARN module (the provided scope) plus the libraries Spark itself depends
 * on that the job shares (SLF4J, commons-lang3, ...), as a distribution has them; not the job's own, which
 * executors get only from the job jar.
 */
final class SparkDistribution {
  /** Libraries that only the job brings (inside its jar), not a Spark distribution. */
  private static final List<String> JOB_ONLY = List.of("/org/nd4j/", "/org/bytedeco/", "/io/jhdf/",
      "/com/typesafe/config/", "/com/twelvemonkeys/", "/com/google/flatbuffers/");

  private SparkDistribution() {}

  /** The JVM options Spark needs on Java 17, as the build writes them from pom.xml. */
  static List<String> opens() throws IOException {
    return List.of(Files.readString(Path.of("target/jvm-options.txt")).trim().split("\\s+"));
  }

  /** Lays out {@code target/spark-home} (links to the jars in the local Maven repository) and returns it. */
  static synchronized Path home() throws IOException {
    Path home = Path.of("target/spark-home").toAbsolutePath();
    Path jars = home.resolve("jars");
    if (Files.isDirectory(jars)) {
      try (Stream<Path> old = Files.list(jars)) {
        for (Path p : (Iterable<Path>) old::iterator) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(jars);
    List<String> entries = new ArrayList<>(List.of(Files.readString(Path.of("target/classpath-provided.txt"))
        .trim().split(":")));
    for (String e : Files.readString(Path.of("target/classpath-runtime.txt")).trim().split(":")) {
      if (JOB_ONLY.stream().noneMatch(e::contains)) {
        entries.add(e);
      }
    }
    for (String e : entries) {
      Path jar = Path.of(e);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  /** A JVM on the distribution's jars running {@code args}, its output appended to {@code log}. */
  static Process startJava(Path home, Path log, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m"));
    cmd.addAll(opens());
    cmd.addAll(List.of("-cp", home.resolve("jars") + "/*"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The last lines of a log, for assertion messages. */
  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Deletes a folder the test created, with everything in it. */
  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * A cluster run's output is complete: one SUCCEEDED row per pair, one {@code p<n>.<extension>} image per
   * pair of {@code width} px and nothing else under {@code images/}, and {@code _SUCCESS}.
   */
  static List<org.apache.spark.sql.Row> verifyComplete(org.apache.spark.sql.SparkSession spark, Path out, int pairs,
      int width, String extension) throws IOException {
    List<org.apache.spark.sql.Row> results = spark.read().parquet(out.resolve("results").toString()).collectAsList();
    org.junit.jupiter.api.Assertions.assertEquals(pairs, results.size());
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (org.apache.spark.sql.Row r : results) {
      org.junit.jupiter.api.Assertions.assertTrue(ids.add(r.getAs("id")), "duplicate row " + r.getAs("id"));
      org.junit.jupiter.api.Assertions.assertEquals("SUCCEEDED", r.getAs("status"), "error: " + r.getAs("error"));
    }
    try (Stream<Path> files = Files.list(out.resolve("images"))) {
      List<Path> images = files.toList();
      org.junit.jupiter.api.Assertions.assertEquals(pairs, images.size(), "one image per pair, nothing else: " + images);
      for (Path p : images) {
        org.junit.jupiter.api.Assertions.assertTrue(p.getFileName().toString().matches("p[0-9]+\\." + extension),
            p.toString());
        org.junit.jupiter.api.Assertions.assertEquals(width, io.stylebatch.image.ImageCodec.decodeOutput(
            Files.readAllBytes(p), p.toString()).getWidth());
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(Files.exists(out.resolve("_SUCCESS")));
    return results;
  }

  /** Whether a run has written its first image (of any format) under {@code images}. */
  static boolean hasImage(Path images) throws IOException {
    if (!Files.isDirectory(images)) {
      return false;
    }
    try (Stream<Path> files = Files.list(images)) {
      return files.anyMatch(p -> !p.getFileName().toString().startsWith("."));
    }
  }
}
