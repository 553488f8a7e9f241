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
}
