package org.rnnlab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
  private static final Duration LIMIT = Duration.ofSeconds(30); // a hang fails, it does not stall the suite

  @Test
  void everyJobRunsOnceWhateverTheThreadsAndJobs() {
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int threads = 1; threads <= 4; threads++) {
        try (Workers workers = new Workers(threads)) {
          for (int jobs = 1; jobs <= 9; jobs++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(jobs);
            workers.run(jobs, runs::incrementAndGet);
            int[] expected = new int[jobs];
            java.util.Arrays.fill(expected, 1);
            int[] actual = new int[jobs];
            for (int j = 0; j < jobs; j++) {
              actual[j] = runs.get(j);
            }
            assertArrayEquals(expected, actual, threads + " threads, " + jobs + " jobs");
          }
        }
      }
    });
  }

  /** An error in a helper's job (an assertion, out of memory) reaches the caller; nobody waits forever. */
  @Test
  void anErrorInAnyJobIsRethrownAfterEveryThreadFinished() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (Workers workers = new Workers(2)) {
        for (int failing = 0; failing < 2; failing++) {
          final int bad = failing;
          AtomicIntegerArray runs = new AtomicIntegerArray(4);
          AssertionError e = assertThrows(AssertionError.class, () -> workers.run(4, j -> {
            runs.incrementAndGet(j);
            if (j == bad) {
              throw new AssertionError("job " + j);
            }
          }));
          assertEquals("job " + bad, e.getMessage());
          workers.run(2, j -> {}); // the team still works
        }
        assertThrows(IllegalStateException.class, () -> workers.run(2, j -> {
          throw new IllegalStateException("a runtime exception too");
        }));
      }
    });
  }

  @Test
  void aClosedTeamRefusesToRun() {
    Workers workers = new Workers(2);
    workers.close();
    assertThrows(IllegalStateException.class, () -> workers.run(2, j -> {}));
  }
}
