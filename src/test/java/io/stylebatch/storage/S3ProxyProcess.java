package io.stylebatch.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server (s3proxy 4.1.0, filesystem-backed) as a child process on 127.0.0.1. Its
 * standalone jar is copied to target/s3proxy/ by the build, which keeps its dependencies off the test
 * classpath. Objects live as files under {@code dataDir/<bucket>/<key>}.
 */
public final class S3ProxyProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private Process process;

  public S3ProxyProcess(Path dataDir, String accessKey, String secretKey) throws IOException {
    this(dataDir, freePort(), accessKey, secretKey);
  }

  public S3ProxyProcess(Path dataDir, int port, String accessKey, String secretKey) {
    this.dataDir = dataDir;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Creates the bucket (a directory for the filesystem store) and starts the server. */
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
    process = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return this;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("s3proxy did not open port " + port + " within 60 s; see " + log);
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
