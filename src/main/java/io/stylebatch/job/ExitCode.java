package io.stylebatch.job;

/** Process exit codes of the job, as Airflow and scripts rely on them (README, "Exit codes"). */
public enum ExitCode {
  /** Every pair succeeded, or failures stayed within the allowed fraction. */
  OK(0),
  /** Unexpected error. */
  ERROR(1),
  /** Invalid arguments, configuration or manifest; nothing was computed. */
  INVALID_INPUT(2),
  /** The run finished but more pairs failed than allowed. */
  TOO_MANY_FAILURES(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
