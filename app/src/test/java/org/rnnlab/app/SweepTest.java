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

/** Sweeps: validated before they start, failures contained, results aggregated. */
class SweepTest {
  @TempDir Path dir;

  private Runs.Result sweep(String... args) throws IOException {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    String[] all = new String[args.length + 4];
    all[0] = config.toString();
    all[1] = "sinks=[]";
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--runs-dir";
    all[args.length + 3] = dir.resolve("runs").toString();
    return Runs.execute(all);
  }

  @Test
  void anInvalidPointStopsTheSweepBeforeAnyPointStarts() throws IOException {
    Runs.Result result = sweep("--sweep", "optimizer.learning_rate=0.01,-2,0.02", "seed=1..2");
    assertEquals(2, result.exitCode());
    assertEquals("rnnlab: the sweep was not started: point 3 of 6 (learning_rate=-2 seed=1): override"
        + " 'optimizer.learning_rate=-2': optimizer.learning_rate: expected a finite number in (0, 1000], got '-2'"
        + " (and 1 more invalid points)", result.err().strip());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing was written");
  }

  @Test
  void badAxesAreBadInput() throws IOException {
    assertEquals(2, sweep("--sweep", "seed").exitCode());
    assertEquals(2, sweep("--sweep", "seed=5..1").exitCode());
    assertEquals(2, sweep("--sweep", "seed=1,2", "seed=3").exitCode());
    assertEquals(2, sweep("--sweep", "seed=1,,2").exitCode());
    for (String range : new String[] {"seed=99999999999999999999..1", "seed=-9223372036854775808..9223372036854775807",
        "seed=1..10:0", "seed=99999999999999999999..99999999999999999999"}) {
      Runs.Result result = sweep("--sweep", range);
      assertEquals(2, result.exitCode(), range + ": " + result.err());
      assertTrue(result.err().startsWith("rnnlab: ") && result.err().strip().lines().count() == 1, result.err());
    }
  }

  @Test
  void aDivergingPointDoesNotStopTheOthers() throws IOException {
    Runs.Result result = sweep("optimizer.type=sgd", "clipper=none", "network.cell.activation=relu",
        "network.hidden=30", "experiment.steps=2000", "experiment.log_every=100", "experiment.eval_every=1000",
        "--sweep", "optimizer.learning_rate=0.01,1000,0.02", "--jobs", "2");
    assertEquals(1, result.exitCode(), result.err() + result.out());
    Path sweepDir = Runs.runDirectories(dir.resolve("runs")).get(0);
    assertTrue(sweepDir.getFileName().toString().endsWith("_small_sweep"));
    Map<String, Object> sweep = Runs.yaml(sweepDir.resolve("sweep.yaml"));
    assertTrue(Runs.execute("list", "--runs-dir", dir.resolve("runs").toString()).out()
        .contains("sweep: 2 completed, 1 diverged"), "list derives the sweep's state from its points");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> points = (List<Map<String, Object>>) sweep.get("points");
    assertEquals("diverged", points.get(1).get("status"));
    assertTrue(points.get(1).get("message").toString().contains("at step"), points.get(1).toString());
    assertEquals("completed", points.get(2).get("status"), "the point after the diverged one ran");
    List<CSVRecord> table = Runs.csv(sweepDir.resolve("sweep.csv"));
    assertEquals(3, table.size());
    assertTrue(result.out().contains("sweep: 2 completed, 1 diverged"), result.out());
  }

  @Test
  void pointsThatDifferOnlyBySeedAreAggregatedAndParallelismChangesNothing() throws IOException {
    Runs.Result two = sweep("--sweep", "optimizer.learning_rate=0.01,0.02", "seed=1..3", "--jobs", "2");
    assertEquals(0, two.exitCode(), two.err());
    Runs.Result one = sweep("--sweep", "optimizer.learning_rate=0.01,0.02", "seed=1..3", "--jobs", "1");
    assertEquals(0, one.exitCode(), one.err());
    List<Path> sweeps = Runs.runDirectories(dir.resolve("runs"));
    assertEquals(2, sweeps.size());
    for (String chart : List.of("sweep_test_accuracy.png", "sweep_loss.png")) {
      assertTrue(Files.size(sweeps.get(0).resolve(chart)) > 0, chart);
    }
    List<Path> pointsA = Runs.runDirectories(sweeps.get(0)), pointsB = Runs.runDirectories(sweeps.get(1));
    assertEquals(6, pointsA.size());
    assertEquals("1_learning_rate=0.01_seed=1", pointsA.get(0).getFileName().toString());
    for (int i = 0; i < 6; i++) {
      List<CSVRecord> a = Runs.csv(pointsA.get(i).resolve("metrics.csv")), b = Runs.csv(pointsB.get(i).resolve("metrics.csv"));
      assertEquals(Runs.column(a, "loss"), Runs.column(b, "loss"), "point " + (i + 1));
      assertEquals(Runs.column(a, "test_accuracy"), Runs.column(b, "test_accuracy"));
    }
  }
}
