package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adding task trains with mse, reports its baseline, and refuses the wrong loss up front. */
class RegressionTaskTest {
  @TempDir Path dir;

  private static final String ADDING = """
      name: adding
      task: {type: adding, length: 12}
      loss: mse
      network: {hidden: 8}
      optimizer: {type: adam, learning_rate: 0.01}
      experiment: {type: train, steps: 30, batch_size: 8, log_every: 10, eval_every: 30, eval_sequences: 50}
      sinks: []
      """;

  @Test
  void addingTrainsWithMseAndReportsTheBaseline() throws IOException {
    Path config = Files.writeString(dir.resolve("adding.yaml"), ADDING);
    Runs.Result result = Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, result.exitCode(), result.err());
    Path run = Runs.runDirectories(dir.resolve("runs")).get(0);
    List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(String.valueOf(1.0 / 6), rows.get(0).get("baseline_loss"));
    assertEquals("", rows.get(0).get("accuracy"), "accuracy is not defined for real-valued targets");
    assertTrue(Double.parseDouble(rows.get(2).get("test_loss")) > 0);
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals(1.0 / 6, ((Number) summary.get("baseline_loss")).doubleValue(), 1e-15);
  }

  @Test
  void crossEntropyOnRealValuedTargetsIsABadConfig() throws IOException {
    Path config = Files.writeString(dir.resolve("adding.yaml"), ADDING.replace("loss: mse", "loss: softmax-cross-entropy"));
    Runs.Result result = Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, result.exitCode());
    assertEquals("rnnlab: adding.yaml: the settings do not fit together: loss softmax-cross-entropy needs class targets,"
        + " but the task has real-valued targets (use loss: mse)",
        result.err().strip().replace(config.toString(), "adding.yaml"));
  }
}
