package io.stylebatch.output;

import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an interrupted run (driver or executor killed) can leave behind: hidden temporary files of image and
 * completion-record writes, the staging folder, and the uncommitted task files of table writes. Removed so that the output holds only complete objects.
 */
public final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  public static void remove(ObjectStore store, OutputLayout layout) throws IOException {
    store.delete(layout.stagingRoot(), true);
    // A table write killed before its job commit: its task files must not be merged into the next commit.
    store.delete(ObjectStore.join(layout.results(), "_temporary"), true);
    store.delete(ObjectStore.join(layout.losses(), "_temporary"), true);
    if (ObjectStore.isObjectStore(ObjectStore.path(layout.root()))) {
      return; // objects are written whole on close: no temporary files, so no listing of a catalog's folders
    }
    for (String folder : new String[] {layout.images(), layout.pairRecords()}) {
      Path dir = ObjectStore.path(folder);
      FileSystem fs = store.fileSystem(dir);
      if (!fs.exists(dir)) {
        continue;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        if (st.getPath().getName().startsWith(ObjectStore.TEMP_PREFIX)) {
          LOG.info("removing the leftover of an interrupted write: {}", st.getPath());
          fs.delete(st.getPath(), false);
        }
      }
    }
  }
}
