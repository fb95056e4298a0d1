package org.rnnlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on a real Slurm cluster (the single-node one of {@code .ci/services/slurm.sh}): a job
 * array of four points two at a time, followed with --wait and equal to the same sweep run here; a
 * sweep cancelled mid-way and resumed, equal to the uninterrupted one; and a point killed hard by
 * its time limit, which shows as lost and resumes. Skipped where sbatch is missing, unless {@code
 * RNNLAB_REQUIRE_SLURM=1} (set by {@code .ci/run}) says the cluster must be there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmSweepTest {
  @TempDir static Path dir;

  /** The numbers of a run (the timing columns aside). */
  private static final List<String> NUMBERS = List.of("step", "sequences", "loss", "accuracy", "grad_norm",
      "clipped_grad_norm", "clipped_fraction", "test_loss", "test_accuracy");

  /** Four points of a few seconds each, a checkpoint every 100 steps. */
  private static final List<String> SWEEP = List.of("network.hidden=32", "experiment.batch_size=16",
      "experiment.steps=1500", "experiment.log_every=50", "experiment.eval_every=500",
      "experiment.checkpoint_every=100", "sinks=[]", "--sweep", "optimizer.learning_rate=0.003,0.01", "seed=1..2");

  /** The sweep whose only point Slurm's time limit kills; submitted first, checked last. */
  private static Path timeLimited;

  @BeforeAll
  static void clusterAndTimeLimitedSweep() throws Exception {
    boolean required = "1".equals(System.getenv("RNNLAB_REQUIRE_SLURM"));
    boolean present = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start().waitFor() == 0;
    if (required) {
      assertTrue(present, "RNNLAB_REQUIRE_SLURM=1 but Slurm does not answer (sinfo): start .ci/services/slurm.sh");
    }
    Assumptions.assumeTrue(present, "no Slurm here (sinfo failed); .ci/run starts one");
    Files.writeString(dir.resolve("small.yaml"), Runs.SMALL);
    // A million steps (far more than the 60 s limit allows); -Xrs: the JVM does not catch SIGTERM, so
    // the time limit kills the run before it can say so, as a node failure or the OOM killer would.
    ProcessBuilder b = Runs.launcher(dir, "small.yaml", "network.hidden=32", "experiment.batch_size=16",
        "experiment.steps=1000000", "experiment.log_every=50", "experiment.eval_every=500",
        "experiment.checkpoint_every=100", "sinks=[]", "--runs-dir", "limited", "--sweep", "seed=5,6",
        "optimizer.learning_rate=0.01", "--launcher", "slurm", "--slurm", "time=00:01:00,array_parallelism=1");
    b.environment().put("RNNLAB_JAVA_OPTS", "-Xrs");
    LauncherEndToEndTest.Process p = run(b);
    assertEquals(0, p.exitCode(), p.err() + p.out());
    assertTrue(p.out().contains("submitted job array"), p.out());
    timeLimited = onlySweep(dir.resolve("limited"));
  }

  @AfterAll
  static void cancelLeftovers() throws Exception {
    if (timeLimited != null) {
      for (Object job : (List<?>) Runs.yaml(timeLimited.resolve("sweep.yaml")).getOrDefault("slurm_jobs", List.of())) {
        new ProcessBuilder("scancel", String.valueOf(((Map<?, ?>) job).get("job_id"))).start().waitFor();
      }
    }
  }

  @Test
  @Order(1)
  void aJobArrayRunsEveryPointWithTheNumbersOfALocalSweep() throws Exception {
    LauncherEndToEndTest.Process p = launch("--runs-dir", "slurm", "--launcher", "slurm", "--slurm",
        "array_parallelism=2,cpus_per_task=1", "--wait");
    assertEquals(0, p.exitCode(), p.err() + p.out());
    assertTrue(p.out().contains("submitted job array"), p.out());
    assertTrue(p.out().contains("[4/4]"), p.out());
    assertTrue(p.out().contains("sweep: 4 completed"), p.out());
    Path sweep = onlySweep(dir.resolve("slurm"));
    String script = Files.readString(sweep.resolve("slurm/array-1.sh"));
    assertTrue(script.contains("#SBATCH --array=1-4%2"), script);
    assertTrue(script.contains("sweep-point"), script);
    assertTrue(Files.readString(sweep.resolve("slurm/array-1.sbatch.txt")).contains("job id: "));
    Map<String, Object> record = Runs.yaml(sweep.resolve("sweep.yaml"));
    assertEquals(1, ((List<?>) record.get("slurm_jobs")).size());

    // The same sweep here, in this JVM.
    List<String> local = new ArrayList<>(List.of(dir.resolve("small.yaml").toString()));
    local.addAll(SWEEP);
    local.addAll(List.of("--jobs", "2", "--runs-dir", dir.resolve("local").toString()));
    Runs.Result here = Runs.execute(local.toArray(String[]::new));
    assertEquals(0, here.exitCode(), here.err() + here.out());
    assertSameNumbers(onlySweep(dir.resolve("local")), sweep);

    Runs.Result list = Runs.execute("list", sweep.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertEquals(4, list.out().lines().filter(l -> l.matches("\\d\\s.*completed.*")).count(), list.out());
    Runs.Result compare = Runs.execute("compare", sweep.toString(), "--no-charts", "--metrics", "test_accuracy",
        "--runs-dir", dir.resolve("slurm").toString());
    assertEquals(0, compare.exitCode(), compare.err());
    assertTrue(compare.out().contains("learning_rate=0.01 seed=2"), compare.out());
  }

  @Test
  @Order(2)
  void aSweepCancelledMidWayResumesToTheUninterruptedNumbers() throws Exception {
    LauncherEndToEndTest.Process p = launch("--runs-dir", "cancelled", "--launcher", "slurm", "--slurm",
        "array_parallelism=2");
    assertEquals(0, p.exitCode(), p.err() + p.out());
    Path sweep = onlySweep(dir.resolve("cancelled"));
    String job = String.valueOf(((Map<?, ?>) ((List<?>) Runs.yaml(sweep.resolve("sweep.yaml")).get("slurm_jobs"))
        .get(0)).get("job_id"));
    // Wait for a point with a checkpoint that still runs, then cancel the whole array.
    Path first = sweep.resolve("1_learning_rate=0.003_seed=1");
    awaitTrue(() -> Files.exists(first.resolve("checkpoint.bin")), 900, "point 1 never saved a checkpoint");
    assertEquals(0, new ProcessBuilder("scancel", job).start().waitFor());
    awaitTrue(() -> statuses(sweep).stream().noneMatch(BUSY::contains), 600,
        "the cancelled points did not end");
    String listed = Runs.execute("list", sweep.toString()).out();
    List<String> statuses = statuses(sweep);
    // point 1 was running with a checkpoint: SIGTERM reached its run, which saved and said so (not lost);
    // points not begun yet were cancelled in the queue
    assertEquals("interrupted", statuses.get(0), listed);
    assertTrue(List.of("interrupted", "not started", "completed").containsAll(statuses), listed);
    assertTrue(statuses.contains("not started") == listed.contains("CANCELLED"), listed);
    assertTrue(Files.readString(sweep.resolve("slurm/" + job + "_1.out")).contains("CANCELLED AT"));

    LauncherEndToEndTest.Process resumed = LauncherEndToEndTest.launch(dir, "resume", sweep.toString(), "--wait");
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    assertTrue(resumed.out().contains("sweep: 4 completed"), resumed.out());
    assertSameNumbers(onlySweep(dir.resolve("slurm")), sweep);
    Map<String, Object> record = Runs.yaml(sweep.resolve("sweep.yaml"));
    assertEquals(2, ((List<?>) record.get("slurm_jobs")).size());
    for (Object point : (List<?>) record.get("points")) {
      assertEquals("completed", ((Map<?, ?>) point).get("status"), record.toString()); // sweep.yaml tells the truth
    }
    LauncherEndToEndTest.Process again = LauncherEndToEndTest.launch(dir, "resume", sweep.toString());
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.err().contains("nothing to resume: 4 completed"), again.err());
  }

  @Test
  @Order(3)
  void aPointKilledByItsTimeLimitIsLostThenResumes() throws Exception {
    Path point = timeLimited.resolve("1_seed=5");
    awaitTrue(() -> statuses(timeLimited).get(0).equals("lost"), 900,
        "the time limit did not end point 1 (Slurm enforces a 60 s limit after 60 to 90 s)");
    String listed = Runs.execute("list", timeLimited.toString()).out();
    assertTrue(listed.contains("TIMEOUT"), listed); // Slurm's word where the files cannot tell
    assertTrue(listed.contains("its summary still says running"), listed);
    long checkpointStep = lastStep(point); // 0 when it was killed before it logged: then it starts again

    // Resumed here, until it has gone past where Slurm killed it; then stopped (SIGTERM).
    new ProcessBuilder("scancel", String.valueOf(((Map<?, ?>) ((List<?>) Runs.yaml(timeLimited.resolve(
        "sweep.yaml")).get("slurm_jobs")).get(0)).get("job_id"))).start().waitFor(); // point 2: not now
    awaitTrue(() -> statuses(timeLimited).stream().noneMatch(BUSY::contains),
        600, "point 2 did not end");
    java.lang.Process resume = Runs.launcher(dir, "resume", timeLimited.toString(), "--launcher", "local", "--jobs",
        "1").redirectOutput(dir.resolve("resume.out").toFile()).redirectError(dir.resolve("resume.err").toFile())
        .start();
    awaitTrue(() -> lastStep(point) > checkpointStep + 200, 600, "the resumed point made no progress");
    resume.destroy();
    assertTrue(resume.waitFor(2, TimeUnit.MINUTES));
    String after = Runs.execute("list", timeLimited.toString()).out();
    assertTrue(after.matches("(?s).*\\n1\\s+5\\s+interrupted.*"), after + Files.readString(dir.resolve("resume.err")));
    assertEquals("interrupted", Runs.yaml(point.resolve("summary.yaml")).get("status"));
  }

  @Test
  @Order(4)
  void whatSbatchRefusesIsOneLineInItsWordsAndNoSweep() throws Exception {
    LauncherEndToEndTest.Process partition = launch("--runs-dir", "refused", "--launcher", "slurm", "--slurm",
        "partition=nope");
    assertEquals(2, partition.exitCode(), partition.err() + partition.out());
    assertEquals(List.of("rnnlab: sbatch: Slurm refused the sweep's job array (exit 1): sbatch: error: invalid"
        + " partition specified: nope; sbatch: error: Batch job submission failed: Invalid partition name specified"),
        partition.err().lines().toList());
    LauncherEndToEndTest.Process cpus = launch("--runs-dir", "refused", "--launcher", "slurm", "--slurm",
        "cpus_per_task=64");
    assertEquals(2, cpus.exitCode(), cpus.err() + cpus.out());
    assertEquals(1, cpus.err().lines().count(), cpus.err());
    assertTrue(cpus.err().contains("More processors requested than permitted"), cpus.err());
    assertFalse(Files.exists(dir.resolve("refused")) && !Runs.runDirectories(dir.resolve("refused")).isEmpty(),
        "a sweep directory was left");
  }

  // ---------------------------------------------------------------------------------------------

  private static LauncherEndToEndTest.Process launch(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("small.yaml"));
    args.addAll(SWEEP);
    args.addAll(List.of(more));
    return run(Runs.launcher(dir, args.toArray(String[]::new)));
  }

  private static LauncherEndToEndTest.Process run(ProcessBuilder builder) throws Exception {
    Path out = Files.createTempFile(dir, "launcher", ".out"), err = Files.createTempFile(dir, "launcher", ".err");
    java.lang.Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // generous: on a shared machine the tasks may be paused (SIGSTOP) for minutes
    assertTrue(process.waitFor(15, TimeUnit.MINUTES), "the launcher did not finish");
    return new LauncherEndToEndTest.Process(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static final List<String> BUSY = List.of("running", "pending");

  /** Each point's status as {@code ./run list <sweep>} gives it. */
  private static List<String> statuses(Path sweep) throws IOException {
    Runs.Result r = Runs.execute("list", sweep.toString(), "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    Path csv = Files.writeString(Files.createTempFile(dir, "list", ".csv"), r.out());
    return Runs.column(Runs.csv(csv), "status");
  }

  private static long lastStep(Path point) throws IOException {
    Path metrics = point.resolve("metrics.csv");
    return !Files.exists(metrics) ? 0 : Runs.column(Runs.csv(metrics), "step").stream().mapToLong(Long::parseLong)
        .max().orElse(0);
  }

  private static Path onlySweep(Path runs) throws IOException {
    List<Path> found = Runs.runDirectories(runs);
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  /** Every point of {@code b} has the numbers of the same point of {@code a}, to the last digit. */
  private static void assertSameNumbers(Path a, Path b) throws IOException {
    List<Path> pointsA = Runs.runDirectories(a).stream().filter(d -> Files.exists(d.resolve("config.yaml"))).toList();
    List<Path> pointsB = Runs.runDirectories(b).stream().filter(d -> Files.exists(d.resolve("config.yaml"))).toList();
    assertEquals(4, pointsA.size());
    assertEquals(pointsA.stream().map(Path::getFileName).toList(), pointsB.stream().map(Path::getFileName).toList());
    for (int i = 0; i < pointsA.size(); i++) {
      List<CSVRecord> x = Runs.csv(pointsA.get(i).resolve("metrics.csv")), y = Runs.csv(pointsB.get(i).resolve("metrics.csv"));
      assertEquals(30, x.size());
      for (String column : NUMBERS) {
        assertEquals(Runs.column(x, column), Runs.column(y, column), pointsB.get(i) + ": " + column);
      }
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void awaitTrue(Check check, int seconds, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + seconds + " s");
      }
      Thread.sleep(500);
    }
  }
}
