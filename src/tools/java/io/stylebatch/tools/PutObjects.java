package io.stylebatch.tools;

import io.stylebatch.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Uploads a local file or directory tree to any Hadoop URI with the job's own storage settings, e.g.
 * the sample manifest to the local S3 server.
 */
@Command(name = "PutObjects", mixinStandardHelpOptions = true,
    description = "Uploads LOCAL_PATH (a file or a folder tree) to TARGET_URI.")
public final class PutObjects implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Parameters(index = "0", paramLabel = "LOCAL_PATH")
  Path source;

  @Parameters(index = "1", paramLabel = "TARGET_URI")
  String target;

  public static void main(String[] args) {
    ConfigOption.exit(new PutObjects(), args);
  }

  @Override
  public Integer call() throws Exception {
    ObjectStore store = config.objectStore(config.load(), new Configuration());
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
    return 0;
  }
}
