package io.stylebatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output: the lease on a local output folder (the S3 variant runs in S3JobIT). */
class OutputLeaseTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @TempDir
  Path dir;

  private final ObjectStore store = new ObjectStore(new Configuration());

  @Test
  void aSecondRunIsRefusedNamingTheHolderUntilTheFirstReleases() throws Exception {
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());
    try (OutputLease first = OutputLease.acquire(store, layout, "run-1", TIMEOUT)) {
      first.ensureHeld();
      OutputLease.HeldException e = assertThrows(OutputLease.HeldException.class,
          () -> OutputLease.acquire(store, layout, "run-2", TIMEOUT));
      assertTrue(e.getMessage().contains("is in use by run run-1 on host ") && e.getMessage().contains("pid "
          + ProcessHandle.current().pid()) && e.getMessage().contains("_lease.json"), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("out/_lease.json")), "released at the end");
    OutputLease.acquire(store, layout, "run-2", TIMEOUT).close();
  }

  @Test
  void aStaleLeaseOfADeadRunIsTakenOverAndAFreshOneIsNot() throws Exception {
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());
    Instant old = Instant.now().minus(TIMEOUT).minusSeconds(5);
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/_lease.json"), "{\"run_id\":\"dead\",\"host\":\"gone\",\"pid\":1,"
        + "\"started_at\":\"" + old + "\",\"refreshed_at\":\"" + old + "\"}");
    try (OutputLease lease = OutputLease.acquire(store, layout, "alive", TIMEOUT)) {
      assertEquals("alive", OutputLease.read(store, layout.lease()).runId());
    }
    Instant fresh = Instant.now().minusSeconds(30);
    Files.writeString(dir.resolve("out/_lease.json"), "{\"run_id\":\"busy\",\"host\":\"h\",\"pid\":1,"
        + "\"started_at\":\"" + fresh + "\",\"refreshed_at\":\"" + fresh + "\"}");
    OutputLease.HeldException e = assertThrows(OutputLease.HeldException.class,
        () -> OutputLease.acquire(store, layout, "late", TIMEOUT));
    assertTrue(e.getMessage().contains("expires at " + fresh.plus(TIMEOUT)), e.getMessage());
  }

  @Test
  void aLeaseTakenFromUnderARunStopsItBeforeItWritesTables() throws Exception {
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());
    try (OutputLease lease = OutputLease.acquire(store, layout, "mine", TIMEOUT)) {
      Files.writeString(dir.resolve("out/_lease.json"), "{\"run_id\":\"thief\",\"host\":\"h\",\"pid\":1,"
          + "\"started_at\":\"" + Instant.now() + "\",\"refreshed_at\":\"" + Instant.now() + "\"}");
      IllegalStateException e = assertThrows(IllegalStateException.class, lease::ensureHeld);
      assertTrue(e.getMessage().contains("lost to run thief"), e.getMessage());
    }
    assertEquals("thief", OutputLease.read(store, layout.lease()).runId(), "a lost lease is not deleted");
  }

  @Test
  void anOutputThatIsAFileCannotBeLeased() throws Exception {
    Path file = Files.writeString(dir.resolve("out"), "a file");
    assertThrows(java.io.IOException.class,
        () -> OutputLease.acquire(store, new OutputLayout(file.toString()), "r", TIMEOUT));
  }

  @Test
  void aLeaseOfAProcessThatIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
    Process child = new ProcessBuilder("sleep", "60").start();
    String start = child.info().startInstant().orElseThrow().toString();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());
    Files.createDirectories(dir.resolve("out"));
    String lease = "{\"run_id\":\"killed\",\"host\":\"" + host + "\",\"pid\":" + child.pid()
        + ",\"process_start\":\"" + start + "\",\"started_at\":\"" + Instant.now() + "\",\"refreshed_at\":\""
        + Instant.now() + "\"}";
    Files.writeString(dir.resolve("out/_lease.json"), lease);
    assertThrows(OutputLease.HeldException.class, () -> OutputLease.acquire(store, layout, "next", TIMEOUT),
        "its process is alive");
    child.destroyForcibly().waitFor();
    try (OutputLease taken = OutputLease.acquire(store, layout, "next", TIMEOUT)) {
      assertEquals("next", OutputLease.read(store, layout.lease()).runId());
    }
  }
}
