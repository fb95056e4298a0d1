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
 */
public record SinkContext(Path runDirectory, List<String> columns, long plannedSteps, Console console) {
  public SinkContext {
    columns = List.copyOf(columns);
  }
}
