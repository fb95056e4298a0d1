package org.rnnlab.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;

/**
 * Mean and standard deviation of a metric over runs that differ only by their seed, step by step:
 * the band a sweep's charts draw. At a step, only the runs that logged a value there count; the
 * standard deviation is the sample one (divided by n − 1), NaN for a single run.
 */
public final class SeedAggregate {
  private SeedAggregate() {}

  /** One step: the mean, the standard deviation and how many runs had a value. */
  public record Point(long step, double mean, double std, int runs) {}

  /** Aggregates {@code column} (or a ratio of two, see {@link MetricColumns}) over the rows of several runs. */
  public static List<Point> of(List<List<MetricRow>> runs, String column) {
    TreeMap<Long, List<Double>> byStep = new TreeMap<>();
    for (List<MetricRow> rows : runs) {
      for (MetricRow row : rows) {
        double v = MetricColumns.value(row, column);
        if (!Double.isNaN(v)) {
          byStep.computeIfAbsent(row.step(), s -> new ArrayList<>()).add(v);
        }
      }
    }
    List<Point> points = new ArrayList<>();
    byStep.forEach((step, values) -> points.add(new Point(step, mean(values), std(values), values.size())));
    return points;
  }

  /** Adds {@code points} to {@code plot} as one line: the mean, with ± one standard deviation as error bars. */
  public static void plot(LineChart plot, String name, List<Point> points) {
    plot.series(name, points.stream().mapToDouble(Point::step).toArray(),
        points.stream().mapToDouble(Point::mean).toArray(), points.stream().mapToDouble(Point::std).toArray());
  }

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** The sample standard deviation √(Σ(x − x̄)² / (n − 1)); NaN when n < 2. */
  static double std(List<Double> values) {
    if (values.size() < 2) {
      return Double.NaN;
    }
    double m = mean(values), sum = 0;
    for (double v : values) {
      sum += (v - m) * (v - m);
    }
    return Math.sqrt(sum / (values.size() - 1));
  }
}
