package org.rnnlab.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.store.BoundedFiles;

/**
 * The charts of a gradient-growth study ({@code gradient-growth.csv}, a row per condition and
 * sequence length) for the run page's interactive charts, as the study's own PNG charts draw them:
 * the gradient's norm before and after clipping against the length, and the mean absolute
 * gradient, a line per condition, both axes logarithmic. A study writes its table row by row, so
 * a running study's page asks again and gets what was measured so far.
 */
final class StudyCharts {
  private StudyCharts() {}

  /** The table a gradient-growth study writes (the experiment's own name for it). */
  static final String GRADIENT_GROWTH = "gradient-growth.csv";

  /** The largest table read: 10^6 lengths × a few conditions are far below it. */
  static final long MAX_BYTES = 256L << 20;

  /** Whether {@code run} has a gradient-growth table to draw. */
  static boolean has(Path run) {
    return Files.isRegularFile(run.resolve(GRADIENT_GROWTH), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * {@code {status, x: "length", charts: [{key, title, series: [{name, x, y}]}]}}; no charts when
   * the run has no table. A value that is not a positive finite number (a log axis cannot show it)
   * is left out, as the PNG charts leave it out.
   */
  static Map<String, Object> of(Path run) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", RunRecord.status(run));
    out.put("x", "length");
    List<Object> charts = new ArrayList<>();
    out.put("charts", charts);
    if (!has(run)) {
      return out;
    }
    Map<String, Map<String, List<double[]>>> lines = new LinkedHashMap<>(); // column → condition → (length, value)
    String[][] wanted = {{"norm", "clipped_norm"}, {"mean_abs_gradient"}};
    try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(BoundedFiles.readString(run.resolve(GRADIENT_GROWTH), MAX_BYTES)))) {
      List<String> header = parser.getHeaderNames();
      if (!header.contains("condition") || !header.contains("length")) {
        return out;
      }
      for (CSVRecord record : parser) {
        if (!record.isConsistent()) {
          continue; // a torn last line of a study that is still writing
        }
        double length = parse(record.get("length"));
        if (!(length > 0)) {
          continue;
        }
        for (String[] chart : wanted) {
          for (String column : chart) {
            if (!header.contains(column)) {
              continue;
            }
            double value = parse(record.get(column));
            if (value > 0 && Double.isFinite(value)) {
              lines.computeIfAbsent(column, k -> new LinkedHashMap<>())
                  .computeIfAbsent(record.get("condition"), k -> new ArrayList<>()).add(new double[] {length, value});
            }
          }
        }
      }
    }
    String[] titles = {"gradient norm before and after clipping vs sequence length",
        "mean |gradient| vs sequence length"};
    for (int c = 0; c < wanted.length; c++) {
      List<Object> series = new ArrayList<>();
      for (String column : wanted[c]) {
        Map<String, List<double[]>> byCondition = lines.getOrDefault(column, Map.of());
        for (Map.Entry<String, List<double[]>> line : byCondition.entrySet()) {
          List<double[]> points = line.getValue();
          double[] x = new double[points.size()], y = new double[points.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
          }
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("name", column.equals("clipped_norm") ? line.getKey() + " (clipped)" : line.getKey());
          s.put("x", x);
          s.put("y", y);
          series.add(s);
        }
      }
      if (!series.isEmpty()) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("key", "study_" + wanted[c][0]);
        chart.put("title", titles[c]);
        chart.put("series", series);
        charts.add(chart);
      }
    }
    return out;
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
