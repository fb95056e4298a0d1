package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a training run ends and what its summary and metrics say. */
class TrainOutcomesTest {
  @TempDir Path dir;

  private Path run(String... overrides) throws IOException {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Path runs = dir.resolve("runs-" + System.nanoTime());
    String[] args = new String[overrides.length + 4];
    args[0] = config.toString();
    System.arraycopy(overrides, 0, args, 1, overrides.length);
    args[overrides.length + 1] = "sinks=[]";
    args[overrides.length + 2] = "--runs-dir";
    args[overrides.length + 3] = runs.toString();
    Runs.Result result = Runs.execute(args);
    lastExitCode = result.exitCode();
    return Runs.runDirectories(runs).get(0);
  }

  private int lastExitCode;

  @Test
  void aRunawayLearningRateEndsAsDivergedAtTheStepWithItsRowsKept() throws IOException {
    Path run = run("optimizer={type: sgd, learning_rate: 1000}", "clipper=none", "network.hidden=30",
        "experiment.steps=2000", "experiment.log_every=1", "network.cell.activation=relu");
    assertEquals(3, lastExitCode);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("diverged", summary.get("status"));
    long step = ((Number) summary.get("steps")).longValue();
    assertTrue(step < 2000);
    assertTrue(summary.get("message").toString().matches("the (loss|gradient norm) became (NaN|Infinity) at step "
        + step + " \\(the last finite gradient norm was [0-9.e+]+\\): lower optimizer.learning_rate or clip the"
        + " gradients \\(clipper: norm\\); experiment.on_nonfinite: skip drops such updates instead"),
        summary.get("message").toString());
    List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(step, rows.size(), "a row for every step up to the divergence");
    assertEquals(Long.toString(step), rows.get(rows.size() - 1).get("step"));
  }

  @Test
  void skippingNonFiniteUpdatesCountsThemAndGivesUpAfterAHundredInARow() throws IOException {
    Path run = run("optimizer={type: sgd, learning_rate: 1000}", "clipper=none", "network.hidden=30",
        "experiment.steps=2000", "experiment.log_every=50", "network.cell.activation=relu",
        "experiment.on_nonfinite=skip");
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("diverged", summary.get("status"), "once the weights are NaN every update is skipped");
    assertTrue(summary.get("message").toString().startsWith("100 updates in a row were skipped; "),
        summary.get("message").toString());
    assertTrue(((Number) summary.get("skipped_steps")).longValue() >= 100);
    List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
    assertTrue(rows.stream().mapToLong(r -> Long.parseLong(r.get("skipped_steps"))).sum() >= 100);
    CSVRecord allSkipped = rows.get(rows.size() - 1);
    assertEquals("", allSkipped.get("loss"), "a window of skipped steps only has no mean loss");
  }

  @Test
  void evaluationsHappenEveryEvalEveryStepsAndAtTheEnd() throws IOException {
    Path run = run("experiment.steps=45", "experiment.log_every=10", "experiment.eval_every=20");
    assertEquals(0, lastExitCode);
    List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(List.of("10", "20", "30", "40", "45"), Runs.column(rows, "step"));
    List<String> tested = rows.stream().filter(r -> !r.get("test_accuracy").isEmpty()).map(r -> r.get("step")).toList();
    assertEquals(List.of("20", "40", "45"), tested);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) summary.get("best");
    double bestAccuracy = ((Number) best.get("test_accuracy")).doubleValue();
    double max = rows.stream().filter(r -> !r.get("test_accuracy").isEmpty())
        .mapToDouble(r -> Double.parseDouble(r.get("test_accuracy"))).max().orElseThrow();
    assertEquals(max, bestAccuracy);
    assertEquals(45, summary.get("steps"));
    assertEquals(180, summary.get("sequences"));
    assertFalse(Files.exists(run.resolve("loss.png")), "no chart sink configured");
  }

  @Test
  void aTargetAccuracyStopsTrainingWhenReached() throws IOException {
    Path run = run("experiment.steps=1000", "experiment.log_every=10", "experiment.eval_every=20",
        "experiment.stop_at_test_accuracy=0.01");
    assertEquals(0, lastExitCode);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("completed", summary.get("status"));
    assertEquals(20, summary.get("steps"), "the first evaluation already reaches 0.01");
    @SuppressWarnings("unchecked")
    Map<String, Object> reached = (Map<String, Object>) summary.get("target_reached");
    assertEquals(20, reached.get("step"));
    assertTrue(summary.get("message").toString().startsWith("test accuracy "), summary.get("message").toString());
    assertEquals(List.of("10", "20"), Runs.column(Runs.csv(run.resolve("metrics.csv")), "step"));
  }

  @Test
  void aTargetLossMustBeMetTooAndATimeLimitStopsAtALoggedStep() throws IOException {
    Path run = run("task={type: copy, delay: 3, length: 2, symbols: 4}", "experiment.steps=60",
        "experiment.log_every=10", "experiment.eval_every=20", "experiment.stop_at_test_accuracy=0.01",
        "experiment.stop_at_test_loss_ratio=0.0001");
    assertEquals(0, lastExitCode);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals(60, summary.get("steps"), "the accuracy alone does not stop it: the loss is far above 0.01 %");
    assertFalse(summary.containsKey("target_reached"));

    Path limited = run("experiment.steps=1000", "experiment.log_every=10", "experiment.eval_every=1000",
        "experiment.max_minutes=0.00001");
    assertEquals(0, lastExitCode);
    Map<String, Object> limitedSummary = Runs.yaml(limited.resolve("summary.yaml"));
    assertEquals("completed", limitedSummary.get("status"));
    int steps = (Integer) limitedSummary.get("steps");
    assertTrue(steps < 1000, "0.6 ms of training stops long before 1000 steps, not at " + steps);
    assertTrue(limitedSummary.get("message").toString().startsWith("the time limit of 0.00001 min reached at step "
        + steps), limitedSummary.get("message").toString());
    List<CSVRecord> rows = Runs.csv(limited.resolve("metrics.csv"));
    CSVRecord lastRow = rows.get(rows.size() - 1);
    assertEquals(String.valueOf(steps), lastRow.get("step"), "the step it stops at is logged");
    assertFalse(lastRow.get("test_accuracy").isEmpty(), "and the test set scored there");
  }

  @Test
  void clippingIsMeasuredBeforeAndAfter() throws IOException {
    Path run = run("clipper={type: norm, max_norm: 0.001}", "experiment.steps=20", "experiment.log_every=10");
    for (CSVRecord row : Runs.csv(run.resolve("metrics.csv"))) {
      assertEquals(0.001, Double.parseDouble(row.get("clipped_grad_norm")), 1e-12);
      assertTrue(Double.parseDouble(row.get("grad_norm")) > 0.001);
      assertEquals("1", row.get("clipped_fraction"));
    }
  }
}
