package io.stylebatch.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3 API server (s3proxy 4.1.0, filesystem-backed) as a child process on 127.0.0.1. Its
 * standalone jar is copied to target/s3proxy/ by the build, which keeps its dependencies off the test
 * classpath. Objects live as files under {@code dataDir/<bucket>/<key>}.
 */
public final class S3ProxyProcess implements AutoCloseable {
  private final Path dataDir;
  private int port;
  private final String accessKey;
  private final String secretKey;
  private static final Pattern BOUND = Pattern.compile("Started \\S*ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)\\}");
  private static final Pattern REQUEST = Pattern.compile("S3ProxyHandler.* request: .*\\{([A-Z]+)@\\S* (\\S+) HTTP/");
  private Process process;
  private boolean logRequests;

  public S3ProxyProcess(Path dataDir, String accessKey, String secretKey) throws IOException {
    this(dataDir, 0, accessKey, secretKey);
  }

  public S3ProxyProcess(Path dataDir, int port, String accessKey, String secretKey) {
    this.dataDir = dataDir;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Creates the bucket (a directory for the filesystem store) and starts the server. With port 0 the server
   * binds a free port itself and the port is read from its log (Jetty's "Started ServerConnector" line),
   * so no port is guessed; a restart after {@link #kill()} reuses the port it had.
   */
  public S3ProxyProcess start(String... buckets) throws IOException, InterruptedException {
    for (String b : buckets) {
      Files.createDirectories(dataDir.resolve(b));
    }
    Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build (process-test-resources) first");
    }
    Path props = dataDir.resolveSibling(dataDir.getFileName() + "-s3proxy.properties");
    Files.writeString(props, String.join("\n", List.of(
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + dataDir.toAbsolutePath())) + "\n");
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-s3proxy.log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "--properties",
        props.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (logRequests) {
      builder.environment().put("LOG_LEVEL", "debug");
      builder.environment().put("JETTY_LOG_LEVEL", "info");
    }
    process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + log);
      }
      if (port == 0) {
        Matcher m = BOUND.matcher(Files.readString(log));
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      if (port != 0) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return this;
        } catch (IOException notYet) {
          // not accepting yet
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("s3proxy did not open port " + port + " within 60 s; see " + log);
  }

  /** Makes the server log every request it receives (at debug level), for {@link #requests()}; before start. */
  public S3ProxyProcess logRequests() {
    logRequests = true;
    return this;
  }

  /** Every request the server has received so far, as "METHOD url", in order (with {@link #logRequests()}). */
  public List<String> requests() throws IOException {
    List<String> requests = new java.util.ArrayList<>();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-s3proxy.log");
    for (String line : Files.readAllLines(log)) {
      Matcher m = REQUEST.matcher(line);
      if (m.find()) {
        requests.add(m.group(1) + " " + m.group(2));
      }
    }
    return requests;
  }

  /** Kills the server process (as an outage would) and waits until it is gone. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
