package org.rnnlab.experiment;

import java.io.IOException;

/**
 * Receives every logged metric row of a run: the console line, {@code metrics.csv}, charts.
 * Chosen by {@code sinks} (a list). Calls come from one thread in the order open, accept…, close.
 */
public interface MetricSink {

  /** Called once before the first row. */
  void open(SinkContext context) throws IOException;

  /**
   * Called for every row, in step order. A sink that persists rows must have this row durable
   * (written and flushed) when the call returns, so that no row is lost when a run dies.
   */
  void accept(MetricRow row) throws IOException;

  /** Called once at the end, whatever the outcome (also after a failure or interruption). */
  void close(RunStatus status) throws IOException;
}
