package org.rnnlab.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link MetricSink} learns when a run opens its metrics.
 *
 * @param runDirectory where the run's files go; sinks write only inside it
 * @param columns the column names of every row, first "step"
 * @param plannedSteps the last step the run intends to reach (for progress and ETA)
 * @param console the run's console
 * @param resumed true when the run continues from a checkpoint ({@code ./run resume}): files the
 *     sink wrote before are there, holding {@code earlierRows}
 * @param earlierRows when resumed, the rows logged up to the checkpoint; empty otherwise
 */
public record SinkContext(Path runDirectory, List<String> columns, long plannedSteps, Console console,
    boolean resumed, List<MetricRow> earlierRows) {
  public SinkContext {
    columns = List.copyOf(columns);
    earlierRows = List.copyOf(earlierRows);
  }

  /** The context of a fresh run. */
  public SinkContext(Path runDirectory, List<String> columns, long plannedSteps, Console console) {
    this(runDirectory, columns, plannedSteps, console, false, List.of());
  }
}
