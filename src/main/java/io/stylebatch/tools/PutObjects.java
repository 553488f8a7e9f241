package io.stylebatch.tools;

import io.stylebatch.config.ConfigLoader;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
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
    ToolArgs parsed = ToolArgs.parse(args);
    if (parsed.positional().size() != 2) {
      System.err.println("usage: PutObjects [--config FILE] LOCAL_PATH TARGET_URI");
      System.exit(2);
    }
    Path source = Path.of(parsed.positional().get(0));
    String target = parsed.positional().get(1);
    Configuration conf = new Configuration();
    S3Settings.from(ConfigLoader.load(parsed.config(), List.of())).applyTo(conf);
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
