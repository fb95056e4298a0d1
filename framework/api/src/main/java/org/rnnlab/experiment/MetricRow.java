package org.rnnlab.experiment;

import java.util.List;

/**
 * One row of metrics at a step: a value per column, {@code NaN} where the column has no value at
 * this step (e.g. test accuracy between evaluations).
 *
 * @param columns the column names, the same for every row of a run (first is always "step")
 * @param values one per column; the array is owned by the row and not modified after creation
 */
public record MetricRow(List<String> columns, double[] values) {
  public MetricRow {
    if (columns.size() != values.length) {
      throw new IllegalArgumentException(columns.size() + " columns but " + values.length + " values");
    }
  }

  /** The value of {@code column}, NaN when absent at this step. */
  public double get(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
    return values[i];
  }

  /** True when the row has the column (whether or not it has a value at this step). */
  public boolean has(String column) {
    return columns.contains(column);
  }

  public long step() {
    return (long) values[0];
  }
}
