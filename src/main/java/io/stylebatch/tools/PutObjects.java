package io.stylebatch.tools;

import io.stylebatch.config.ConfigLoader;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Uploads a local file or directory tree to any Hadoop URI with the job's own storage settings, e.g.
 * the sample manifest to the local S3 server. Usage: {@code PutObjects [--config FILE] LOCAL TARGET_URI}.
 */
public final class PutObjects {
  private PutObjects() {}

  public static void main(String[] args) throws Exception {
    File config = null;
    int i = 0;
    if (args.length > 1 && args[0].equals("--config")) {
      config = new File(args[1]);
      i = 2;
    }
    if (args.length - i != 2) {
      System.err.println("usage: PutObjects [--config FILE] LOCAL_PATH TARGET_URI");
      System.exit(2);
    }
    Path source = Path.of(args[i]);
    String target = args[i + 1];
    Configuration conf = new Configuration();
    S3Settings.from(ConfigLoader.load(config, List.of())).applyTo(conf);
    ObjectStore store = new ObjectStore(conf);
    int count = 0;
    try (Stream<Path> files = Files.isDirectory(source) ? Files.walk(source) : Stream.of(source)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = Files.isDirectory(source) ? source.relativize(file).toString().replace('\\', '/') : "";
        String uri = relative.isEmpty() ? target : ObjectStore.join(target, relative);
        store.writeAtomically(uri, Files.readAllBytes(file));
        count++;
      }
    }
    System.out.println("uploaded " + count + " file(s) to " + target);
  }
}
