package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged or hostile archive never hangs a command, never takes long, and is never mistaken
 * for something else: FIFOs and huge files are refused by size and type before they are read, a
 * directory left by a run killed at once is shown, a sweep shows what its points are now, and
 * resume refuses what it cannot continue before it changes anything.
 */
class ArchiveReadsTest {
  @TempDir Path dir;
  Path runs;
  Path run;

  @BeforeEach
  void oneInterruptedRun() throws IOException {
    runs = dir.resolve("runs");
    Path config = Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    assertEquals(0, Runs.execute(config.toString(), "--runs-dir", runs.toString()).exitCode());
    run = Runs.runDirectories(runs).get(0);
    Files.writeString(run.resolve("summary.yaml"), Files.readString(run.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
  }

  /** Runs the command in this JVM and fails if it takes more than 10 s (a read that blocks would hang). */
  private static Runs.Result within10Seconds(String... args) throws Exception {
    CompletableFuture<Runs.Result> result = CompletableFuture.supplyAsync(() -> Runs.execute(args));
    return result.get(10, TimeUnit.SECONDS);
  }

  private static void fifo(Path file) throws Exception {
    Files.deleteIfExists(file);
    assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"metrics.csv", "summary.yaml", "config.yaml", "provenance.yaml", "checkpoint.bin",
      "lock", "run.log", "heartbeat"})
  void aFifoInARunHangsNoCommand(String file) throws Exception {
    fifo(run.resolve(file));
    Runs.Result list = within10Seconds("list", "--runs-dir", runs.toString());
    assertEquals(0, list.exitCode(), list.err());
    Runs.Result resume = within10Seconds("resume", run.toString(), "--runs-dir", runs.toString());
    assertTrue(resume.exitCode() == 2 || file.equals("heartbeat"), file + ": " + resume.err());
    if (resume.exitCode() == 2) {
      assertEquals(1, resume.err().strip().lines().count(), resume.err());
      assertFalse(resume.err().contains("\tat "), resume.err());
    }
    Runs.Result compare = within10Seconds("compare", run.toString(), run.toString(), "--no-charts", "--runs-dir",
        runs.toString());
    assertTrue(compare.exitCode() == 0 || compare.exitCode() == 2, compare.err());
  }

  @Test
  void aHugeSummaryIsRefusedByItsSizeNotReadWhole() throws Exception {
    Files.writeString(run.resolve("summary.yaml"), "status: completed\nname: x\n" + "# padding\n".repeat(2_100_000));
    Runs.Result list = within10Seconds("list", "--runs-dir", runs.toString()); // read whole, it took 135 s
    assertTrue(list.out().contains("damaged") && list.out().contains("summary.yaml is 21000026 bytes; at most 1048576"
        + " are read"), list.out());
  }

  @Test
  void aRunKilledRightAfterItsDirectoryWasMadeIsListedAsIncomplete() throws Exception {
    Path early = Files.createDirectories(runs.resolve("2026-11-26_00-00-00_early"));
    Files.createFile(early.resolve("lock"));
    Files.createFile(early.resolve("run.log"));
    Runs.Result list = Runs.execute("list", "--runs-dir", runs.toString());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("2026-11-26_00-00-00_early") && l.contains("incomplete")),
        list.out());
    assertTrue(list.out().contains("the run was killed before it wrote its config"), list.out());
  }

  @Test
  void listShowsAMissingOrDamagedCheckpoint() throws Exception {
    Files.write(run.resolve("checkpoint.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
        18, 19, 20, 21});
    assertTrue(Runs.execute("list", "--runs-dir", runs.toString()).out().contains(
        "the checkpoint is damaged (not an rnnlab checkpoint): it cannot be resumed"));
    Files.delete(run.resolve("checkpoint.bin"));
    assertTrue(Runs.execute("list", "--runs-dir", runs.toString()).out().contains("no checkpoint: it cannot be resumed"));
  }

  @Test
  void listShowsWhatACompletedRunLacks() throws Exception {
    Files.writeString(run.resolve("summary.yaml"), Files.readString(run.resolve("summary.yaml"))
        .replace("status: interrupted", "status: completed"));
    assertFalse(Runs.execute("list", "--runs-dir", runs.toString()).out().contains("checkpoint"));
    Files.write(run.resolve("checkpoint.bin"), new byte[] {1, 2, 3});
    assertTrue(Runs.execute("list", "--runs-dir", runs.toString()).out().contains(
        "the checkpoint is damaged"), "a truncated checkpoint");
    Files.delete(run.resolve("checkpoint.bin"));
    Files.delete(run.resolve("metrics.csv"));
    String out = Runs.execute("list", "--runs-dir", runs.toString()).out();
    assertTrue(out.contains("no checkpoint: ./run eval cannot score it"), out);
    assertTrue(out.contains("metrics.csv is missing"), out);
  }

  @Test
  void resumeRefusesAMissingOrEmptyMetricsTableBeforeChangingAnything() throws Exception {
    String summary = Files.readString(run.resolve("summary.yaml"));
    Files.delete(run.resolve("metrics.csv"));
    Runs.Result missing = Runs.execute("resume", run.toString(), "--runs-dir", runs.toString());
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("metrics.csv is missing"), missing.err());
    Files.writeString(run.resolve("metrics.csv"), "");
    Runs.Result empty = Runs.execute("resume", run.toString(), "--runs-dir", runs.toString());
    assertEquals(2, empty.exitCode(), empty.err());
    assertTrue(empty.err().contains("metrics.csv") && empty.err().contains("no header"), empty.err());
    assertEquals(summary, Files.readString(run.resolve("summary.yaml")), "nothing changed");
  }

  @Test
  void aSweepShowsWhatItsPointsAreNowAfterAKillAndAResume() throws Exception {
    Path config = dir.resolve("small.yaml");
    assertEquals(0, Runs.execute(config.toString(), "--sweep", "seed=1..2", "--runs-dir", runs.toString())
        .exitCode());
    Path sweep = Runs.runDirectories(runs).stream().filter(p -> p.toString().endsWith("_sweep")).findFirst()
        .orElseThrow();
    Path point = Runs.runDirectories(sweep).get(0);
    Files.writeString(point.resolve("summary.yaml"), Files.readString(point.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    assertTrue(Runs.execute("list", "--runs-dir", runs.toString()).out().contains("sweep: 1 interrupted, 1 completed"));
    assertEquals(0, Runs.execute("resume", point.toString(), "--runs-dir", runs.toString()).exitCode());
    assertTrue(Runs.execute("list", "--runs-dir", runs.toString()).out().contains("sweep: 2 completed"));
    assertFalse(Files.readString(sweep.resolve("sweep.csv")).contains("interrupted"), "sweep.csv is redrawn");
    assertFalse(Files.readString(sweep.resolve("sweep.yaml")).contains("interrupted"), "sweep.yaml is brought up to date");
  }

  @Test
  void resumeAndEvalRefuseWhatDoesNotBelongToTheRun() throws Exception {
    Path config = dir.resolve("small.yaml");
    Runs.execute(config.toString(), "seed=9", "name=other", "--runs-dir", runs.toString());
    Path other = Runs.runDirectories(runs).stream().filter(p -> p.toString().endsWith("_other")).findFirst()
        .orElseThrow();
    Files.copy(other.resolve("checkpoint.bin"), run.resolve("checkpoint.bin"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Runs.Result copied = Runs.execute("resume", run.toString(), "--runs-dir", runs.toString());
    assertEquals(2, copied.exitCode());
    assertTrue(copied.err().contains("the checkpoint belongs to another config (seed was 9, is 3)"), copied.err());

    Files.copy(other.resolve("checkpoint.bin"), other.resolve("checkpoint.bin.kept"));
    Files.writeString(other.resolve("summary.yaml"), Files.readString(other.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    Files.writeString(other.resolve("config.yaml"), Files.readString(other.resolve("config.yaml"))
        .replace("steps: 40", "steps: 80"));
    Runs.Result edited = Runs.execute("resume", other.toString(), "--runs-dir", runs.toString());
    assertEquals(2, edited.exitCode());
    assertTrue(edited.err().contains("(experiment.steps was 40, is 80); was config.yaml edited"), edited.err());

    Runs.Result eval = Runs.execute("eval", run.toString(), "network.cell.activation=relu", "--runs-dir",
        runs.toString());
    assertEquals(2, eval.exitCode());
    assertTrue(eval.err().contains("network.cell.activation: the network must stay as it was trained"
        + " (cell.activation was tanh, is relu)"), eval.err());
    assertEquals(0, Runs.execute("eval", run.toString(), "task.remember=6", "--sequences", "10", "--runs-dir",
        runs.toString()).exitCode(), "the task may change");
  }

  @Test
  void resumingAStudyIsRefusedWithoutTalkingOfCheckpoints() throws Exception {
    Path gradcheck = LauncherEndToEndTest.ROOT.resolve("configs/gradcheck.yaml");
    Runs.execute(gradcheck.toString(), "experiment.cells=[rnn]", "--runs-dir", runs.toString());
    Path study = Runs.runDirectories(runs).stream().filter(p -> p.toString().endsWith("_gradcheck")).findFirst()
        .orElseThrow();
    Files.writeString(study.resolve("summary.yaml"), Files.readString(study.resolve("summary.yaml"))
        .replace("status: completed", "status: interrupted"));
    Runs.Result resume = Runs.execute("resume", study.toString(), "--runs-dir", runs.toString());
    assertEquals(2, resume.exitCode());
    assertEquals("a gradcheck run cannot be resumed (it saves no checkpoints); run its config again",
        resume.err().strip().replaceFirst("^rnnlab: [^:]+: ", ""));
    assertFalse(resume.err().contains("checkpoint_every"));
  }

  @Test
  void theFilesOfARunShareTheirPermissions() throws Exception {
    List<String> permissions;
    try (var files = Files.list(run)) {
      permissions = files.filter(Files::isRegularFile).map(f -> {
        try {
          return f.getFileName() + " " + java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(f));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertEquals(1, permissions.stream().map(p -> p.substring(p.indexOf(' '))).distinct().count(),
        "one set of permissions: " + permissions);
  }
}
