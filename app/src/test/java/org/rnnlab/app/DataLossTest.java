package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing measured is lost and nothing is overwritten: a stopped study keeps its rows and draws its
 * charts, a stop during an evaluation resumes to the uninterrupted numbers, every evaluation gets a
 * file of its own, a live run is never resumed under itself, stale temporaries are cleaned.
 */
class DataLossTest {
  @TempDir Path dir;

  private static final Path ROOT = LauncherEndToEndTest.ROOT;

  /** Starts the launcher, waits until {@code file} (found under runs/) has more than {@code lines} lines. */
  private Path startAndAwait(Process process, String file, int lines) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      for (Path run : Runs.runDirectories(dir.resolve("runs"))) {
        Path f = run.resolve(file);
        if (Files.exists(f) && Files.readAllLines(f).size() > lines) {
          return run;
        }
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new AssertionError("no " + file + " in time: " + Files.readString(dir.resolve("err.txt")));
  }

  private static void signal(Process process, String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }

  @Test
  void aStoppedGradientGrowthStudyKeepsEveryLengthMeasuredAndDrawsItsCharts() throws Exception {
    Process p = Runs.startLauncher(dir, ROOT.resolve("configs/exploding-gradients.yaml").toString(),
        "experiment.max_length=200000", "experiment.hidden=[10]", "--runs-dir", "runs");
    Path run = startAndAwait(p, "gradient-growth.csv", 20);
    signal(p, "INT");
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the study did not stop");
    assertEquals(130, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    List<CSVRecord> rows = Runs.csv(run.resolve("gradient-growth.csv"));
    assertTrue(rows.size() > 20, "rows kept: " + rows.size());
    assertEquals("interrupted", Runs.yaml(run.resolve("summary.yaml")).get("status"));
    assertTrue(Files.size(run.resolve("gradient-growth.png")) > 0, "the charts are drawn on the way out");
    assertTrue(Files.size(run.resolve("gradient-growth-mean.png")) > 0);
  }

  @Test
  void aStoppedGradientCheckKeepsEveryEntryCheckedAndStopsWithinASecond() throws Exception {
    Process p = Runs.startLauncher(dir, ROOT.resolve("configs/gradcheck.yaml").toString(), "network.hidden=200",
        "experiment.entries=100000", "experiment.cells=[lstm]", "--runs-dir", "runs");
    Path run = startAndAwait(p, "gradcheck.csv", 10);
    long signalled = System.nanoTime();
    signal(p, "INT");
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the check did not stop");
    double seconds = (System.nanoTime() - signalled) / 1e9;
    assertEquals(130, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    assertTrue(seconds < 5, "stopped after " + seconds + " s");
    List<CSVRecord> rows = Runs.csv(run.resolve("gradcheck.csv"));
    assertTrue(rows.size() > 10);
    assertEquals(((Number) Runs.yaml(run.resolve("summary.yaml")).get("entries_checked")).intValue(), rows.size(),
        "every entry checked is in the table");
  }

  @Test
  void aStopDuringTheFinalEvaluationEndsInterruptedAndResumesToTheUninterruptedNumbers() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    String[] config = {"small.yaml", "experiment.steps=20", "experiment.log_every=10", "experiment.eval_every=1000",
        "experiment.eval_sequences=3000000", "--runs-dir", "runs"};
    Process p = Runs.startLauncher(dir, config);
    Path run = startAndAwait(p, "metrics.csv", 1); // step 10 logged: the final evaluation at step 20 is next
    Thread.sleep(1500);
    long signalled = System.nanoTime();
    signal(p, "TERM");
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertTrue((System.nanoTime() - signalled) / 1e9 < 5, "stopped within seconds");
    assertEquals(130, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("interrupted", summary.get("status"));
    assertTrue(summary.get("message").toString().startsWith("stopped during the evaluation at step 20"),
        summary.toString());
    Runs.Result resumed = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    Runs.Result straight = Runs.execute(Stream.concat(Stream.of(dir.resolve("small.yaml").toString()),
        Stream.of(config).skip(1).map(a -> a.equals("runs") ? dir.resolve("straight").toString() : a))
        .toArray(String[]::new));
    assertEquals(0, straight.exitCode(), straight.err());
    List<CSVRecord> a = Runs.csv(run.resolve("metrics.csv"));
    List<CSVRecord> b = Runs.csv(Runs.runDirectories(dir.resolve("straight")).get(0).resolve("metrics.csv"));
    for (String column : List.of("step", "loss", "accuracy", "grad_norm", "test_loss", "test_accuracy")) {
      assertEquals(Runs.column(b, column), Runs.column(a, column), column);
    }
  }

  @Test
  void sighupEndsARunLikeSigterm() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Process p = Runs.startLauncher(dir, "small.yaml", "experiment.steps=100000000", "experiment.log_every=5",
        "--runs-dir", "runs");
    Path run = startAndAwait(p, "metrics.csv", 3);
    signal(p, "HUP");
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(130, p.exitValue());
    assertEquals("interrupted", Runs.yaml(run.resolve("summary.yaml")).get("status"));
  }

  @Test
  void everyEvaluationGetsAFileOfItsOwnInALoopOrInParallel() throws Exception {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString());
    Path run = Runs.runDirectories(dir.resolve("runs")).get(0);
    String[] eval = {"eval", run.toString(), "--sequences", "20", "--runs-dir", dir.resolve("runs").toString()};
    for (int i = 0; i < 6; i++) {
      assertEquals(0, Runs.execute(eval).exitCode());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Runs.Result>> parallel = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parallel.add(pool.submit((Callable<Runs.Result>) () -> Runs.execute(eval)));
    }
    for (Future<Runs.Result> f : parallel) {
      assertEquals(0, f.get().exitCode(), f.get().err());
    }
    pool.shutdown();
    try (Stream<Path> files = Files.list(run)) {
      assertEquals(10, files.filter(f -> f.getFileName().toString().startsWith("eval-")).count());
    }
  }

  @Test
  void aRunWhoseLockFileWasRemovedIsNotResumedWhileItsProcessLives() throws Exception {
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    Process p = Runs.startLauncher(dir, "small.yaml", "experiment.steps=100000000", "experiment.log_every=5",
        "experiment.checkpoint_every=5", "--runs-dir", "runs");
    try {
      Path run = startAndAwait(p, "metrics.csv", 3);
      Files.delete(run.resolve("lock"));
      Runs.Result resume = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
      assertEquals(2, resume.exitCode());
      assertTrue(resume.err().contains("the run is still running (pid " + p.pid()) && resume.err().contains(
          "though its lock file was removed"), resume.err());
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void resumeRemovesTheTemporariesASaveCutShortLeft() throws Exception {
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "--runs-dir", dir.resolve("runs").toString()).exitCode());
    Path run = Runs.runDirectories(dir.resolve("runs")).get(0);
    // As a run killed while it saved: it says it stopped, and a temporary checkpoint is left over.
    Files.writeString(run.resolve("summary.yaml"), Files.readString(run.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    Path stale = Files.writeString(run.resolve(".checkpoint.bin.8273645510293.tmp"), "x".repeat(1000));
    Runs.Result resume = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(0, resume.exitCode(), resume.err());
    assertFalse(Files.exists(stale), "the stale temporary is gone");
    assertTrue(Files.readString(run.resolve("run.log")).contains(".checkpoint.bin.8273645510293.tmp (1000 bytes)"));
    // Killed during its first save: there is nothing to resume from, and the temporary goes all the same.
    Files.writeString(run.resolve("summary.yaml"), Files.readString(run.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    Files.delete(run.resolve("checkpoint.bin"));
    Path first = Files.writeString(run.resolve(".checkpoint.bin.1234.tmp"), "x");
    Runs.Result refused = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertFalse(Files.exists(first), "the stale temporary is gone though resume refused");
  }
}
