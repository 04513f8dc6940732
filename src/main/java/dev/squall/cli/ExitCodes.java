package dev.squall.cli;

/** Process exit codes of the {@code squall} command, stable for CI scripts. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Success; for gated runs, every threshold met. */
  public static final int OK = 0;
  /** An unexpected failure (a bug, an I/O error, a crashed model call). */
  public static final int FAILURE = 1;
  /** Bad usage or configuration: unknown option, malformed file, missing model. */
  public static final int USAGE = 2;
  /** The run finished but a robustness threshold was not met (the CI gate). */
  public static final int THRESHOLD_NOT_MET = 3;
}
