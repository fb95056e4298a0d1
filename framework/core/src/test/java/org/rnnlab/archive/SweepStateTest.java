package org.rnnlab.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.cluster.SlurmTask;
import org.rnnlab.store.RunLock;

/** A point's status from its directory and from what Slurm says of its task. */
class SweepStateTest {
  @TempDir Path dir;

  private RunRecord run(String status) {
    return new RunRecord(dir, "x", "-", status, 10L, null, null, null, null, "", List.of(), "", List.of());
  }

  private static SlurmTask task(String state) {
    return new SlurmTask(state, "", "");
  }

  @Test
  void withoutADirectory() {
    assertEquals("pending", SweepState.status(null, task("PENDING"), false, dir));
    assertEquals("running", SweepState.status(null, task("RUNNING"), false, dir));
    assertEquals("not started", SweepState.status(null, task("CANCELLED"), false, dir));
    assertEquals("failed", SweepState.status(null, task("FAILED"), false, dir)); // ended before the run began
    assertEquals("pending", SweepState.status(null, null, true, dir)); // a local sweep at work
    assertEquals("not started", SweepState.status(null, null, false, dir));
  }

  @Test
  void lostWhenSlurmSaysTheTaskEndedButTheSummarySaysRunning() {
    assertEquals("lost", SweepState.status(run("running"), task("TIMEOUT"), false, dir)); // no lock file: not held
    assertEquals("lost", SweepState.status(run("incomplete"), task("NODE_FAIL"), false, dir));
    assertEquals("running", SweepState.status(run("running"), task("COMPLETING"), false, dir));
    assertEquals("incomplete", SweepState.status(run("incomplete"), null, false, dir)); // Slurm not asked
  }

  @Test
  void theFilesWinOnceTheRunHasSaidHowItEnded() {
    assertEquals("interrupted", SweepState.status(run("interrupted"), task("CANCELLED"), false, dir));
    assertEquals("completed", SweepState.status(run("completed"), task("PENDING"), false, dir));
    // a stopped point sent to Slurm again waits in its queue
    assertEquals("pending", SweepState.status(run("interrupted"), task("PENDING"), false, dir));
    assertEquals("running", SweepState.status(run("incomplete"), task("RUNNING"), false, dir));
  }

  @Test
  void aPointWhoseRunIsStartingIsNotDamagedButRunning() throws Exception {
    // Between its config.yaml and its first summary.yaml a point's directory reads as damaged.
    assertEquals("running", SweepState.status(run("damaged"), task("RUNNING"), false, dir), "Slurm says it runs");
    assertEquals("damaged", SweepState.status(run("damaged"), task("COMPLETED"), false, dir));
    assertEquals("damaged", SweepState.status(run("damaged"), null, false, dir));
    try (RunLock held = RunLock.tryAcquire(dir)) {
      assertEquals("running", SweepState.status(run("damaged"), null, false, dir), "its process holds the lock");
    }
  }
}
