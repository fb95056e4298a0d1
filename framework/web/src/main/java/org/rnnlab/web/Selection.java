package org.rnnlab.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.archive.Comparison;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.store.RunFiles;

/**
 * The runs of a comparison as the URL names them ({@code ?run=<id>&run=<id>}): each a run, or a
 * sweep standing for its points, as {@code ./run compare} takes them. The comparison itself is the
 * core's {@link Comparison}: the same differing keys, labels, statistics and seed groups.
 */
final class Selection {
  /** Columns not charted: the x axis and bookkeeping. */
  static final Set<String> NOT_CHARTED = Set.of("step", "sequences", "train_seconds");

  /** Points drawn per series of an overlay chart, at most (see {@link #thin}). */
  static final int MAX_POINTS = 2000;

  final List<String> ids;
  final List<Path> runs;
  final List<String> unknown;

  private Selection(List<String> ids, List<Path> runs, List<String> unknown) {
    this.ids = ids;
    this.runs = runs;
    this.unknown = unknown;
  }

  static Selection of(ArchivePaths paths, List<String> ids) throws IOException {
    Set<Path> runs = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    List<String> given = ids == null ? List.of() : ids.stream().distinct().limit(200).toList();
    for (String id : given) {
      Path directory = paths.directory(id);
      if (directory == null) {
        unknown.add(id);
      } else if (RunRecord.isSweep(directory)) {
        try {
          SweepState.read(directory).pointDirectories().stream().filter(Selection::hasConfig).forEach(runs::add);
        } catch (IOException e) {
          unknown.add(id);
        }
      } else if (hasConfig(directory)) {
        runs.add(directory);
      } else {
        unknown.add(id);
      }
    }
    return new Selection(given, List.copyOf(runs), unknown);
  }

  private static boolean hasConfig(Path run) {
    return Files.isRegularFile(run.resolve(RunFiles.CONFIG), LinkOption.NOFOLLOW_LINKS);
  }

  /** The query that names this selection again: {@code run=a&run=b}. */
  String query() {
    StringBuilder b = new StringBuilder();
    for (String id : ids) {
      b.append(b.length() == 0 ? "" : "&").append("run=").append(Html.url(id));
    }
    return b.toString();
  }

  /** The charted metrics of a comparison: compare's defaults first, then every other column. */
  static List<String> metrics(Comparison comparison) {
    List<String> metrics = new ArrayList<>();
    Comparison.DEFAULT_METRICS.stream().filter(comparison.columns()::contains).forEach(metrics::add);
    comparison.columns().stream().filter(c -> !metrics.contains(c) && !NOT_CHARTED.contains(c)).forEach(metrics::add);
    return metrics;
  }

  /**
   * The overlay charts as the script draws them: per metric, each series with its x and y and, for
   * a group of runs that differ only by seed, the standard deviation (the band).
   */
  static Map<String, Object> charts(Comparison comparison, boolean eachRun) {
    List<Object> charts = new ArrayList<>();
    for (String metric : metrics(comparison)) {
      LineChart chart = comparison.chart(metric, eachRun);
      List<Object> series = new ArrayList<>();
      for (LineChart.Series s : chart.series()) {
        int[] keep = thin(s.x().length);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", s.name());
        one.put("x", pick(s.x(), keep));
        one.put("y", pick(s.y(), keep));
        one.put("std", s.errors() == null ? null : pick(s.errors(), keep));
        series.add(one);
      }
      if (!series.isEmpty()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("metric", metric);
        one.put("title", chart.title());
        one.put("series", series);
        charts.add(one);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("charts", charts);
    return out;
  }

  /** Indices of at most {@link #MAX_POINTS} evenly spaced points, the last one always among them. */
  static int[] thin(int n) {
    if (n <= MAX_POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] keep = new int[MAX_POINTS];
    for (int i = 0; i < MAX_POINTS; i++) {
      keep[i] = (int) Math.round((double) i * (n - 1) / (MAX_POINTS - 1));
    }
    return keep;
  }

  private static double[] pick(double[] values, int[] keep) {
    double[] out = new double[keep.length];
    for (int i = 0; i < keep.length; i++) {
      out[i] = values[keep[i]];
    }
    return out;
  }
}
