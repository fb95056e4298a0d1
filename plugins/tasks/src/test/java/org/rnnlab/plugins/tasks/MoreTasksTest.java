package org.rnnlab.plugins.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.TaskContract;

class MoreTasksTest {

  @Nested
  class Copy extends TaskContract {
    @Override
    protected Task task() {
      return new CopyTask(new CopyTask.Settings(7, 3, 4));
    }

    @Test
    void layoutFollowsArjovskyEtAl() {
      CopyTask task = new CopyTask(new CopyTask.Settings(7, 3, 4)); // T = 7, N = 3, K = 4: 13 steps
      assertEquals(new TaskShape(13, 6, true, 6), task.shape());
      SequenceBatch batch = new SequenceBatch(task.shape(), 5);
      task.sample(batch, SplitMix64.derive(1, "data"));
      for (int b = 0; b < 5; b++) {
        for (int t = 0; t < 13; t++) {
          int input = batch.symbol(t, b);
          if (t < 3) {
            assertTrue(input < 4, "a symbol");
            assertEquals(input, batch.target(10 + t, b), "copied after the delimiter");
          } else {
            assertEquals(t == 9 ? task.delimiter() : task.blank(), input, "step " + t);
          }
          if (t < 10) {
            assertEquals(task.blank(), batch.target(t, b), "blank target at " + t);
          }
          assertEquals(t >= 10, batch.isScored(t, b));
        }
      }
    }

    @Test
    void theBaselineIsNLnKPerSequence() {
      CopyTask paper = new CopyTask(new CopyTask.Settings(100, 10, 8));
      assertEquals(10 * Math.log(8), paper.baselineLoss(), 1e-12);
      assertEquals(10 * Math.log(8) / 120, paper.baselineLoss() / paper.shape().steps(), 1e-12,
          "10·ln 8 / (T + 20) nats per step");
    }

    @Test
    void lengthsVaryThroughTheDelay() {
      assertEquals(50, new CopyTask(new CopyTask.Settings(100, 10, 8)).withLength(50).shape().steps());
      assertThrows(IllegalArgumentException.class, () -> new CopyTask(new CopyTask.Settings(100, 10, 8)).withLength(20));
    }
  }

  @Nested
  class Adding extends TaskContract {
    @Override
    protected Task task() {
      return new AddingTask(new AddingTask.Settings(20));
    }

    @Test
    void twoMarkersOneInEachHalfAndTheTargetIsTheirSum() {
      AddingTask task = new AddingTask(new AddingTask.Settings(20));
      assertEquals(new TaskShape(20, 2, false, 1, false), task.shape());
      SequenceBatch batch = new SequenceBatch(task.shape(), 50);
      task.sample(batch, SplitMix64.derive(2, "data"));
      for (int b = 0; b < 50; b++) {
        int firstHalf = 0, secondHalf = 0;
        double sum = 0;
        for (int t = 0; t < 20; t++) {
          double value = batch.inputValues(t).get(0, b), marker = batch.inputValues(t).get(1, b);
          assertTrue(value >= 0 && value < 1);
          assertTrue(marker == 0 || marker == 1);
          if (marker == 1) {
            sum += value;
            if (t < 10) {
              firstHalf++;
            } else {
              secondHalf++;
            }
          }
          assertEquals(t == 19, batch.hasTarget(t, b), "only the last step has a target");
        }
        assertEquals(1, firstHalf);
        assertEquals(1, secondHalf);
        assertEquals(sum, batch.targetValue(19, b, 0), 1e-15);
      }
    }

    @Test
    void theBaselineIsTheVarianceOfTheSum() {
      assertEquals(1.0 / 6, new AddingTask(new AddingTask.Settings(100)).baselineLoss(), 1e-15);
      // …which is what always answering 1 costs, measured:
      AddingTask task = new AddingTask(new AddingTask.Settings(10));
      SequenceBatch batch = new SequenceBatch(task.shape(), 20_000);
      task.sample(batch, SplitMix64.derive(3, "data"));
      double mse = 0;
      for (int b = 0; b < 20_000; b++) {
        double error = batch.targetValue(9, b, 0) - 1;
        mse += error * error / 20_000;
      }
      assertEquals(1.0 / 6, mse, 0.005);
    }
  }

  @Nested
  class RandomSequence extends TaskContract {
    @Override
    protected Task task() {
      return new RandomSequenceTask(new RandomSequenceTask.Settings(6, 5));
    }

    @Test
    void theTargetIsTheNextInput() {
      RandomSequenceTask task = new RandomSequenceTask(new RandomSequenceTask.Settings(6, 5));
      SequenceBatch batch = new SequenceBatch(task.shape(), 4);
      task.sample(batch, SplitMix64.derive(4, "data"));
      for (int b = 0; b < 4; b++) {
        for (int t = 0; t + 1 < 6; t++) {
          assertEquals(batch.symbol(t + 1, b), batch.target(t, b));
        }
        assertTrue(batch.isScored(5, b));
      }
      assertEquals(6 * Math.log(5), task.baselineLoss(), 1e-12);
      assertEquals(1000, task.withLength(1000).shape().steps());
    }
  }

  @Test
  void memoryLengthsAreOdd() {
    MemoryTask memory = new MemoryTask(new MemoryTask.Settings(13, 8));
    assertEquals(61, memory.withLength(61).shape().steps());
    assertThrows(IllegalArgumentException.class, () -> memory.withLength(60));
    assertFalse(Double.isFinite(memory.baselineLoss()));
  }
}
