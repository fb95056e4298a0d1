package org.rnnlab.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.store.MetricsTable;
import org.rnnlab.store.MetricsTail;
import org.rnnlab.store.RunFiles;

/**
 * A run's metrics as the run page draws them: first every column thinned for drawing (see {@link
 * Decimator}; the full rows are the metrics.csv link), then, while the run trains, only the rows
 * appended since the cursor the page holds. Everything goes through {@link MetricsTail}, which
 * reads only what it needs.
 */
final class MetricSeries {
  private MetricSeries() {}

  /** Buckets of the thinned series: a column is drawn with 1,000 to 4,000 points. */
  static final int BUCKETS = 1000;

  /** The most bytes of new rows one poll reads; the page asks again at once when there are more. */
  static final long POLL_BYTES = 4L << 20;

  /**
   * Every column of the run's metrics.csv, thinned, optionally only the rows with steps in [from,
   * to] (a zoom), and the cursor from which new rows follow.
   */
  static Map<String, Object> series(Path run, double fromStep, double toStep) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", RunRecord.status(run));
    Path file = run.resolve(RunFiles.METRICS);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      out.put("columns", List.of());
      out.put("series", Map.of());
      out.put("rows", 0);
      out.put("decimated", false);
      out.put("cursor", MetricsTail.Cursor.START.token());
      return out;
    }
    Decimator[] decimator = new Decimator[1];
    boolean ranged = fromStep > Double.NEGATIVE_INFINITY || toStep < Double.POSITIVE_INFINITY;
    // A zoom reads only its stretch of the file: from the first row at its first step, to a little
    // past its last (the rows outside it are left out below).
    MetricsTail.Cursor start = fromStep > Double.NEGATIVE_INFINITY ? MetricsTail.seek(file, fromStep)
        : MetricsTail.Cursor.START;
    long bytes = MetricsTable.MAX_BYTES;
    if (toStep < Double.POSITIVE_INFINITY) {
      bytes = Math.max(1, MetricsTail.seek(file, Math.nextUp(toStep)).offset() - start.offset()) + (16 << 10);
    }
    MetricsTail.Result result = MetricsTail.read(file, start, bytes, row -> {
      if (decimator[0] == null) {
        decimator[0] = new Decimator(row.length, BUCKETS);
      }
      if (!ranged || row[0] >= fromStep && row[0] <= toStep) {
        decimator[0].accept(row);
      }
    });
    Map<String, Object> series = new LinkedHashMap<>();
    List<String> columns = result.columns();
    for (int c = 1; c < columns.size(); c++) {
      double[][] points = decimator[0] == null ? new double[][] {{}, {}} : decimator[0].points(c);
      Map<String, Object> xy = new LinkedHashMap<>();
      xy.put("x", points[0]);
      xy.put("y", points[1]);
      series.put(columns.get(c), xy);
    }
    out.put("columns", columns);
    out.put("charts", ChartGroups.of(columns));
    out.put("series", series);
    out.put("rows", decimator[0] == null ? 0 : decimator[0].rows());
    out.put("decimated", decimator[0] != null && decimator[0].decimated());
    out.put("damaged", result.damagedLines());
    out.put("bytes", result.fileBytes());
    if (!ranged) { // a zoom stops reading early: new rows follow the cursor of the whole series
      out.put("cursor", result.next().token());
    }
    return out;
  }

  /** The rows appended since {@code cursor}, column by column, and where the next poll starts. */
  static Map<String, Object> rowsSince(Path run, String cursor) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", RunRecord.status(run));
    Path file = run.resolve(RunFiles.METRICS);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      out.put("columns", List.of());
      out.put("data", List.of());
      out.put("cursor", cursor == null ? MetricsTail.Cursor.START.token() : cursor);
      out.put("restarted", false);
      out.put("more", false);
      return out;
    }
    List<double[]> rows = new ArrayList<>();
    MetricsTail.Result result = MetricsTail.read(file, MetricsTail.Cursor.parse(cursor), POLL_BYTES, rows::add);
    List<double[]> data = new ArrayList<>();
    for (int c = 0; c < result.columns().size(); c++) {
      double[] column = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        column[r] = rows.get(r)[c];
      }
      data.add(column);
    }
    out.put("columns", result.columns());
    out.put("data", data);
    out.put("cursor", result.next().token());
    out.put("restarted", result.restarted());
    out.put("more", result.more());
    return out;
  }
}
