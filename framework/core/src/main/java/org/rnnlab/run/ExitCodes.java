package org.rnnlab.run;

import org.rnnlab.experiment.RunStatus;

/** The exit codes of {@code ./run}. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int COMPLETED = 0;
  public static final int FAILED = 1;
  /** A bad config, override, path, file or plugin: nothing ran, nothing was written. */
  public static final int BAD_INPUT = 2;
  public static final int DIVERGED = 3;
  public static final int INTERRUPTED = 130;

  /** The exit code of a run that ended with {@code status}. */
  public static int of(RunStatus status) {
    return switch (status) {
      case COMPLETED -> COMPLETED;
      case DIVERGED -> DIVERGED;
      case INTERRUPTED -> INTERRUPTED;
      case FAILED, RUNNING -> FAILED;
    };
  }
}
