package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.math.SplitMix64;

/**
 * SIGKILL at an arbitrary moment (each repetition waits a different random time): the launcher's
 * run leaves a metrics.csv that parses and ends with a whole line, a summary that says running,
 * and ./run list shows the run as incomplete.
 */
class KillTest {
  @TempDir Path dir;

  @RepeatedTest(4)
  void aRunKilledAtAnyMomentLeavesWholeRowsAndShowsAsIncomplete(org.junit.jupiter.api.RepetitionInfo repetition)
      throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Process process = Runs.startLauncher(dir, "small.yaml", "experiment.steps=100000000", "experiment.log_every=1",
        "experiment.eval_every=1000000", "network.hidden=16", "--runs-dir", "runs");
    // Wait for the first rows, then a random further while, so the kill lands anywhere in a step or a write.
    Path metrics = Runs.awaitMetrics(process, dir.resolve("runs"), 6, dir);
    Thread.sleep(new SplitMix64(repetition.getCurrentRepetition()).nextInt(700));
    new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES));

    String text = Files.readString(metrics);
    assertTrue(text.endsWith("\n"), "the last row is whole");
    List<CSVRecord> rows = Runs.csv(metrics);
    assertTrue(rows.size() > 5);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(0).size(), rows.get(i).size(), "row " + i);
      assertEquals(i + 1, Long.parseLong(rows.get(i).get("step")), "one row per step, in order");
    }
    Path run = metrics.getParent();
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("running", summary.get("status"));
    Runs.Result list = Runs.execute("list", "--runs-dir", dir.resolve("runs").toString());
    assertTrue(list.out().contains(" incomplete ") && list.out().contains("no process holds its lock"), list.out());
  }

  /** A stopped process (SIGSTOP, a suspended laptop) still holds its run: it is running, not resumable. */
  @org.junit.jupiter.api.Test
  void aStoppedRunIsStillRunningAndCannotBeResumedUnderIt() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Process process = Runs.startLauncher(dir, "small.yaml", "experiment.steps=100000000",
        "experiment.checkpoint_every=0", "--runs-dir", "runs");
    Path run = Runs.awaitMetrics(process, dir.resolve("runs"), 0, dir).getParent();
    try {
      new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
      Runs.Result list = Runs.execute("list", "--runs-dir", dir.resolve("runs").toString());
      assertTrue(list.out().contains(" running ") && !list.out().contains("incomplete"), list.out());
      Runs.Result resume = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
      assertEquals(2, resume.exitCode(), resume.err());
      assertTrue(resume.err().contains("the run is still running (pid " + process.pid() + ")"), resume.err());
    } finally {
      new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
      assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    }
    Runs.Result after = Runs.execute("list", "--runs-dir", dir.resolve("runs").toString());
    assertTrue(after.out().contains(" incomplete "), after.out());
  }
}
