package org.rnnlab.experiment;

/**
 * What a run shows the user. Everything printed is also kept in the run's {@code run.log}.
 * Implementations are thread-safe.
 */
public interface Console {

  /**
   * Shows a transient status line: on a terminal it replaces the previous one in place; elsewhere
   * (a pipe, a file, {@code run.log}) it is written as a plain line.
   */
  void progress(String line);

  /** Writes a permanent line (ending any status line first). */
  void println(String line);
}
