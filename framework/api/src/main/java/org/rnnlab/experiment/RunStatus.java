package org.rnnlab.experiment;

import java.util.Locale;

/** How a run stands or ended; written to {@code summary.yaml} in lower case. */
public enum RunStatus {
  /** Started and not (yet) ended; a run killed hard stays here. */
  RUNNING,
  /** Finished what it was asked to do. */
  COMPLETED,
  /** Stopped by an error (or, for a check, by failing it). */
  FAILED,
  /** Stopped because the loss or a gradient became NaN or infinite. */
  DIVERGED,
  /** Stopped by Ctrl-C or SIGTERM; everything logged so far is kept. */
  INTERRUPTED;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
