package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gradient check and the gradient-growth study, run as experiments. */
class StudiesTest {
  @TempDir Path dir;

  private static final String GRADCHECK = """
      name: check
      task: {type: memory, remember: 5, symbols: 4}
      network: {hidden: 6}
      experiment: {type: gradcheck, batch_size: 2, entries: 10}
      sinks: []
      """;

  private Runs.Result last;

  private Path run(String yaml, int expectedExit, String... overrides) throws IOException {
    Path config = Files.writeString(dir.resolve("study.yaml"), yaml);
    Path runs = dir.resolve("runs-" + System.nanoTime());
    String[] args = new String[overrides.length + 3];
    args[0] = config.toString();
    System.arraycopy(overrides, 0, args, 1, overrides.length);
    args[overrides.length + 1] = "--runs-dir";
    args[overrides.length + 2] = runs.toString();
    last = Runs.execute(args);
    assertEquals(expectedExit, last.exitCode(), last.err() + last.out());
    List<Path> made = Runs.runDirectories(runs);
    return made.isEmpty() ? null : made.get(0);
  }

  @Test
  void gradcheckPassesForEveryBuiltInCell() throws IOException {
    Path run = run(GRADCHECK, 0, "experiment.cells=[{type: rnn, activation: tanh}, {type: rnn, activation: relu},"
        + " lstm, {type: gru, reset_gate: after}, {type: gru, reset_gate: before}]");
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("completed", summary.get("status"));
    assertEquals(true, summary.get("passed"));
    List<CSVRecord> rows = Runs.csv(run.resolve("gradcheck.csv"));
    assertEquals(List.of("rnn activation=tanh", "rnn activation=relu", "lstm", "gru reset_gate=after",
        "gru reset_gate=before"), rows.stream().map(r -> r.get("cell")).distinct().toList());
    assertTrue(rows.stream().allMatch(r -> r.get("passed").equals("true")));
    assertEquals(((Number) summary.get("entries_checked")).intValue(), rows.size());
  }

  @Test
  void gradcheckFailsWhenABackwardIsWrong() throws IOException {
    Path run = run(GRADCHECK, 1, "experiment.cells=[broken-test, rnn]");
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("failed", summary.get("status"));
    assertEquals(false, summary.get("passed"));
    assertTrue(summary.get("message").toString().startsWith("gradient check failed: "), summary.get("message").toString());
    assertEquals("broken-test", ((Map<?, ?>) summary.get("worst")).get("cell"));
    List<CSVRecord> rows = Runs.csv(run.resolve("gradcheck.csv"));
    assertTrue(rows.stream().anyMatch(r -> r.get("cell").equals("broken-test") && r.get("passed").equals("false")));
    List<CSVRecord> rnn = rows.stream().filter(r -> r.get("cell").equals("rnn")).toList();
    assertTrue(rnn.size() >= 5, "the correct cell beside it was checked: " + rnn.size() + " entries");
    assertTrue(rnn.stream().allMatch(r -> r.get("passed").equals("true")), "the correct cell beside it still passes");
  }

  /** The configured stack (mixed cells), from a random start state: every layer's matrices, named by layer. */
  @Test
  void gradcheckCoversStacksFromARandomStartState() throws IOException {
    Path run = run(GRADCHECK, 0, "network.layers=[{cell: lstm, hidden: 5}, {cell: gru, hidden: 4}, {cell: rnn, hidden: 3}]",
        "experiment.start_state=random");
    List<CSVRecord> rows = Runs.csv(run.resolve("gradcheck.csv"));
    List<String> checked = rows.stream().map(r -> r.get("parameter")).distinct().toList();
    assertTrue(checked.containsAll(List.of("W_i", "U_f", "l2.W_r", "l2.U_n", "l3.W", "l3.U", "V", "c")), checked.toString());
    assertTrue(rows.stream().allMatch(r -> r.get("passed").equals("true")));

    Path broken = run(GRADCHECK, 1, "network.layers=[{cell: lstm, hidden: 5}, {cell: broken-test, hidden: 4}]",
        "experiment.start_state=random");
    List<CSVRecord> failed = Runs.csv(broken.resolve("gradcheck.csv")).stream()
        .filter(r -> r.get("passed").equals("false")).toList();
    assertTrue(!failed.isEmpty() && failed.stream().allMatch(r -> r.get("parameter").startsWith("l2.")
        || r.get("parameter").matches("[WUb]_.*")), "the broken layer, and what its gradient reaches below it");
  }

  /** network.precision float32 is for training: the check of such a network runs in float64, and says so. */
  @Test
  void gradcheckOfAFloat32NetworkRunsInFloat64() throws IOException {
    Path run = run(GRADCHECK, 0, "network.precision=float32", "network.cell=lstm");
    assertEquals(true, Runs.yaml(run.resolve("summary.yaml")).get("passed"));
    assertTrue(last.out().contains("network.precision is float32 for training; the check runs in float64"), last.out());
    assertTrue(Runs.csv(run.resolve("gradcheck.csv")).stream().allMatch(r -> r.get("passed").equals("true")));
  }

  private static final String GROWTH = """
      name: growth
      task: {type: random-sequence, length: 3, vocabulary: 5}
      network: {hidden: 6, recurrent_init: {type: glorot, gain: 3.0}}
      clipper: {type: norm, max_norm: 0.5}
      optimizer: {type: sgd, learning_rate: 0.1}
      experiment: {type: gradient-growth, max_length: 60, stride: 1, pretrain_steps: 5, pretrain_length: 3}
      sinks: []
      """;

  @Test
  void growthStudyMeasuresEveryLengthBeforeAndAfterClipping() throws IOException {
    Path run = run(GROWTH, 0, "experiment.hidden=[4, 8]");
    List<CSVRecord> rows = Runs.csv(run.resolve("gradient-growth.csv"));
    assertEquals(List.of("condition", "length", "mean_abs_gradient", "norm", "clipped_norm", "norm_W", "norm_U",
        "norm_b", "norm_V", "norm_c"), rows.get(0).getParser().getHeaderNames());
    assertEquals(2 * 60, rows.size());
    assertEquals(List.of("H=4", "H=8"), rows.stream().map(r -> r.get("condition")).distinct().toList());
    for (CSVRecord row : rows) {
      double norm = Double.parseDouble(row.get("norm")), clipped = Double.parseDouble(row.get("clipped_norm"));
      assertTrue(clipped <= 0.5 * (1 + 1e-12), "the clipped norm stays at or below max_norm: " + clipped);
      assertEquals(Math.min(norm, 0.5), clipped, 1e-12);
    }
    for (String png : List.of("gradient-growth.png", "gradient-growth-mean.png")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 8);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png);
      assertNotNull(ImageIO.read(run.resolve(png).toFile()));
    }
  }

  @Test
  void withALargeRecurrentInitTheUnclippedGradientGrowsWithLength() throws IOException {
    Path run = run(GROWTH, 0);
    List<CSVRecord> rows = Runs.csv(run.resolve("gradient-growth.csv"));
    double early = mean(rows.subList(0, 10), "mean_abs_gradient"), late = mean(rows.subList(50, 60), "mean_abs_gradient");
    assertTrue(late > 3 * early, "mean |gradient| " + early + " at lengths 1-10, " + late + " at 51-60");
    assertTrue(mean(rows.subList(50, 60), "norm") > 3 * mean(rows.subList(0, 10), "norm"));
  }

  @Test
  void aTaskWhoseLengthCannotVaryIsABadConfigReportedBeforeAnythingIsWritten() throws IOException {
    Path run = run(GROWTH, 2, "task={type: memory, remember: 3}");
    assertEquals(null, run);
    assertEquals("rnnlab: study.yaml: the settings do not fit together: the memory task has 2L + 1 steps (odd,"
        + " at least 3), not 60", last.err().strip().replace(dir.resolve("study.yaml").toString(), "study.yaml"));
  }

  private static double mean(List<CSVRecord> rows, String column) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).average().orElseThrow();
  }
}
