package org.rnnlab.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rnnlab.config.KeyNames;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.plot.ChartRenderer;
import org.rnnlab.store.Annotations;
import org.rnnlab.store.MetricsTable;
import org.rnnlab.store.RunFiles;
import org.rnnlab.store.YamlFiles;

/**
 * Several runs side by side: the config keys whose resolved values differ, a statistic of each
 * metric with the step where it happened, and overlay charts with one line per run (or per group
 * of runs that differ only by seed), named by what differs between the runs rather than by directory.
 */
public final class Comparison {

  /** Which value of a metric's column a run is represented by. */
  public enum Stat {
    /** The last value. */
    LAST,
    /** The highest accuracy or the lowest of anything else. */
    BEST,
    MIN,
    MAX
  }

  /** Metrics compared when none are named. */
  public static final List<String> DEFAULT_METRICS = List.of("loss", "accuracy", "test_loss", "test_accuracy",
      "grad_norm");

  /** When more runs than this are compared, the config table has a row per run. */
  static final int SIDE_BY_SIDE = 4;

  /** One run: its directory, flattened resolved config, metrics, tags and notes. */
  record Entry(Path directory, Map<String, String> config, MetricsTable metrics, Annotations annotations) {}

  /**
   * Config keys that never count as a difference: they describe the run (tags and notes, which
   * may change after it started) rather than set it up, and are shown apart ({@link #annotationsTable}).
   */
  static final Set<String> DESCRIPTIVE_KEYS = Set.of("tags", "notes");

  private final List<Entry> entries;
  private final List<String> differing;
  /** The keys that tell groups of runs apart (see {@link #groupingKeys}). */
  private final List<String> grouping;
  /** Per run, the label of its group (runs that differ at most by seed). */
  private final List<String> groupLabels;
  private final List<String> labels;

  private Comparison(List<Entry> entries) {
    this.entries = entries;
    Set<String> keys = new LinkedHashSet<>();
    entries.forEach(e -> keys.addAll(e.config().keySet()));
    List<String> diff = new ArrayList<>();
    keys.removeAll(DESCRIPTIVE_KEYS);
    for (String key : keys) {
      Set<String> values = new LinkedHashSet<>();
      entries.forEach(e -> values.add(Objects.requireNonNullElse(e.config().get(key), "(absent)")));
      if (values.size() > 1) {
        diff.add(key);
      }
    }
    this.differing = List.copyOf(diff);
    this.grouping = groupingKeys(differing);
    this.groupLabels = groupLabels(entries, differing);
    this.labels = labels(entries, differing, groupLabels);
  }

  /**
   * Loads the runs in these directories (each must hold a config.yaml; metrics.csv may be
   * missing or damaged).
   */
  public static Comparison of(List<Path> directories) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Path d : directories) {
      Map<String, Object> config;
      try {
        config = YamlFiles.read(d.resolve(RunFiles.CONFIG));
      } catch (IOException e) {
        throw new IOException(d + ": " + e.getMessage(), e);
      }
      Map<String, String> flat = KeyNames.flatten(config);
      Path metrics = d.resolve(RunFiles.METRICS);
      MetricsTable table = null;
      if (Files.exists(metrics, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try {
          table = MetricsTable.read(metrics);
        } catch (IOException e) {
          table = null; // a run without readable metrics still compares by config; its metrics show as "-"
        }
      }
      Annotations annotations;
      try {
        annotations = Annotations.read(d);
      } catch (IOException e) {
        annotations = Annotations.NONE; // damaged tags or notes do not keep runs from being compared
      }
      entries.add(new Entry(d, flat, table, annotations));
    }
    return new Comparison(entries);
  }

  /** The runs' directories, in the order given. */
  public List<Path> directories() {
    return entries.stream().map(Entry::directory).toList();
  }

  /** Each run's tags and notes, in the order given. */
  public List<Annotations> annotations() {
    return entries.stream().map(Entry::annotations).toList();
  }

  /** The tags and notes of the runs that have any (run, label, tags, notes); empty when none has. */
  public Table annotationsTable() {
    Table t = new Table(List.of("run", "label", "tags", "notes"));
    for (int i = 0; i < entries.size(); i++) {
      Annotations a = entries.get(i).annotations();
      if (!a.tags().isEmpty() || !a.notes().isEmpty()) {
        t.add(List.of(entries.get(i).directory().getFileName().toString(), labels.get(i), String.join(" ", a.tags()),
            a.notes()));
      }
    }
    return t;
  }

  /** Every metric column some run has, in the order first seen. */
  public List<String> columns() {
    Set<String> columns = new LinkedHashSet<>();
    entries.stream().filter(e -> e.metrics() != null).forEach(e -> columns.addAll(e.metrics().columns()));
    return List.copyOf(columns);
  }

  /** Of {@code metrics}, those no run has a column for. */
  public List<String> absentMetrics(List<String> metrics) {
    List<String> columns = columns();
    return metrics.stream().filter(m -> !MetricColumns.present(m, columns)).toList();
  }

  /** The config keys whose values differ between the runs, in config order. */
  public List<String> differingKeys() {
    return differing;
  }

  /** A label per run, from what differs between the runs (see {@link #groupLabels}), plus its seed. */
  public List<String> labels() {
    return labels;
  }

  /**
   * The keys that shape the results and tell groups of runs apart: the differing keys except the
   * name, the sinks (where the numbers went) and the seed (runs differing only by seed are one group).
   */
  private static List<String> groupingKeys(List<String> differing) {
    return differing.stream()
        .filter(k -> !k.equals("name") && !k.equals("seed") && !k.startsWith("sinks."))
        .toList();
  }

  private static String signature(Entry e, List<String> keys) {
    StringBuilder b = new StringBuilder();
    keys.forEach(k -> b.append(e.config().get(k)).append('\u0000'));
    return b.toString();
  }

  private static List<String> labels(List<Entry> entries, List<String> differing, List<String> groups) {
    boolean seedDiffers = differing.contains("seed");
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String group = groups.get(i), seed = "seed=" + entries.get(i).config().get("seed");
      String label = seedDiffers ? (group.isEmpty() ? seed : group + " " + seed)
          : (group.isEmpty() ? entries.get(i).directory().getFileName().toString() : group);
      labels.add(label.length() > 80 ? label.substring(0, 79) + "…" : label);
    }
    return labels;
  }

  /**
   * A label per run for its group (runs that differ at most by seed), never hiding what tells
   * groups apart: the run names when they tell the groups apart (runs of different configs, such
   * as {@code long-memory-lstm}); else, within each name, the fewest keys that tell its groups
   * apart, chosen greedily and shown in config order with enough of their path to be unambiguous
   * ({@code learning_rate=0.01}, {@code cell.type=gru}), prefixed by the name when there are
   * several names. Empty when there is one group.
   */
  private static List<String> groupLabels(List<Entry> entries, List<String> differing) {
    List<String> candidates = groupingKeys(differing);
    Set<String> allKeys = new LinkedHashSet<>();
    entries.forEach(e -> allKeys.addAll(e.config().keySet()));
    Set<String> groups = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    entries.forEach(e -> {
      groups.add(signature(e, candidates));
      names.add(String.valueOf(e.config().get("name")));
    });
    List<String> labels = new ArrayList<>();
    if (groups.size() == 1) {
      entries.forEach(e -> labels.add(""));
      return labels;
    }
    boolean namesTellApart = entries.stream().allMatch(a -> entries.stream().allMatch(b ->
        signature(a, candidates).equals(signature(b, candidates))
            == Objects.equals(a.config().get("name"), b.config().get("name"))));
    if (namesTellApart) {
      entries.forEach(e -> labels.add(String.valueOf(e.config().get("name"))));
      return labels;
    }
    List<String> chosen = new ArrayList<>();
    while (distinctLabels(entries, chosen, candidates, allKeys) < groups.size()) {
      String best = null;
      int bestCount = -1;
      long bestPresent = -1;
      for (String k : candidates) {
        if (chosen.contains(k)) {
          continue;
        }
        List<String> trial = new ArrayList<>(chosen);
        trial.add(k);
        int count = distinctLabels(entries, trial, candidates, allKeys);
        long present = entries.stream().filter(e -> e.config().get(k) != null).count();
        if (count > bestCount || (count == bestCount && present > bestPresent)) {
          best = k;
          bestCount = count;
          bestPresent = present;
        }
      }
      if (best == null) {
        break; // every key chosen (labels of runs that lack them all stay empty)
      }
      chosen.add(best);
    }
    for (Entry e : entries) {
      String keys = label(e, chosen, candidates, allKeys);
      labels.add(names.size() > 1 ? (e.config().get("name") + " " + keys).strip() : keys);
    }
    return labels;
  }

  /** {@code key=value} for each of {@code chosen} the run has, in config order. */
  private static String label(Entry e, List<String> chosen, List<String> candidates, Set<String> allKeys) {
    List<String> parts = new ArrayList<>();
    for (String key : candidates) {
      String value = e.config().get(key);
      if (chosen.contains(key) && value != null) {
        parts.add(KeyNames.shortest(key, allKeys) + "=" + value);
      }
    }
    return String.join(" ", parts);
  }

  /**
   * How many distinct labels (with the run's name) these keys give the runs; 0 while some run's
   * key label would be empty though it has to be told apart.
   */
  private static int distinctLabels(List<Entry> entries, List<String> chosen, List<String> candidates,
      Set<String> allKeys) {
    Set<String> seen = new LinkedHashSet<>();
    int empty = 0;
    for (Entry e : entries) {
      String label = label(e, chosen, candidates, allKeys);
      if (label.isEmpty()) {
        empty++;
      } else {
        seen.add(e.config().get("name") + "\u0000" + label);
      }
    }
    return empty == entries.size() ? 0 : seen.size();
  }

  /** The value and step of {@code stat} of a column, or null when the run has no such value. */
  static double[] statistic(MetricsTable table, String column, Stat stat) {
    if (table == null || !MetricColumns.present(column, table.columns())) {
      return null;
    }
    double[] best = null;
    boolean higher = stat == Stat.MAX || stat == Stat.BEST && column.contains("accuracy");
    for (MetricRow row : table.rows()) {
      double v = MetricColumns.value(row, column);
      if (Double.isNaN(v)) {
        continue;
      }
      if (best == null || stat == Stat.LAST || (higher ? v > best[0] : v < best[0])) {
        best = new double[] {v, row.step()};
      }
    }
    return best;
  }

  /** The config differences: keys as rows and runs as columns for a few runs, else a row per run. */
  public Table configTable() {
    if (entries.size() <= SIDE_BY_SIDE) {
      List<String> header = new ArrayList<>(List.of("key"));
      entries.forEach(e -> header.add(e.directory().getFileName().toString()));
      Table t = new Table(header);
      for (String key : differing) {
        List<String> row = new ArrayList<>(List.of(key));
        entries.forEach(e -> row.add(Objects.requireNonNullElse(e.config().get(key), "(absent)")));
        t.add(row);
      }
      return t;
    }
    List<String> header = new ArrayList<>(List.of("run"));
    header.addAll(differing);
    Table t = new Table(header);
    for (Entry e : entries) {
      List<String> row = new ArrayList<>(List.of(e.directory().getFileName().toString()));
      differing.forEach(k -> row.add(Objects.requireNonNullElse(e.config().get(k), "(absent)")));
      t.add(row);
    }
    return t;
  }

  /** Per run, the statistic of each metric and the step where it happened ("value @ step"). */
  public Table metricsTable(List<String> metrics, Stat stat) {
    List<Table.Column> header = new ArrayList<>(List.of(Table.Column.of("run"), Table.Column.of("label")));
    metrics.forEach(m -> header.add(new Table.Column(m + "_" + stat.name().toLowerCase(Locale.ROOT),
        m.replace('_', ' ') + " (" + stat.name().toLowerCase(Locale.ROOT) + ")")));
    Table t = Table.withColumns(header);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      List<String> row = new ArrayList<>(List.of(e.directory().getFileName().toString(), labels.get(i)));
      for (String m : metrics) {
        double[] s = statistic(e.metrics(), m, stat);
        row.add(s == null ? "-" : Table.number(s[0]) + " @ " + (long) s[1]);
      }
      t.add(row);
    }
    return t;
  }

  /** Everything in one table with a row per run, for CSV and JSON. */
  public Table combinedTable(List<String> metrics, Stat stat) {
    List<String> header = new ArrayList<>(List.of("run", "label"));
    header.addAll(differing);
    String suffix = "_" + stat.name().toLowerCase(Locale.ROOT);
    for (String m : metrics) {
      header.add(m + suffix);
      header.add(m + suffix + "_step");
    }
    Table t = new Table(header);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      List<Object> row = new ArrayList<>(List.of(e.directory().getFileName().toString(), labels.get(i)));
      differing.forEach(k -> row.add(e.config().get(k)));
      for (String m : metrics) {
        double[] s = statistic(e.metrics(), m, stat);
        row.add(s == null ? null : (Object) s[0]);
        row.add(s == null ? null : (Object) (long) s[1]);
      }
      t.add(row);
    }
    return t;
  }

  /**
   * Writes {@code <metric>.png} and {@code <metric>.svg} into {@code directory}. Runs that differ
   * only by their seed are one line, the mean over them with ± one standard deviation as error
   * bars (as a sweep's charts), unless {@code eachRun}; every other run is a line of its own.
   *
   * @return the files written (metrics no run has are skipped)
   */
  public List<Path> writeCharts(Path directory, String prefix, List<String> metrics, boolean eachRun, boolean svg)
      throws IOException {
    return writeCharts(directory, prefix, metrics, eachRun, svg, "step");
  }

  /**
   * As {@link #writeCharts(Path, String, List, boolean, boolean)}, against {@code x} (see {@link
   * #chart(String, boolean, String)}); a ratio's file is named with "_per_" for the slash.
   */
  public List<Path> writeCharts(Path directory, String prefix, List<String> metrics, boolean eachRun, boolean svg,
      String x) throws IOException {
    List<Path> written = new ArrayList<>();
    for (String metric : metrics) {
      ChartRenderer chart = new ChartRenderer(chart(metric, eachRun, x));
      if (chart.hasPoints()) {
        Path png = directory.resolve(prefix + MetricColumns.fileName(metric) + ".png");
        chart.writePng(png);
        written.add(png);
        if (svg) {
          Path file = directory.resolve(prefix + MetricColumns.fileName(metric) + ".svg");
          chart.writeSvg(file);
          written.add(file);
        }
      }
    }
    return written;
  }

  /**
   * The chart of one metric: a line per run, or per group of runs that differ only by seed (a
   * series with errors: the mean ± one standard deviation), as {@code ./run compare} draws it.
   */
  public LineChart chart(String metric, boolean eachRun) {
    return chart(metric, eachRun, "step");
  }

  /**
   * The chart of one metric against {@code x}: "step" as {@link #chart(String, boolean)}, or
   * another column of every run (e.g. {@code train_minutes}: training time, where runs of different
   * speeds part), one line per run — runs of different seeds reach a value at different x, so
   * there is no mean to take.
   */
  public LineChart chart(String metric, boolean eachRun, String x) {
    if (x.equals("step")) {
      return chartByStep(metric, eachRun);
    }
    String words = MetricColumns.words(metric), xWords = MetricColumns.words(x);
    LineChart plot = new LineChart(words + " vs " + xWords, xWords, words)
        .yScale(metric.contains("accuracy") ? LineChart.Scale.LINEAR : LineChart.Scale.AUTO);
    for (int i = 0; i < entries.size(); i++) {
      MetricsTable table = entries.get(i).metrics();
      if (table == null || !MetricColumns.present(metric, table.columns())
          || !MetricColumns.present(x, table.columns())) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      for (MetricRow row : table.rows()) {
        double xv = MetricColumns.value(row, x), yv = MetricColumns.value(row, metric);
        if (Double.isFinite(xv) && Double.isFinite(yv)) {
          points.add(new double[] {xv, yv});
        }
      }
      if (!points.isEmpty()) {
        plot.series(labels.get(i), points.stream().mapToDouble(p -> p[0]).toArray(),
            points.stream().mapToDouble(p -> p[1]).toArray());
      }
    }
    return plot;
  }

  private LineChart chartByStep(String metric, boolean eachRun) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String key = eachRun ? Integer.toString(i) : signature(entries.get(i), grouping);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    String words = MetricColumns.words(metric);
    LineChart plot = new LineChart(words + " vs step" + (eachRun || groups.size() == entries.size() ? ""
        : " (mean ± std over seeds)"), "step", words).yScale(metric.contains("accuracy") ? LineChart.Scale.LINEAR
        : LineChart.Scale.AUTO);
    for (List<Integer> group : groups.values()) {
      List<List<MetricRow>> runs = new ArrayList<>();
      for (int i : group) {
        MetricsTable table = entries.get(i).metrics();
        if (table != null && MetricColumns.present(metric, table.columns())) {
          runs.add(table.rows());
        }
      }
      if (runs.isEmpty()) {
        continue;
      }
      List<SeedAggregate.Point> points = SeedAggregate.of(runs, metric);
      if (runs.size() == 1) {
        plot.series(labels.get(group.get(0)), points.stream().mapToDouble(SeedAggregate.Point::step).toArray(),
            points.stream().mapToDouble(SeedAggregate.Point::mean).toArray());
      } else {
        String label = groupLabels.get(group.get(0));
        SeedAggregate.plot(plot, (label.isEmpty() ? "mean" : label) + " (" + runs.size() + " seeds)", points);
      }
    }
    return plot;
  }
}
