package io.stylebatch.job;

import java.util.function.IntConsumer;
import org.apache.spark.SparkConf;

/**
 * How the driver's outcome reaches the scheduler. In client and local mode the process exit code is the
 * interface (0/1/2/3). In cluster deploy mode (YARN, Kubernetes, standalone) {@code main} runs inside the
 * cluster manager's launcher: a {@code System.exit} there, even with 0, ends the application before its
 * final status is reported (YARN marks it FAILED and re-attempts it), so {@code main} returns normally on
 * success and throws {@link JobFailedException}, carrying the code and the reason, otherwise.
 */
public final class ExitPolicy {
  private final boolean clusterMode;
  private final IntConsumer exit;

  ExitPolicy(boolean clusterMode, IntConsumer exit) {
    this.clusterMode = clusterMode;
    this.exit = exit;
  }

  /** The policy for this JVM: cluster mode when spark-submit says {@code spark.submit.deployMode=cluster}. */
  public static ExitPolicy current() {
    boolean cluster = "cluster".equals(new SparkConf().get("spark.submit.deployMode", "client"));
    return new ExitPolicy(cluster, System::exit);
  }

  /** Ends {@code main} with {@code code}: an exit in client mode, a return or an exception in cluster mode. */
  public void finish(int code, String reason) {
    if (!clusterMode) {
      exit.accept(code);
      return;
    }
    if (code != ExitCode.OK.code()) {
      throw new JobFailedException(code, reason);
    }
  }

  /** The run failed (exit code {@link #exitCode()}); thrown from {@code main} in cluster deploy mode. */
  public static final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    JobFailedException(int exitCode, String reason) {
      super("stylebatch exit code " + exitCode + (reason == null ? "" : ": " + reason));
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
