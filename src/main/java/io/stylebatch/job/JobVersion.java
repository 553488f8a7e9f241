package io.stylebatch.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The product version, written into the jar by the build ({@code io/stylebatch/version.properties}). */
public final class JobVersion implements CommandLine.IVersionProvider {
  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    try (InputStream in = JobVersion.class.getResourceAsStream("/io/stylebatch/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"StyleBatch " + get() + " (Java " + Runtime.version() + ")"};
  }
}
