package org.rnnlab.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which metric columns share a chart on a run's page: a column with its test counterpart ({@code
 * loss} and {@code test_loss}), the loss with the task's no-memory baseline, the gradient norm
 * before and after clipping, as the run's own PNG charts pair them; every other column alone.
 * The step is the x axis of all of them.
 */
final class ChartGroups {
  private ChartGroups() {}

  /** Columns that count the work rather than measure the network: charted after the others. */
  static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("sequences", "train_seconds",
      "sequences_per_second", "skipped_steps");

  /**
   * The charts, each a list of columns (the first names it), in the order of the columns, those of
   * {@link #BOOKKEEPING} last.
   */
  static List<List<String>> of(List<String> columns) {
    Map<String, List<String>> charts = new LinkedHashMap<>();
    for (String column : columns) {
      if (column.equals("step")) {
        continue;
      }
      String base = companionOf(column);
      if (base != null && columns.contains(base)) {
        charts.computeIfAbsent(base, k -> new ArrayList<>(List.of(k))).add(column);
      } else {
        charts.computeIfAbsent(column, k -> new ArrayList<>(List.of(k)));
      }
    }
    List<List<String>> ordered = new ArrayList<>();
    charts.values().stream().filter(c -> !BOOKKEEPING.contains(c.get(0))).forEach(c -> ordered.add(List.copyOf(c)));
    charts.values().stream().filter(c -> BOOKKEEPING.contains(c.get(0))).forEach(c -> ordered.add(List.copyOf(c)));
    return List.copyOf(ordered);
  }

  /** The column whose chart {@code column} is drawn in, or null for a column of its own. */
  static String companionOf(String column) {
    return switch (column) {
      case "clipped_grad_norm" -> "grad_norm";
      case "baseline_loss" -> "loss";
      default -> column.startsWith("test_") ? column.substring("test_".length()) : null;
    };
  }
}
