package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment file's {@code sweep:} section: {@code ./run file} runs its grid, the command line
 * fixes or replaces its axes, and its map is drawn from what the points ended with.
 */
class SweepSectionTest {
  @TempDir Path dir;

  private static final String GRID = """
      name: grid
      seed: 1
      task: {type: copy, length: 2, delay: 1, symbols: 3}
      network: {hidden: 8, cell: rnn}
      optimizer: {type: adam, learning_rate: 0.02}
      experiment: {type: train, steps: 60, batch_size: 8, log_every: 10, eval_every: 10, eval_sequences: 40,
                   stop_at_test_accuracy: 0.9}
      sinks: []
      sweep:
        axes:
          network.cell: [rnn, {type: gru, reset_gate: before}]
          task.length: [1, 3]
          task.delay: [1, 4]
          seed: 1..2
        map: {x: task.delay, y: task.length, reach: 0.9}
      """;

  private Runs.Result run(String config, String... args) throws IOException {
    Path file = Files.writeString(dir.resolve("grid.yaml"), config);
    List<String> all = new ArrayList<>(List.of(file.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of("--runs-dir", dir.resolve("runs").toString()));
    return Runs.execute(all.toArray(String[]::new));
  }

  @Test
  void theFileSweepsItsGridAndDrawsItsMapFromThePoints() throws IOException {
    Runs.Result result = run(GRID, "--jobs", "2");
    assertEquals(0, result.exitCode(), result.err() + result.out());
    Path sweep = Runs.runDirectories(dir.resolve("runs")).get(0);
    assertTrue(sweep.getFileName().toString().endsWith("_grid_sweep"), sweep.toString());
    List<Path> points = Runs.runDirectories(sweep);
    assertEquals(16, points.size());
    Map<String, Object> record = Runs.yaml(sweep.resolve("sweep.yaml"));
    assertEquals(Map.of("x", "task.delay", "y", "task.length", "reach", 0.9), record.get("map"));
    for (Path point : points) {
      assertFalse(Files.readString(point.resolve("config.yaml")).contains("sweep"), "a point's config has no sweep");
    }
    assertTrue(Files.size(sweep.resolve("sweep_map_cell=rnn.png")) > 0);
    assertTrue(Files.size(sweep.resolve("sweep_map_cell=_type_gru_reset_gate_before.png")) > 0);
    // every cell of the table, recomputed here from the points' own files
    List<CSVRecord> table = Runs.csv(sweep.resolve("sweep_map.csv"));
    assertEquals(8, table.size());
    int reachedSomewhere = 0;
    for (CSVRecord row : table) {
      String cell = row.get("panel").equals("cell=rnn") ? "rnn" : "{type: gru, reset_gate: before}";
      List<Double> accuracies = new ArrayList<>();
      int reached = 0;
      for (Path point : points) {
        List<String> overrides = Files.readAllLines(point.resolve("overrides.txt"));
        if (overrides.contains("network.cell=" + cell) && overrides.contains("task.length=" + row.get("task.length"))
            && overrides.contains("task.delay=" + row.get("task.delay"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> last = (Map<String, Object>) Runs.yaml(point.resolve("summary.yaml")).get("final");
          accuracies.add(((Number) last.get("test_accuracy")).doubleValue());
          List<String> evaluated = Runs.column(Runs.csv(point.resolve("metrics.csv")), "test_accuracy");
          reached += evaluated.stream().anyMatch(a -> !a.isEmpty() && Double.parseDouble(a) >= 0.9) ? 1 : 0;
        }
      }
      assertEquals(2, accuracies.size(), row.toString());
      assertEquals("2", row.get("seeds"));
      double mean = (accuracies.get(0) + accuracies.get(1)) / 2;
      assertEquals(mean, Double.parseDouble(row.get("mean_test_accuracy")), 1e-4, row.toString());
      assertEquals(reached, Integer.parseInt(row.get("reached")), row.toString());
      reachedSomewhere += reached;
    }
    assertTrue(reachedSomewhere > 0, "the easiest cells are reached: the time column is exercised");
    String grids = Files.readString(sweep.resolve("sweep_map.md"));
    assertTrue(grids.contains("### cell=rnn") && grids.contains("| task.length \\ task.delay | 1 | 4 |"), grids);
    // every square of the grids sits where the table says: row task.length, column task.delay
    for (CSVRecord row : table) {
      String section = grids.substring(grids.indexOf("### " + row.get("panel") + "\n"));
      String accuracyGrid = section.substring(0, section.indexOf("Training time"));
      String line = accuracyGrid.lines().filter(l -> l.startsWith("| " + row.get("task.length") + " |")).findFirst()
          .orElseThrow();
      String shown = line.split("\\|")[row.get("task.delay").equals("1") ? 2 : 3].strip();
      assertEquals(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(row.get("mean_test_accuracy"))),
          shown, row + " in " + line);
    }
    assertTrue(result.out().contains("training time to test accuracy ≥ 0.9 · cell=rnn"), result.out());
  }

  @Test
  void theCommandLineFixesOrReplacesTheFilesAxes() throws IOException {
    Runs.Result fixed = run(GRID, "network.cell=rnn", "task.length=1", "--sweep", "task.delay=1,2", "seed=1",
        "--jobs", "2");
    assertEquals(0, fixed.exitCode(), fixed.err() + fixed.out());
    assertTrue(fixed.out().contains("note: network.cell=rnn fixes network.cell, which "), fixed.out());
    assertTrue(fixed.out().contains("note: --sweep task.delay=… replaces the axis of "), fixed.out());
    Path sweep = Runs.runDirectories(dir.resolve("runs")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, List<Object>> axes = (Map<String, List<Object>>) Runs.yaml(sweep.resolve("sweep.yaml")).get("axes");
    assertEquals(Map.of("task.delay", List.of("1", "2")), axes, "seed=1 has one value: an override");
    assertTrue(fixed.out().contains("note: no map: task.length is not swept"), fixed.out());
    assertFalse(Files.exists(sweep.resolve("sweep_map.csv")));

    Runs.Result single = run(GRID, "network.cell=rnn", "task.length=1", "task.delay=1", "--sweep", "seed=3");
    assertEquals(0, single.exitCode(), single.err() + single.out());
    Path last = Runs.runDirectories(dir.resolve("runs")).stream() // both may bear the same second
        .filter(d -> !d.getFileName().toString().endsWith("_sweep")).findFirst().orElseThrow();
    String config = Files.readString(last.resolve("config.yaml"));
    assertTrue(!config.contains("sweep") && config.contains("seed: 3"), "every axis fixed: one run, seed 3\n" + config);

    Runs.Result inside = run(GRID, "task.length=1", "task.delay=1", "seed=1", "network.cell.reset_gate=after");
    assertEquals(0, inside.exitCode(), inside.err() + inside.out());
    assertTrue(inside.out().contains("note: network.cell.reset_gate=after is inside network.cell, which "),
        inside.out());
    assertEquals(2, run(GRID, "--sweep", "seed=1,1").exitCode(), "a value given twice");
  }

  @Test
  void aBadSectionIsBadInputWithWhereItWasWritten() throws IOException {
    String[][] cases = {
      {"sweep: [seed]", "grid.yaml:9:8: sweep: expected a mapping with axes (and a map), got a list"},
      {"sweep: {axes: {seed: 1..2}, plot: 1}", "grid.yaml:9:29: sweep.plot: unknown key; sweep takes axes, map"},
      {"sweep: {axes: {seed: [1]}}", "grid.yaml:9:22: sweep.axes.seed: an axis needs two or more different values,"
          + " got 1 (set a single value in the config itself)"},
      {"sweep: {axes: {seed: [1, 1]}}", "sweep.axes.seed: an axis needs two or more different values, got 2 with"
          + " repeats"},
      {"sweep: {axes: {seed: 3..1}}", "a range a..b[:step] needs a ≤ b"},
      {"sweep: {axes: {seed: five}}", "grid.yaml:9:22: sweep.axes.seed: expected a list of values such as"
          + " [0.003, 0.01] or a range a..b[:step] such as 1..5, got 'five'"},
      {"sweep: {axes: {seed: 1..2}, map: {x: seed, y: task.delay}}", "sweep.map: task.delay is not an axis of the"
          + " sweep; the map's x and y are two of seed"},
      {"sweep: {axes: {seed: 1..2}, map: {x: seed, y: seed}}", "sweep.map.y: the map needs two different axes"},
      {"sweep: {axes: {seed: 1..2}, map: {x: seed, y: task.delay, reach: 2}}", "sweep.map.reach: expected a finite"
          + " number in [0, 1]"},
      // A value no point can take: where it was written, not the override it became.
      {"sweep: {axes: {network.hidden: [8, -1]}}", "grid.yaml:9:36: network.hidden: "},
      {"sweep: {axes: {network.hidden: [8, -1]}}", "; the sweep was not started: the value -1 of the axis"
          + " network.hidden makes point 2 of 2 (hidden=-1) invalid"},
      {"sweep: {axes: {task.lenght: 1..2}}", "grid.yaml:9:29: task.lenght: unknown key; "},
      {"sweep: {axes: {task.lenght: 1..2}}", " makes point 1 of 2 (lenght=1) invalid (and 1 more invalid points)"},
      {"sweep: {axes: {network.cell: [rnn, {type: gru, reset_gate: sideways}]}}", "grid.yaml:9:36:"
          + " network.cell.reset_gate: "},
    };
    String base = GRID.substring(0, GRID.indexOf("sweep:"));
    for (String[] c : cases) {
      Runs.Result result = run(base + c[0] + "\n");
      assertEquals(2, result.exitCode(), c[0] + ": " + result.err() + result.out());
      assertTrue(result.err().startsWith("rnnlab: ") && result.err().contains(c[1])
          && result.err().strip().lines().count() == 1, c[0] + ": " + result.err());
      assertFalse(Files.exists(dir.resolve("runs")), c[0] + ": nothing was written");
    }
  }
}
