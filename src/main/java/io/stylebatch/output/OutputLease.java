package io.stylebatch.output;

import io.stylebatch.storage.Json;
import io.stylebatch.storage.ObjectStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per output at a time. A run creates {@code _lease.json} under its output before it touches
 * anything else (create-if-absent), refreshes it while it lives and deletes it at the end. A second run
 * finds the lease and is refused; a lease not refreshed for {@code timeout} belongs to a dead run and is
 * taken over. On local disks and HDFS the create is atomic; on S3 it is not, so the creator reads the
 * lease back after a pause and gives way if another run's write won, and every refresh checks that the
 * lease is still this run's ({@link #ensureHeld()} fails the run before it writes its tables otherwise). A
 * lease whose process is gone from this host (a killed driver, rerun on the same machine) is taken over at
 * once.
 */
public final class OutputLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLease.class);
  private static final long MAX_LEASE_BYTES = 64 * 1024;

  /** The content of the lease object. */
  public record Holder(String runId, String host, long pid, String processStart, String startedAt,
      String refreshedAt) {
    Instant refreshed() {
      return Instant.parse(refreshedAt);
    }
  }

  /** Another live run holds the output. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  private final ObjectStore store;
  private final String uri;
  private final Holder mine;
  private final Duration timeout;
  private final ScheduledExecutorService refresher;
  private volatile String lostReason;

  private OutputLease(ObjectStore store, String uri, Holder mine, Duration timeout) {
    this.store = store;
    this.uri = uri;
    this.mine = mine;
    this.timeout = timeout;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stylebatch-lease");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1000, timeout.toMillis() / 4);
    refresher.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease of {@code layout}'s output for {@code runId}.
   *
   * @throws HeldException naming the live holder and how to clear a stale lease
   * @throws IOException when the output cannot be written (a file, read-only, unreachable)
   */
  public static OutputLease acquire(ObjectStore store, OutputLayout layout, String runId, Duration timeout)
      throws HeldException, IOException {
    String uri = layout.lease();
    Instant now = Instant.now();
    Holder mine = new Holder(runId, host(), ProcessHandle.current().pid(), processStart(ProcessHandle.current()),
        now.toString(), now.toString());
    for (int attempt = 0; attempt < 2; attempt++) {
      if (store.createIfAbsent(uri, json(mine))) {
        if (ObjectStore.isObjectStore(ObjectStore.path(uri))) {
          sleep(Duration.ofSeconds(1)); // let a concurrent writer's object land, then see who won
          Holder seen = read(store, uri);
          if (seen == null || !seen.runId().equals(runId)) {
            throw held(layout, seen, timeout);
          }
        }
        return new OutputLease(store, uri, mine, timeout);
      }
      Holder holder = read(store, uri);
      boolean expired = holder == null || !holder.refreshed().plus(timeout).isAfter(Instant.now());
      if (!expired && !diedOnThisHost(holder)) {
        throw held(layout, holder, timeout);
      }
      LOG.warn("output {}: taking over the lease of run {} (host {}, pid {}, last refreshed {}): {}", layout.root(),
          holder == null ? "?" : holder.runId(), holder == null ? "?" : holder.host(),
          holder == null ? "?" : holder.pid(), holder == null ? "?" : holder.refreshedAt(),
          expired ? "it expired after " + timeout : "its process on this host is gone");
      store.delete(uri, false);
    }
    throw held(layout, read(store, uri), timeout);
  }

  private static HeldException held(OutputLayout layout, Holder h, Duration timeout) {
    if (h == null) {
      return new HeldException("output " + layout.root() + " is being taken by another run at this moment; "
          + "a second run on the same output is refused");
    }
    return new HeldException("output " + layout.root() + " is in use by run " + h.runId() + " on host " + h.host()
        + " (pid " + h.pid() + ") since " + h.startedAt() + ", last refreshed " + h.refreshedAt()
        + "; a second run on the same output is refused. If that run is dead, its lease expires at "
        + h.refreshed().plus(timeout) + " (stylebatch.job.lease-timeout = " + timeout.toMinutes() + " min), or "
        + "delete " + layout.lease());
  }

  /** Fails (with the reason) if another run has taken this output from under this one. */
  public void ensureHeld() {
    refresh();
    if (lostReason != null) {
      throw new IllegalStateException(lostReason);
    }
  }

  private synchronized void refresh() {
    if (lostReason != null) {
      return;
    }
    try {
      Holder seen = read(store, uri);
      if (seen == null || !seen.runId().equals(mine.runId())) {
        lostReason = "the lease of output " + uri + " was lost to " + (seen == null ? "nobody (deleted)"
            : "run " + seen.runId() + " on host " + seen.host()) + "; this run stops before writing its tables";
        LOG.error(lostReason);
        return;
      }
      Holder renewed = new Holder(mine.runId(), mine.host(), mine.pid(), mine.processStart(), mine.startedAt(),
          Instant.now().toString());
      store.writeAtomically(uri, json(renewed));
    } catch (IOException | RuntimeException e) {
      // A store hiccup: the next refresh tries again; the lease stays valid for its timeout.
      LOG.warn("could not refresh the lease {}: {}", uri, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    refresher.shutdownNow();
    try {
      Holder seen = read(store, uri);
      if (seen != null && seen.runId().equals(mine.runId())) {
        store.delete(uri, false);
      }
    } catch (IOException e) {
      LOG.warn("could not release the lease {} ({}); it expires after {}", uri, e.toString(), timeout);
    }
  }

  /** The holder recorded at {@code uri}, or null if there is none or it cannot be parsed. */
  static Holder read(ObjectStore store, String uri) throws IOException {
    try {
      Holder h = Json.read(store.readAll(uri, MAX_LEASE_BYTES), Holder.class);
      if (h != null && h.runId() != null && h.refreshedAt() != null && h.startedAt() != null) {
        Instant.parse(h.refreshedAt());
        return h;
      }
    } catch (FileNotFoundException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JacksonException | java.time.format.DateTimeParseException e) {
      LOG.debug("unreadable lease {}", uri, e);
    }
    // Damaged or foreign content: no run could have written it, so it holds nothing and is taken over.
    return new Holder("(unreadable lease)", "?", 0, null, Instant.EPOCH.toString(), Instant.EPOCH.toString());
  }

  private static byte[] json(Holder h) throws IOException {
    return Json.bytes(h);
  }

  /**
   * Whether the holder ran on this host and its process is gone: no process with its pid, or one that
   * started at another time (the pid was reused). Such a run is dead however fresh its lease looks.
   */
  static boolean diedOnThisHost(Holder h) {
    if (!host().equals(h.host()) || h.processStart() == null) {
      return false;
    }
    return ProcessHandle.of(h.pid()).map(p -> !h.processStart().equals(processStart(p))).orElse(true);
  }

  private static String processStart(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse(null);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking the lease", e);
    }
  }
}
