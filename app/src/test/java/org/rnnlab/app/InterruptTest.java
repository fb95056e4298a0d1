package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) to the launcher ends the run cleanly: status interrupted, every row kept. */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void sigintStopsTheRunWithStatusInterruptedAndKeepsItsRows() throws Exception {
    Files.writeString(dir.resolve("long.yaml"), Runs.SMALL);
    Process process = Runs.startLauncher(dir, "long.yaml", "experiment.steps=100000000", "experiment.log_every=5",
        "experiment.eval_every=1000000000", "--runs-dir", "runs");
    Path metrics = Runs.awaitMetrics(process, dir.resolve("runs"), 3, dir);
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the run did not stop");
    assertEquals(130, process.exitValue(), Files.readString(dir.resolve("err.txt")));

    Path run = metrics.getParent();
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("interrupted", summary.get("status"));
    List<CSVRecord> rows = Runs.csv(metrics);
    long lastRow = Long.parseLong(rows.get(rows.size() - 1).get("step"));
    long stoppedAt = ((Number) summary.get("steps")).longValue();
    assertTrue(lastRow <= stoppedAt && stoppedAt - lastRow < 5, "rows up to the last logged step " + lastRow
        + " before the stop at " + stoppedAt);
    assertEquals(rows.size(), ((Number) summary.get("metric_rows")).intValue());
    for (CSVRecord row : rows) {
      assertEquals(row.size(), rows.get(0).size(), "no torn row");
    }
    assertTrue(Files.exists(run.resolve("checkpoint.bin")), "a stop saves where to resume");
    assertTrue(Files.exists(run.resolve("loss.png")), "charts are drawn on the way out");
  }
}
