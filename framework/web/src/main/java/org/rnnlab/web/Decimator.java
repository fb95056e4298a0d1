package org.rnnlab.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a stream of metric rows for drawing, in one pass and bounded memory: rows fall into
 * buckets of consecutive rows, and each bucket keeps, per column, its lowest and its highest value
 * with their steps, so spikes and dips survive the thinning. When the buckets reach twice the
 * target, neighbours merge and buckets hold twice as many rows. A series of fewer rows than about
 * {@code 2 × target} keeps every point; a longer one also keeps its first and last point, so the
 * line starts and ends where the run's values do.
 */
final class Decimator {
  private final int columns;
  private final int target;
  private long bucketRows = 1;
  private long rowsInCurrent;
  private long rows;
  /** Per bucket and column: minimum step, minimum, maximum step, maximum (NaN: no value yet). */
  private List<double[]> buckets = new ArrayList<>();
  private double[] current;
  /** Per column: the first and the last step and value seen (NaN: none yet). */
  private final double[] first;
  private final double[] last;

  /**
   * @param columns the values of a row, the step first
   * @param target buckets kept at least (at most twice as many); each gives a column one or two points
   */
  Decimator(int columns, int target) {
    this.columns = columns;
    this.target = Math.max(1, target);
    first = new double[2 * columns];
    last = new double[2 * columns];
    java.util.Arrays.fill(first, Double.NaN);
    java.util.Arrays.fill(last, Double.NaN);
  }

  void accept(double[] row) {
    if (current == null) {
      current = new double[4 * columns];
      java.util.Arrays.fill(current, Double.NaN);
    }
    double step = row[0];
    for (int c = 1; c < columns; c++) {
      double v = row[c];
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(first[2 * c + 1])) {
        first[2 * c] = step;
        first[2 * c + 1] = v;
      }
      last[2 * c] = step;
      last[2 * c + 1] = v;
      int at = 4 * c;
      if (Double.isNaN(current[at + 1]) || v < current[at + 1]) {
        current[at] = step;
        current[at + 1] = v;
      }
      if (Double.isNaN(current[at + 3]) || v > current[at + 3]) {
        current[at + 2] = step;
        current[at + 3] = v;
      }
    }
    rows++;
    if (++rowsInCurrent == bucketRows) {
      buckets.add(current);
      current = null;
      rowsInCurrent = 0;
      if (buckets.size() >= 2 * target) {
        merge();
      }
    }
  }

  private void merge() {
    List<double[]> merged = new ArrayList<>(buckets.size() / 2 + 1);
    for (int i = 0; i + 1 < buckets.size(); i += 2) {
      double[] a = buckets.get(i), b = buckets.get(i + 1);
      for (int c = 1; c < columns; c++) {
        int at = 4 * c;
        if (Double.isNaN(a[at + 1]) || !Double.isNaN(b[at + 1]) && b[at + 1] < a[at + 1]) {
          a[at] = b[at];
          a[at + 1] = b[at + 1];
        }
        if (Double.isNaN(a[at + 3]) || !Double.isNaN(b[at + 3]) && b[at + 3] > a[at + 3]) {
          a[at + 2] = b[at + 2];
          a[at + 3] = b[at + 3];
        }
      }
      merged.add(a);
    }
    if (buckets.size() % 2 == 1) {
      merged.add(buckets.get(buckets.size() - 1));
    }
    buckets = merged;
    bucketRows *= 2;
  }

  /** Rows seen. */
  long rows() {
    return rows;
  }

  /** Whether points were dropped. */
  boolean decimated() {
    return bucketRows > 1;
  }

  /** Column {@code c}'s kept points in step order: {steps, values}. */
  double[][] points(int c) {
    List<double[]> all = new ArrayList<>(buckets);
    if (current != null) {
      all.add(current);
    }
    double[] xs = new double[2 * all.size() + 2], ys = new double[2 * all.size() + 2];
    int n = 0;
    int at = 4 * c;
    if (!Double.isNaN(first[2 * c + 1])) {
      xs[n] = first[2 * c];
      ys[n++] = first[2 * c + 1];
    }
    for (double[] b : all) {
      if (Double.isNaN(b[at + 1])) {
        continue;
      }
      boolean minFirst = b[at] <= b[at + 2];
      n = add(xs, ys, n, minFirst ? b[at] : b[at + 2], minFirst ? b[at + 1] : b[at + 3]);
      n = add(xs, ys, n, minFirst ? b[at + 2] : b[at], minFirst ? b[at + 3] : b[at + 1]);
    }
    if (!Double.isNaN(last[2 * c + 1])) {
      n = add(xs, ys, n, last[2 * c], last[2 * c + 1]);
    }
    return new double[][] {java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n)};
  }

  /** Appends a point unless it is the one just appended (a bucket's extremes may be one row, or the first or last). */
  private static int add(double[] xs, double[] ys, int n, double x, double y) {
    if (n > 0 && xs[n - 1] == x) {
      return n;
    }
    xs[n] = x;
    ys[n] = y;
    return n + 1;
  }
}
