package org.rnnlab.archive;

import java.util.List;
import org.rnnlab.experiment.MetricRow;

/**
 * How a comparison reads a metric: a column of {@code metrics.csv} ({@code test_loss}), the
 * ratio of two ({@code test_loss/baseline_loss}: the loss as a fraction of the task's no-memory
 * baseline), or {@code train_minutes} (train_seconds / 60, for an x axis of training time).
 */
final class MetricColumns {
  static final String MINUTES = "train_minutes";

  private MetricColumns() {}

  /** The columns {@code metric} is made of. */
  static List<String> of(String metric) {
    if (metric.equals(MINUTES)) {
      return List.of("train_seconds");
    }
    int slash = metric.indexOf('/');
    return slash < 0 ? List.of(metric) : List.of(metric.substring(0, slash), metric.substring(slash + 1));
  }

  /** True when every column of {@code metric} is among {@code columns}. */
  static boolean present(String metric, List<String> columns) {
    return columns.containsAll(of(metric));
  }

  /** The metric's value in {@code row}; NaN when a column is absent or has no value at this step. */
  static double value(MetricRow row, String metric) {
    List<String> parts = of(metric);
    for (String column : parts) {
      if (!row.has(column)) {
        return Double.NaN;
      }
    }
    if (metric.equals(MINUTES)) {
      return row.get("train_seconds") / 60;
    }
    return parts.size() == 1 ? row.get(metric) : row.get(parts.get(0)) / row.get(parts.get(1));
  }

  /** A file name for the metric's chart: "test_loss/baseline_loss" → "test_loss_per_baseline_loss". */
  static String fileName(String metric) {
    return metric.replace("/", "_per_");
  }

  /** Words for a chart: "test loss ÷ baseline loss". */
  static String words(String metric) {
    return metric.equals(MINUTES) ? "training minutes" : metric.replace("/", " ÷ ").replace('_', ' ');
  }
}
