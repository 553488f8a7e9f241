package io.stylebatch.storage;

import java.io.Serializable;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;

/**
 * What a listing says of one object: its size and, as its version, the store's ETag where it gives one (S3)
 * or else size and modification time (local disks, HDFS). Two versions differ when the object was
 * replaced — by a new upload on S3, by any write that changes the size or the modification time elsewhere.
 */
public record ObjectInfo(long size, String version) implements Serializable {
  public static ObjectInfo of(FileStatus status) {
    String etag = status instanceof EtagSource e ? e.getEtag() : null;
    String version = etag != null && !etag.isEmpty() ? "etag:" + etag
        : "size:" + status.getLen() + ",mtime:" + status.getModificationTime();
    return new ObjectInfo(status.getLen(), version);
  }
}
