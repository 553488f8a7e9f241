package io.stylebatch.storage;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Local files under the {@code gated:} scheme. The first read from a Spark task thread waits until the test opens
 * the gate: an explicit hand-off that holds a run inside one of its tasks (so it cannot finish) for as long as a
 * test needs, instead of a race against the run's speed. Other reads pass, so the other task slots stay free for
 * whatever else the test runs meanwhile. Register with {@link #register}.
 *
 * <p>Across processes (executors of a real cluster, with this class shipped in a jar), set
 * {@code fs.gated.gate} to a folder: the held read writes {@code reached-PID} there and waits for a file
 * {@code open} in it.
 */
public final class GatedFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "gated";
  private static volatile CountDownLatch reached = new CountDownLatch(1);
  private static volatile CountDownLatch open = new CountDownLatch(1);
  private static final java.util.concurrent.atomic.AtomicBoolean HOLDING = new java.util.concurrent.atomic.AtomicBoolean();

  /** Makes {@code gated:} URIs readable through {@code hadoop} and closes the gate. */
  public static void register(Configuration hadoop) {
    hadoop.set("fs." + SCHEME + ".impl", GatedFileSystem.class.getName());
    hadoop.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
    closeGate();
  }

  /** The URI of a local file under this scheme. */
  public static String uri(java.nio.file.Path file) {
    return SCHEME + "://" + file.toAbsolutePath();
  }

  public static void closeGate() {
    reached = new CountDownLatch(1);
    open = new CountDownLatch(1);
    HOLDING.set(false);
  }

  /** Waits until a task is held at the gate (the first to read a gated file). */
  public static boolean awaitATaskAtTheGate(long timeout, TimeUnit unit) throws InterruptedException {
    return reached.await(timeout, unit);
  }

  /** Lets the held read through. */
  public static void openGate() {
    open.countDown();
  }

  private java.nio.file.Path gateFolder;

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    String folder = conf.get("fs." + SCHEME + ".gate");
    gateFolder = folder == null ? null : java.nio.file.Path.of(folder);
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    if (Thread.currentThread().getName().startsWith("Executor task launch worker") && HOLDING.compareAndSet(false, true)) {
      if (gateFolder != null) {
        holdAcrossProcesses();
        return super.open(f, bufferSize);
      }
      reached.countDown();
      try {
        if (!open.await(10, TimeUnit.MINUTES)) {
          throw new IOException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted at the gate");
      }
    }
    return super.open(f, bufferSize);
  }

  private void holdAcrossProcesses() throws IOException {
    java.nio.file.Files.createFile(gateFolder.resolve("reached-" + ProcessHandle.current().pid()));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!java.nio.file.Files.exists(gateFolder.resolve("open"))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the test never opened the gate " + gateFolder);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted at the gate");
      }
    }
  }

  /** A jar of this class, for {@code --jars} of a cluster's executors. */
  public static java.nio.file.Path jar(java.nio.file.Path into) throws IOException {
    java.nio.file.Path classes = java.nio.file.Path.of(GatedFileSystem.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath());
    String folder = GatedFileSystem.class.getPackageName().replace('.', '/');
    java.nio.file.Path jar = into.resolve("gated-fs.jar");
    try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar));
        var files = java.nio.file.Files.list(classes.resolve(folder))) {
      for (java.nio.file.Path c : files.filter(p -> p.getFileName().toString().startsWith("GatedFileSystem"))
          .toList()) {
        out.putNextEntry(new java.util.jar.JarEntry(folder + "/" + c.getFileName()));
        out.write(java.nio.file.Files.readAllBytes(c));
        out.closeEntry();
      }
    }
    return jar;
  }
}
