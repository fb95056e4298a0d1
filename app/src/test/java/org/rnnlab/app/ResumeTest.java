package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.store.CheckpointFile;

/**
 * Stop a run half way (SIGINT, or SIGKILL at whatever moment), resume it, and it ends with the
 * numbers of a run that was never stopped, bit for bit.
 */
class ResumeTest {
  @TempDir Path dir;

  /** Columns that depend on the computation only (train_seconds and sequences_per_second are timings). */
  private static final List<String> NUMBERS = List.of("step", "sequences", "loss", "accuracy", "grad_norm",
      "clipped_grad_norm", "clipped_fraction", "test_loss", "test_accuracy");

  private static final String[] LONG = {"network.hidden=32", "experiment.batch_size=16", "experiment.steps=6000",
      "experiment.log_every=50", "experiment.eval_every=500", "experiment.checkpoint_every=100", "sinks=[]",
      "network.precision=float64"};

  /** The run's {@code network.precision}: the last of {@link #LONG}. */
  private String precision = "float64";

  private Path config() throws IOException {
    return Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
  }

  private List<CSVRecord> uninterrupted() throws IOException {
    String[] args = new String[LONG.length + 3];
    args[0] = config().toString();
    System.arraycopy(LONG, 0, args, 1, LONG.length);
    args[LONG.length] = "network.precision=" + precision;
    args[LONG.length + 1] = "--runs-dir";
    args[LONG.length + 2] = dir.resolve("reference").toString();
    assertEquals(0, Runs.execute(args).exitCode());
    return Runs.csv(Runs.runDirectories(dir.resolve("reference")).get(0).resolve("metrics.csv"));
  }

  /** Starts the launcher, waits for some rows, sends {@code signal}; returns the run directory. */
  private Path startAndStop(String signal) throws Exception {
    String[] args = new String[LONG.length + 3];
    args[0] = config().toString();
    System.arraycopy(LONG, 0, args, 1, LONG.length);
    args[LONG.length] = "network.precision=" + precision;
    args[LONG.length + 1] = "--runs-dir";
    args[LONG.length + 2] = dir.resolve("runs").toString();
    Process process = Runs.startLauncher(dir, args);
    Path metrics = Runs.awaitMetrics(process, dir.resolve("runs"), 25, dir);
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    return metrics.getParent();
  }

  private void resumeAndCompare(Path run) throws Exception {
    LauncherEndToEndTest.Process resumed = LauncherEndToEndTest.launch(dir, "resume", run.toString(), "--runs-dir",
        dir.resolve("runs").toString());
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    Map<String, Object> summary = Runs.yaml(run.resolve("summary.yaml"));
    assertEquals("completed", summary.get("status"));
    assertTrue(((Number) summary.get("resumed_from_step")).longValue() > 0);
    List<CSVRecord> expected = uninterrupted(), actual = Runs.csv(run.resolve("metrics.csv"));
    assertEquals(expected.size(), actual.size(), "one row per logged step, none twice, none lost");
    for (String column : NUMBERS) {
      assertEquals(Runs.column(expected, column), Runs.column(actual, column), column);
    }
  }

  @Test
  void aRunStoppedWithCtrlCResumesToTheUninterruptedNumbers() throws Exception {
    Path run = startAndStop("INT");
    assertEquals("interrupted", Runs.yaml(run.resolve("summary.yaml")).get("status"));
    resumeAndCompare(run);
  }

  /** The float copies of the weights are made again from the checkpoint's double values: nothing else to save. */
  @Test
  void aFloat32RunStoppedWithCtrlCResumesToTheUninterruptedNumbers() throws Exception {
    precision = "float32";
    Path run = startAndStop("INT");
    assertEquals("float32", ((Map<?, ?>) Runs.yaml(run.resolve("config.yaml")).get("network")).get("precision"));
    resumeAndCompare(run);
  }

  @Test
  void aRunKilledHardResumesFromItsLastCheckpoint() throws Exception {
    Path run = startAndStop("KILL");
    assertEquals("running", Runs.yaml(run.resolve("summary.yaml")).get("status"), "it had no chance to say more");
    // And as if it had died while writing a checkpoint: a half-written temporary file is left over.
    Files.write(run.resolve(".checkpoint.bin.tmp"), new byte[] {1, 2, 3});
    resumeAndCompare(run);
  }

  @Test
  void aCompletedRunOrAnythingElseIsNotResumed() throws Exception {
    List<CSVRecord> ignored = uninterrupted();
    assertTrue(ignored.size() > 0);
    Path completed = Runs.runDirectories(dir.resolve("reference")).get(0);
    String reference = dir.resolve("reference").toString();
    Runs.Result result = Runs.execute("resume", completed.toString(), "--runs-dir", reference);
    assertEquals(2, result.exitCode());
    assertEquals("rnnlab: " + completed.toRealPath() + ": the run has completed; there is nothing to resume",
        result.err().strip());
    Path junk = Files.createDirectories(dir.resolve("reference/junk"));
    Runs.Result notARun = Runs.execute("resume", junk.toString(), "--runs-dir", reference);
    assertEquals(2, notARun.exitCode());
    assertEquals("rnnlab: " + junk.toRealPath() + ": not a run directory (it has no config.yaml)", notARun.err().strip());
    Runs.Result outside = Runs.execute("resume", dir.toString(), "--runs-dir", reference);
    assertEquals(2, outside.exitCode());
    assertTrue(outside.err().contains("not inside the runs directory"), outside.err());
  }

  @Test
  void evalScoresTheSavedNetworkOnAnotherLength() throws Exception {
    uninterrupted();
    Path run = Runs.runDirectories(dir.resolve("reference")).get(0);
    String reference = dir.resolve("reference").toString();
    Runs.Result result = Runs.execute("eval", run.toString(), "task.remember=7", "--sequences", "200", "--runs-dir",
        reference);
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("steps_per_sequence: 15") && result.out().contains("test_accuracy: "),
        result.out());
    try (var files = Files.list(run)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("eval-")));
    }
    Runs.Result wrongVocabulary = Runs.execute("eval", run.toString(), "task.symbols=6", "--runs-dir", reference);
    assertEquals(2, wrongVocabulary.exitCode());
    assertTrue(wrongVocabulary.err().contains("the saved network has"), wrongVocabulary.err());
  }

  /**
   * What resume cannot continue (a checkpoint or metrics.csv of another version, a network that
   * does not fit the config, a link inside the run) is refused with exit code 2 before anything in
   * the run changes.
   */
  @Test
  void whatCannotBeContinuedIsRefusedBeforeAnythingChanges() throws Exception {
    Path runs = dir.resolve("runs");
    assertEquals(0, Runs.execute(config().toString(), "sinks=[]", "experiment.steps=200",
        "experiment.checkpoint_every=100", "--runs-dir", runs.toString()).exitCode());
    Path run = Runs.runDirectories(runs).get(0);
    Files.writeString(run.resolve("summary.yaml"),
        Files.readString(run.resolve("summary.yaml")).replace("status: completed", "status: interrupted"));
    org.rnnlab.experiment.Checkpoint good = CheckpointFile.read(run.resolve("checkpoint.bin"));
    int parameters = good.array("parameters").length;

    String header = Files.readAllLines(run.resolve("metrics.csv")).get(0);
    String metrics = Files.readString(run.resolve("metrics.csv"));
    Files.writeString(run.resolve("metrics.csv"), metrics.replace(header, header.replace(",skipped_steps", "")));
    assertRefused(run, "metrics.csv has the columns step,sequences,");
    Files.writeString(run.resolve("metrics.csv"), metrics);

    CheckpointFile.write(new org.rnnlab.experiment.Checkpoint().putLong("step", 100).putArray("parameters", new double[parameters])
        , run.resolve("checkpoint.bin"));
    assertRefused(run, "the checkpoint has format 1, this rnnlab reads format 5");
    CheckpointFile.write(new org.rnnlab.experiment.Checkpoint().putLong("format", 5).putLong("step", 100)
        .putArray("parameters", new double[parameters + 1]), run.resolve("checkpoint.bin"));
    assertRefused(run, "the checkpoint holds " + (parameters + 1) + " parameters, the run's config.yaml describes a"
        + " network of " + parameters);

    Path log = run.resolve("run.log");
    Files.delete(log);
    Path victim = Files.writeString(dir.resolve("victim.txt"), "mine\n");
    Files.createSymbolicLink(log, victim);
    assertRefused(run, "a symbolic link inside a run directory");
    assertEquals("mine\n", Files.readString(victim));
  }

  private void assertRefused(Path run, String message) throws IOException {
    String summary = Files.readString(run.resolve("summary.yaml"));
    String metrics = Files.readString(run.resolve("metrics.csv"));
    Runs.Result result = Runs.execute("resume", run.toString(), "--runs-dir", dir.resolve("runs").toString());
    assertEquals(2, result.exitCode(), result.err());
    assertTrue(result.err().startsWith("rnnlab: ") && result.err().contains(message), result.err());
    assertEquals(summary, Files.readString(run.resolve("summary.yaml")), "the summary is untouched");
    assertEquals(metrics, Files.readString(run.resolve("metrics.csv")), "the metrics are untouched");
  }
}
