package io.stylebatch.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What the driver learns about many objects at once, with listings instead of one request per object:
 * on S3 a listing is one LIST request per 1,000 keys and carries each object's size and ETag.
 */
public final class Listings {
  /** A folder with at most this many wanted objects is asked per object (a listing could be far larger). */
  static final int PROBE_BELOW = 3;

  private Listings() {}

  /** The files directly under {@code folder} by name; empty when the folder does not exist. */
  public static Map<String, ObjectInfo> folder(ObjectStore store, String folder) throws IOException {
    Path p = ObjectStore.path(folder);
    FileSystem fs = store.fileSystem(p);
    Map<String, ObjectInfo> byName = new HashMap<>();
    try {
      RemoteIterator<FileStatus> it = fs.listStatusIterator(p);
      while (it.hasNext()) {
        FileStatus st = it.next();
        if (st.isFile()) {
          byName.put(st.getPath().getName(), ObjectInfo.of(st));
        }
      }
    } catch (FileNotFoundException e) {
      return Map.of();
    }
    return byName;
  }

  /**
   * The current version of each of {@code uris} (absent from the result when the object does not exist):
   * the URIs are grouped by folder and each folder is listed once; folders with fewer than
   * {@link #PROBE_BELOW} wanted objects are asked per object instead.
   */
  public static Map<String, ObjectInfo> versions(ObjectStore store, Collection<String> uris) throws IOException {
    Map<String, List<String>> byFolder = new LinkedHashMap<>();
    for (String uri : uris) {
      Path p = ObjectStore.path(uri);
      byFolder.computeIfAbsent(p.getParent() == null ? "" : p.getParent().toString(),
          k -> new java.util.ArrayList<>()).add(uri);
    }
    Map<String, ObjectInfo> found = new HashMap<>();
    for (Map.Entry<String, List<String>> e : byFolder.entrySet()) {
      List<String> wanted = e.getValue();
      if (wanted.size() < PROBE_BELOW || e.getKey().isEmpty()) {
        for (String uri : wanted) {
          Path p = ObjectStore.path(uri);
          try {
            FileStatus st = store.fileSystem(p).getFileStatus(p);
            if (st.isFile()) {
              found.put(uri, ObjectInfo.of(st));
            }
          } catch (FileNotFoundException missing) {
            // absent: the pair fails when it runs, naming the input
          }
        }
        continue;
      }
      Map<String, ObjectInfo> listed = folder(store, e.getKey());
      for (String uri : wanted) {
        ObjectInfo info = listed.get(ObjectStore.path(uri).getName());
        if (info != null) {
          found.put(uri, info);
        }
      }
    }
    return found;
  }

  /** SHA-256 of a local file's content, hex. */
  public static String sha256(java.nio.file.Path file) throws IOException {
    MessageDigest digest = sha256();
    try (var in = java.nio.file.Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of bytes in memory, hex. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
