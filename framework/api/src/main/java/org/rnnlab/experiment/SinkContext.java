package org.rnnlab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link MetricSink} learns when a run opens its metrics.
 *
 * @param runDirectory where the run's files go; sinks write only inside it
 * @param columns the column names of every row, first "step"
 * @param plannedSteps the last step the run intends to reach (for progress and ETA)
 * @param plannedSeconds the seconds of training after which the run stops, whichever of the two
 *     comes first (0: no time limit)
 * @param console the run's console
 * @param charts draws charts into the run directory
 * @param references levels worth a horizontal line on a chart of a column, by column name (e.g.
 *     the chance accuracy of the task for "accuracy"); empty when the task has none
 * @param resumed true when the run continues from a checkpoint ({@code ./run resume}): files the
 *     sink wrote before are there, holding {@code earlierRows}
 * @param earlierRows when resumed, the rows logged up to the checkpoint; empty otherwise
 */
public record SinkContext(Path runDirectory, List<String> columns, long plannedSteps, double plannedSeconds,
    Console console, ChartWriter charts, Map<String, Double> references, boolean resumed, List<MetricRow> earlierRows) {
  public SinkContext {
    columns = List.copyOf(columns);
    references = Map.copyOf(references);
    earlierRows = List.copyOf(earlierRows);
  }

  /** A run without a time limit. */
  public SinkContext(Path runDirectory, List<String> columns, long plannedSteps, Console console, ChartWriter charts,
      Map<String, Double> references, boolean resumed, List<MetricRow> earlierRows) {
    this(runDirectory, columns, plannedSteps, 0, console, charts, references, resumed, earlierRows);
  }
}
