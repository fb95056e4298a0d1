package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what Slurm prints, as it printed it (.ci/services/slurm-notes.md). */
class SlurmTasksTest {
  @TempDir Path dir;

  @Test
  void squeueLinesOnePerTaskOrCollapsed() {
    Map<String, SlurmTask> tasks = SlurmTasks.parseSqueue("""
        15_[2-4%2]|PENDING|JobArrayTaskLimit
        15_0|RUNNING|None
        15_1|COMPLETING|None
        16|PENDING|Resources
        """);
    assertEquals(Set.of("15_0", "15_1", "15_2", "15_3", "15_4"), tasks.keySet());
    assertEquals("PENDING (JobArrayTaskLimit)", tasks.get("15_3").describe());
    assertFalse(tasks.get("15_3").started());
    assertTrue(tasks.get("15_0").started());
    assertFalse(tasks.get("15_1").ended()); // the grace between SIGTERM and SIGKILL: the run may still save
    assertEquals("RUNNING", tasks.get("15_0").describe());
  }

  @Test
  void theJobCompletionFileKeysTasksByArrayAndTheLastLineWins() throws Exception {
    Path file = Files.writeString(dir.resolve("jobcomp.log"), """
        JobId=6 UserId=root(0) GroupId=root(0) Name=name with space=x JobState=NODE_FAIL Partition=main TimeLimit=UNLIMITED WorkDir=/tmp/a b ArrayJobId=3 ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=0:0
        JobId=6 UserId=root(0) GroupId=root(0) Name=task.sh JobState=TIMEOUT Partition=main ArrayJobId=3 ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=0:0
        JobId=7 UserId=root(0) GroupId=root(0) Name=task.sh JobState=FAILED Partition=main ArrayJobId=3 ArrayTaskId=2 DerivedExitCode=0:0 ExitCode=3:0
        JobId=3 UserId=root(0) GroupId=root(0) Name=task.sh JobState=CANCELLED Partition=main NodeList=(null) NodeCnt=0 DerivedExitCode=0:0 ExitCode=0:0
        JobId=9 UserId=root(0) GroupId=root(0) Name=other JobState=COMPLETED Partition=main ArrayJobId=8 ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=0:0
        """);
    Map<String, SlurmTask> tasks = SlurmTasks.readJobCompletions(file, Set.of(3L), Set.of("3_1", "3_2", "3_4"));
    assertEquals("TIMEOUT", tasks.get("3_1").state());
    assertEquals("FAILED (exit 3)", tasks.get("3_2").describe());
    assertEquals("CANCELLED", tasks.get("3_4").state()); // cancelled before it started: the array's own line
    assertTrue(tasks.get("3_4").ended());
    assertNull(tasks.get("8_1"));
  }

  @Test
  void sacctLinesAndExitCodes() {
    Map<String, SlurmTask> tasks = SlurmTasks.parseSacct("""
        17_3|CANCELLED by 0|0:15
        17_3.batch|CANCELLED|0:15
        17_4|OUT_OF_MEMORY|0:125
        """);
    assertEquals("CANCELLED (signal 15)", tasks.get("17_3").describe());
    assertEquals(Set.of("17_3", "17_4"), tasks.keySet());
    assertEquals("", SlurmTask.exitOf("0:0"));
    assertEquals("exit 130", SlurmTask.exitOf("130:0"));
  }

  @Test
  void arrayIndicesWithThrottle() {
    assertEquals("1-6%2", BatchScript.array(List.of(3, 1, 2, 4, 5, 6), 2));
    assertEquals("2,4-5,9", BatchScript.array(List.of(9, 5, 4, 2), 0));
    assertEquals(List.of(4, 5, 6, 9), SlurmTasks.indices("[4-6,9%2]"));
    assertEquals(List.of(3), SlurmTasks.indices("3"));
  }
}
