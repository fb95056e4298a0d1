package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many runs at once, through the real launcher, into one archive: each gets its own whole directory. */
class ConcurrencyTest {
  @TempDir Path dir;

  private Process start(String... args) throws Exception {
    return Runs.launcher(dir, args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void twentyRunsStartedTogetherGetTwentyWholeDirectoriesBesideASweep() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    List<Process> processes = new ArrayList<>();
    processes.add(start("small.yaml", "sinks=[]", "--runs-dir", "runs", "--sweep", "seed=1..4", "--jobs", "2"));
    for (int i = 0; i < 20; i++) {
      processes.add(start("small.yaml", "sinks=[chart]", "--runs-dir", "runs"));
    }
    for (Process p : processes) {
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "a run did not finish");
      assertEquals(0, p.exitValue());
    }
    List<Path> directories = Runs.runDirectories(dir.resolve("runs"));
    assertEquals(21, directories.size(), "20 runs and one sweep: " + directories);
    Set<Object> writers = new HashSet<>();
    for (Path run : directories) {
      if (run.getFileName().toString().endsWith("_sweep")) {
        assertTrue(Runs.execute("list", "--runs-dir", dir.resolve("runs").toString()).out()
            .contains("sweep: 4 completed"));
        assertEquals(4, Runs.runDirectories(run).size());
        continue;
      }
      Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
      assertEquals("completed", summary.get("status"), run.toString());
      writers.add(summary.get("pid"));
      assertEquals(1, Files.readAllLines(run.resolve("run.log")).stream().filter(l -> l.startsWith("rnnlab ")).count(),
          "one process started in " + run);
      List<CSVRecord> rows = Runs.csv(run.resolve("metrics.csv"));
      assertEquals(List.of("10", "20", "30", "40"), Runs.column(rows, "step"), run.toString());
      assertTrue(Files.size(run.resolve("loss.png")) > 0);
    }
    assertEquals(20, writers.size(), "each of the 20 processes ran in a directory of its own");
    // The same config and seed, whichever of the twenty: the same numbers.
    List<String> first = null;
    for (Path run : directories) {
      if (!run.getFileName().toString().endsWith("_sweep")) {
        List<String> loss = Runs.column(Runs.csv(run.resolve("metrics.csv")), "loss");
        if (first == null) {
          first = loss;
        }
        assertEquals(first, loss, run.toString());
      }
    }
  }
}
