package org.rnnlab.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.archive.RunRecord;
import org.rnnlab.archive.SweepState;
import org.rnnlab.archive.Table;
import org.rnnlab.experiment.Console;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.plot.HeatMap;
import org.rnnlab.store.AtomicFiles;
import org.rnnlab.store.MetricsTable;
import org.rnnlab.store.RunFiles;

/**
 * The map of a sweep that asks for one ({@link MapSettings}): the final test accuracy over two axes,
 * x across and y up. Every combination of the other axes but {@code seed} is a panel of its own
 * (e.g. one per cell); the seeds of a cell are averaged. Written beside the sweep's table, from its
 * point directories, at any time:
 *
 * <ul>
 *   <li>{@code sweep_map_<panel>.png}: one heatmap per panel, each cell coloured and labelled with
 *       the mean final test accuracy;
 *   <li>{@code sweep_map.csv}: one row per cell and panel: the seeds with a result, the mean, least
 *       and greatest final test accuracy, how many seeds reached {@code reach}, and the mean
 *       training seconds and step at which they did (the first evaluation at or above it);
 *   <li>{@code sweep_map.md}: the same per panel as two grids (accuracy, time to reach), for
 *       people and documents.
 * </ul>
 */
public final class SweepMapReport {
  static final String TABLE = "sweep_map.csv";
  static final String GRIDS = "sweep_map.md";
  static final String SEED = "seed";

  private SweepMapReport() {}

  /**
   * One cell of one panel: what its points ended with.
   *
   * @param panel the panel's axis values, e.g. {@code cell=gru}; empty when the map has one panel
   * @param y the row's value
   * @param x the column's value
   * @param accuracies the final test accuracy of each point that has one
   * @param reachedSeconds for each point that reached the threshold: its training seconds then
   * @param reachedSteps for each point that reached it: the step
   */
  record Cell(String panel, String y, String x, List<Double> accuracies, List<Double> reachedSeconds,
      List<Long> reachedSteps) {
    double mean(List<? extends Number> values) {
      return values.stream().mapToDouble(Number::doubleValue).average().orElse(Double.NaN);
    }

    /** The time to reach as a grid shows it: mean seconds, with "n/m:" in front when not every point reached. */
    String reachText() {
      if (reachedSeconds.isEmpty()) {
        return "-";
      }
      String seconds = String.format(Locale.ROOT, "%.1f s", mean(reachedSeconds));
      return reachedSeconds.size() == accuracies.size() ? seconds : reachedSeconds.size() + "/" + accuracies.size()
          + ": " + seconds;
    }
  }

  /**
   * What a sweep records of {@code map}: its settings when both of its axes are swept; otherwise
   * nothing (the console says why).
   */
  static Map<String, Object> recorded(MapSettings map, SweepAxes sweep, Console console) {
    if (map == null) {
      return Map.of();
    }
    List<String> keys = sweep.axes().stream().map(SweepAxes.Axis::key).toList();
    for (String axis : List.of(map.x(), map.y())) {
      if (!keys.contains(axis)) {
        console.println("note: no map: " + axis + " is not swept");
        return Map.of();
      }
    }
    Map<String, Object> recorded = new LinkedHashMap<>();
    recorded.put("x", map.x());
    recorded.put("y", map.y());
    recorded.put("reach", map.reach());
    return recorded;
  }

  /** The cells of the sweep's map, panel by panel, rows and columns in axis order; empty without a map. */
  static List<Cell> cells(SweepState state) {
    Map<String, Object> map = state.record().map();
    Map<String, List<String>> axes = state.record().axes();
    if (map.isEmpty() || !axes.containsKey(String.valueOf(map.get("x")))
        || !axes.containsKey(String.valueOf(map.get("y")))) {
      return List.of();
    }
    String x = map.get("x").toString(), y = map.get("y").toString();
    double reach = reach(state);
    List<String> panelKeys = axes.keySet().stream().filter(k -> !k.equals(x) && !k.equals(y) && !k.equals(SEED))
        .toList();
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (String panel : panels(axes, panelKeys)) { // every cell, in order, even before its points ran
      for (String row : axes.get(y)) {
        for (String column : axes.get(x)) {
          cells.put(panel + "\n" + row + "\n" + column, new Cell(panel, row, column, new ArrayList<>(),
              new ArrayList<>(), new ArrayList<>()));
        }
      }
    }
    for (SweepState.PointState p : state.points()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String o : p.record().overrides()) {
        if (o.indexOf('=') > 0) {
          values.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
      }
      RunRecord run = p.run();
      Cell cell = cells.get(panelOf(values, panelKeys) + "\n" + values.get(y) + "\n" + values.get(x));
      if (cell == null || run == null || run.finalAccuracy() == null) {
        continue;
      }
      cell.accuracies().add(run.finalAccuracy());
      MetricRow reached = firstReaching(run.directory(), reach);
      if (reached != null) {
        cell.reachedSeconds().add(reached.get("train_seconds"));
        cell.reachedSteps().add(reached.step());
      }
    }
    return List.copyOf(cells.values());
  }

  /**
   * Writes the map's files into the sweep directory.
   *
   * @return the number of heatmaps written (none without a map)
   */
  static int write(Path sweepDirectory, SweepState state) throws IOException {
    List<Cell> cells = cells(state);
    if (cells.isEmpty()) {
      return 0;
    }
    Map<String, Object> map = state.record().map();
    String x = map.get("x").toString(), y = map.get("y").toString();
    Map<String, List<String>> axes = state.record().axes();
    AtomicFiles.writeString(sweepDirectory.resolve(TABLE), table(cells, x, y, reach(state)).render(Table.Format.CSV));
    StringBuilder grids = new StringBuilder();
    int written = 0;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String panel : cells.stream().map(Cell::panel).distinct().toList()) {
      Map<String, Cell> of = byPlace(cells, panel);
      double[][] values = new double[axes.get(y).size()][axes.get(x).size()];
      for (int r = 0; r < values.length; r++) {
        for (int c = 0; c < values[r].length; c++) {
          Cell cell = of.get(place(axes.get(y).get(r), axes.get(x).get(c)));
          values[r][c] = cell.mean(cell.accuracies());
        }
      }
      boolean seedsAveraged = axes.containsKey(SEED) && !SEED.equals(x) && !SEED.equals(y);
      String seeds = seedsAveraged ? ", mean of " + axes.get(SEED).size() + " seeds" : "";
      HeatMap heatMap = new HeatMap("final test accuracy" + (panel.isEmpty() ? "" : " · " + panel) + seeds, x, y,
          axes.get(x), axes.get(y), values, 0, 1);
      if (of.values().stream().anyMatch(c -> !c.accuracies().isEmpty())) {
        String name = fileName(panel);
        for (int n = 2; !names.add(name); n++) { // two panels whose names read the same once cleaned
          name = fileName(panel).replaceFirst("\\.png$", "_" + n + ".png");
        }
        heatMap.writePng(sweepDirectory.resolve(name));
        written++;
      }
      grids.append("### ").append(panel.isEmpty() ? state.record().name() : panel).append("\n\n")
          .append("Final test accuracy").append(seeds.isEmpty() ? "" : " (" + seeds.substring(2) + ")").append(":\n\n")
          .append(grid(of, x, y, axes, c -> c.accuracies().isEmpty() ? "-"
              : String.format(Locale.ROOT, "%.2f", c.mean(c.accuracies()))).render(Table.Format.MARKDOWN))
          .append("\nTraining time to a test accuracy ≥ ").append(Table.number(reach(state)))
          .append(" (n/m: n of m seeds reached it; the mean over those):\n\n")
          .append(grid(of, x, y, axes, Cell::reachText).render(Table.Format.MARKDOWN)).append('\n');
    }
    AtomicFiles.writeString(sweepDirectory.resolve(GRIDS), grids.toString());
    return written;
  }

  /** The grids of time to reach, one per panel, as the console shows them at the end of a sweep. */
  static List<String> timeGrids(SweepState state) {
    List<Cell> cells = cells(state);
    List<String> out = new ArrayList<>();
    if (cells.isEmpty()) {
      return out;
    }
    String x = state.record().map().get("x").toString(), y = state.record().map().get("y").toString();
    for (String panel : cells.stream().map(Cell::panel).distinct().toList()) {
      Map<String, Cell> of = byPlace(cells, panel);
      out.add("training time to test accuracy ≥ " + Table.number(reach(state)) + (panel.isEmpty() ? "" : " · " + panel)
          + " (rows " + y + ", columns " + x + "):");
      out.add(grid(of, x, y, state.record().axes(), Cell::reachText).render(Table.Format.TABLE).stripTrailing());
    }
    return out;
  }

  private static Table grid(Map<String, Cell> of, String x, String y, Map<String, List<String>> axes,
      java.util.function.Function<Cell, String> text) {
    List<Table.Column> header = new ArrayList<>(List.of(new Table.Column(y, y + " \\ " + x)));
    axes.get(x).forEach(v -> header.add(new Table.Column(v, v)));
    Table t = Table.withColumns(header);
    for (String rowValue : axes.get(y)) {
      List<Object> row = new ArrayList<>(List.of(rowValue));
      for (String column : axes.get(x)) {
        row.add(text.apply(of.get(place(rowValue, column))));
      }
      t.add(row);
    }
    return t;
  }

  /** The cells of {@code panel} by their place (see {@link #place}). */
  private static Map<String, Cell> byPlace(List<Cell> cells, String panel) {
    Map<String, Cell> of = new LinkedHashMap<>();
    cells.stream().filter(c -> c.panel().equals(panel)).forEach(c -> of.put(place(c.y(), c.x()), c));
    return of;
  }

  private static String place(String row, String column) {
    return row + "\n" + column;
  }

  private static Table table(List<Cell> cells, String x, String y, double reach) {
    String at = Table.number(reach);
    Table t = Table.withColumns(List.of(Table.Column.of("panel"), new Table.Column(y, y), new Table.Column(x, x),
        Table.Column.of("seeds"), Table.Column.of("mean_test_accuracy"), Table.Column.of("min_test_accuracy"),
        Table.Column.of("max_test_accuracy"), new Table.Column("reached", "reached " + at),
        new Table.Column("mean_seconds_to_reach", "mean seconds to " + at),
        new Table.Column("mean_step_to_reach", "mean step to " + at)));
    for (Cell c : cells) {
      t.add(List.of(c.panel(), c.y(), c.x(), c.accuracies().size(), number(c.mean(c.accuracies())),
          number(c.accuracies().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
          number(c.accuracies().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)),
          c.reachedSeconds().size(), number(c.mean(c.reachedSeconds())), number(c.mean(c.reachedSteps()))));
    }
    return t;
  }

  private static String number(double value) {
    return Table.number(Double.isNaN(value) ? null : value);
  }

  private static double reach(SweepState state) {
    return state.record().map().get("reach") instanceof Number n ? n.doubleValue() : 0.99;
  }

  /** The first evaluation of the point at or above {@code reach}, or null (none, or no readable metrics). */
  private static MetricRow firstReaching(Path point, double reach) {
    try {
      MetricsTable metrics = MetricsTable.read(point.resolve(RunFiles.METRICS));
      if (!metrics.columns().contains("test_accuracy") || !metrics.columns().contains("train_seconds")) {
        return null;
      }
      for (MetricRow row : metrics.rows()) {
        if (row.get("test_accuracy") >= reach) {
          return row;
        }
      }
    } catch (IOException e) {
      return null; // a point without metrics has not reached anything
    }
    return null;
  }

  /** Every panel: the combinations of the panel axes' values, in axis order. */
  private static List<String> panels(Map<String, List<String>> axes, List<String> keys) {
    List<List<String>> combos = new ArrayList<>(List.of(List.of()));
    for (String key : keys) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> combo : combos) {
        for (String v : axes.get(key)) {
          List<String> longer = new ArrayList<>(combo);
          longer.add(key + "=" + v);
          next.add(longer);
        }
      }
      combos = next;
    }
    return combos.stream().map(c -> c.isEmpty() ? "" : SweepPlan.label(c)).toList();
  }

  private static String panelOf(Map<String, String> values, List<String> keys) {
    List<String> overrides = keys.stream().map(k -> k + "=" + values.get(k)).toList();
    return overrides.isEmpty() ? "" : SweepPlan.label(overrides);
  }

  /** {@code sweep_map_<panel>.png}, the panel's values in characters a file name may hold. */
  static String fileName(String panel) {
    String name = panel.isEmpty() ? "sweep_map.png" : "sweep_map_" + panel.replaceAll("[^A-Za-z0-9.=-]+", "_")
        .replaceAll("^_+|_+$", "") + ".png";
    return name.length() > 120 ? name.substring(0, 116) + ".png" : name;
  }
}
