package io.stylebatch.storage;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Object I/O over Hadoop FileSystems. Writes are atomic from a reader's point of view: on object
 * stores ({@code s3a}, {@code gs}, ...) a single PUT only becomes visible when complete; elsewhere the
 * bytes go to a hidden temporary file in the same directory that is then renamed into place.
 *
 * <p>Holds a serializable copy of the whole Hadoop configuration, so it can be shipped to executors; the job
 * sends it once per executor (inside a broadcast), not with every task.
 */
public final class ObjectStore implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Name prefix of the hidden temporary files of {@link #writeAtomically} on non-object stores. */
  public static final String TEMP_PREFIX = "._tmp-";
  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:/");

  private final SerializableConfiguration conf;

  public ObjectStore(Configuration conf) {
    this.conf = new SerializableConfiguration(conf);
  }

  public Configuration hadoopConf() {
    return conf.get();
  }

  /** Resolves a URI or plain path; plain paths are local files relative to the working directory. */
  public static org.apache.hadoop.fs.Path path(String uri) {
    if (!hasScheme(uri)) {
      return new org.apache.hadoop.fs.Path(Path.of(uri).toAbsolutePath().toUri());
    }
    // Hadoop's Path takes URI strings with their elements unescaped: spaces, %, #, ? and non-ASCII
    // characters in names are kept as they are, not decoded.
    return new org.apache.hadoop.fs.Path(uri);
  }

  /**
   * Whether {@code location} is a URI ({@code s3a://…}, {@code hdfs://…}, {@code file:/…}) rather than a
   * local path: a scheme followed by a slash. A relative name such as {@code img:1.png} is a path.
   */
  public static boolean hasScheme(String location) {
    return SCHEME.matcher(location).lookingAt();
  }

  /**
   * Creates {@code uri} with {@code bytes} only if nothing exists there, in one step where the store can:
   * {@code O_EXCL} on local disks, the NameNode's create on HDFS. On object stores (S3A) existence is
   * checked and the object written in two steps, so callers must verify what they wrote.
   *
   * @return false if the object already existed
   */
  public boolean createIfAbsent(String uri, byte[] bytes) throws IOException {
    org.apache.hadoop.fs.Path target = path(uri);
    FileSystem fs = fileSystem(target);
    if ("file".equals(target.toUri().getScheme())) {
      Path local = Path.of(target.toUri());
      Files.createDirectories(local.getParent());
      try {
        Files.write(local, bytes, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(target, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The path's FileSystem; for local files the raw one, so no {@code .crc} sidecar files appear. */
  public FileSystem fileSystem(org.apache.hadoop.fs.Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf.get());
    if (fs instanceof LocalFileSystem local) {
      return local.getRawFileSystem();
    }
    return fs;
  }

  public boolean exists(String uri) throws IOException {
    org.apache.hadoop.fs.Path p = path(uri);
    return fileSystem(p).exists(p);
  }

  /**
   * Reads a whole object, refusing objects larger than {@code maxBytes}.
   *
   * @throws FileNotFoundException if the object does not exist
   * @throws ObjectTooLargeException if it is larger than the limit
   */
  public byte[] readAll(String uri, long maxBytes) throws IOException {
    org.apache.hadoop.fs.Path p = path(uri);
    FileSystem fs = fileSystem(p);
    FileStatus status = fileWithin(fs, p, uri, maxBytes);
    try (InputStream in = fs.open(p)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, status.getLen()));
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /**
   * The first {@code prefix} bytes of an object (all of a smaller one) by a ranged read, refusing objects larger
   * than {@code maxBytes}: enough to read an image's header without downloading the image.
   *
   * @throws FileNotFoundException if the object does not exist
   * @throws ObjectTooLargeException if it is larger than the limit
   */
  public byte[] readPrefix(String uri, long maxBytes, int prefix) throws IOException {
    org.apache.hadoop.fs.Path p = path(uri);
    FileSystem fs = fileSystem(p);
    FileStatus status = fileWithin(fs, p, uri, maxBytes);
    byte[] bytes = new byte[(int) Math.min(prefix, status.getLen())];
    try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(p)) {
      in.readFully(0, bytes);
    }
    return bytes;
  }

  /** The status of a file of at most {@code maxBytes}; a folder reads as not found. */
  private static FileStatus fileWithin(FileSystem fs, org.apache.hadoop.fs.Path p, String uri, long maxBytes)
      throws IOException {
    FileStatus status = fs.getFileStatus(p);
    if (status.isDirectory()) {
      throw new FileNotFoundException(uri + " is a directory, not a file");
    }
    if (status.getLen() > maxBytes) {
      throw new ObjectTooLargeException(uri + ": object is " + status.getLen() + " bytes, over the limit of " + maxBytes);
    }
    return status;
  }

  /** Writes {@code bytes} so that readers see either nothing (or the old object) or all of it. */
  public void writeAtomically(String uri, byte[] bytes) throws IOException {
    org.apache.hadoop.fs.Path target = path(uri);
    if ("file".equals(target.toUri().getScheme())) {
      writeLocalAtomically(Path.of(target.toUri()), bytes);
      return;
    }
    FileSystem fs = fileSystem(target);
    if (isObjectStore(target)) {
      try (OutputStream out = fs.create(target, true)) {
        out.write(bytes);
      }
      return;
    }
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
        TEMP_PREFIX + UUID.randomUUID() + "-" + target.getName());
    fs.mkdirs(target.getParent());
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("could not rename " + tmp + " to " + target);
      }
    } finally {
      if (fs.exists(tmp)) {
        fs.delete(tmp, false);
      }
    }
  }

  /**
   * Local files by java.nio: a hidden temporary file renamed into place in one step. Hadoop's local file system
   * would fork {@code chmod} for each file it creates where its native library is missing.
   */
  private static void writeLocalAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
    try {
      Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public void delete(String uri, boolean recursive) throws IOException {
    org.apache.hadoop.fs.Path p = path(uri);
    fileSystem(p).delete(p, recursive);
  }

  /**
   * A local file with the object's content: the file itself for local paths, else a copy cached in the
   * temp directory under a name derived from the URI, size and modification time.
   */
  public Path localCopy(String uri) throws IOException {
    org.apache.hadoop.fs.Path p = path(uri);
    FileSystem fs = fileSystem(p);
    if ("file".equals(fs.getUri().getScheme())) {
      return Path.of(p.toUri());
    }
    FileStatus status = fs.getFileStatus(p);
    String key = Integer.toHexString((uri + status.getLen() + status.getModificationTime()).hashCode());
    Path local = Path.of(System.getProperty("java.io.tmpdir"), "stylebatch-cache", key + "-" + p.getName());
    if (Files.isRegularFile(local) && Files.size(local) == status.getLen()) {
      return local;
    }
    Files.createDirectories(local.getParent());
    Path tmp = Files.createTempFile(local.getParent(), "download", ".part");
    try (InputStream in = fs.open(p)) {
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return local;
  }

  /** Stores where a PUT is atomic and renames are copies (S3, GCS, Azure blob, OSS). */
  public static boolean isObjectStore(org.apache.hadoop.fs.Path p) {
    String scheme = p.toUri().getScheme();
    if (scheme == null) {
      return false;
    }
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "s3a", "s3", "s3n", "gs", "wasb", "wasbs", "abfs", "abfss", "oss" -> true;
      default -> false;
    };
  }

  /** Joins a base URI and a relative path with exactly one slash. */
  public static String join(String base, String child) {
    return base.endsWith("/") ? base + child : base + "/" + child;
  }
}
