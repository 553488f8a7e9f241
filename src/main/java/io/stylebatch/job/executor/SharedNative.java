package io.stylebatch.job.executor;

/**
 * Native memory shared by the concurrent tasks of one executor (weights, style targets), closed as soon as it
 * is both retired from the cache and released by its last user. Native buffers are invisible to the heap's
 * accounting: with {@code javacpp.maxbytes} far above the heap, nothing would make the garbage collector free
 * what a cache let go of, so the cache and its users count references instead.
 *
 * @param <T> what is shared
 */
final class SharedNative<T> {
  private final T value;
  private final AutoCloseable resource;
  private int users;
  private boolean retired;
  private boolean closed;

  SharedNative(T value, AutoCloseable resource) {
    this.value = value;
    this.resource = resource;
  }

  /** A lease on the value, released by closing it; null if it was already retired and freed. */
  synchronized Lease<T> tryAcquire() {
    if (closed) {
      return null;
    }
    users++;
    return new Lease<>(this);
  }

  /** The cache lets go: closes now if nobody holds a lease, else when the last lease is released. */
  synchronized void retire() {
    retired = true;
    closeIfUnused();
  }

  private synchronized void release() {
    users--;
    closeIfUnused();
  }

  private void closeIfUnused() {
    if (retired && users == 0 && !closed) {
      closed = true;
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot free native memory", e);
      }
    }
  }

  /** One user's hold on a shared value; release it (close) when done with the value, exactly once. */
  static final class Lease<T> implements AutoCloseable {
    private SharedNative<T> shared;

    private Lease(SharedNative<T> shared) {
      this.shared = shared;
    }

    T get() {
      if (shared == null) {
        throw new IllegalStateException("lease already released");
      }
      return shared.value;
    }

    @Override
    public void close() {
      if (shared != null) {
        SharedNative<T> s = shared;
        shared = null;
        s.release();
      }
    }
  }
}
