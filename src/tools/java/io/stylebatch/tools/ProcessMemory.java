package io.stylebatch.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc (Linux), in bytes; -1 where unavailable. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Current resident set size (VmRSS). */
  public static long rssBytes() {
    return statusField("VmRSS:");
  }

  /** Peak resident set size since start (VmHWM). */
  public static long peakRssBytes() {
    return statusField("VmHWM:");
  }

  private static long statusField(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
