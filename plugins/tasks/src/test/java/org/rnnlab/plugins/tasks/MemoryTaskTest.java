package org.rnnlab.plugins.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.testkit.TaskContract;

class MemoryTaskTest extends TaskContract {

  @Override
  protected Task task() {
    return new MemoryTask(new MemoryTask.Settings(13, 8));
  }

  @Test
  void shapeIsTwoLPlusOneStepsOverKPlusTwoSymbols() {
    assertEquals(new TaskShape(27, 10, true, 10), task().shape());
    assertEquals(new TaskShape(61, 7, true, 7), new MemoryTask(new MemoryTask.Settings(30, 5)).shape());
  }

  @Test
  void inputsAndTargetsFollowTheLayout() {
    MemoryTask task = new MemoryTask(new MemoryTask.Settings(4, 3));
    SequenceBatch batch = new SequenceBatch(task.shape(), 6);
    task.sample(batch, SplitMix64.derive(1, "data"));
    assertEquals(3, task.delimiter());
    assertEquals(4, task.blank());
    for (int b = 0; b < 6; b++) {
      for (int t = 0; t < 4; t++) {
        int symbol = batch.symbol(t, b);
        assertTrue(symbol >= 0 && symbol < 3, "a symbol, not delimiter or blank");
        assertEquals(task.blank(), batch.target(t, b), "blank targets while reading");
        assertEquals(task.blank(), batch.symbol(5 + t, b), "blank inputs while recalling");
        assertEquals(symbol, batch.target(5 + t, b), "recall the t-th symbol after the delimiter");
        assertFalse(batch.isScored(t, b));
        assertTrue(batch.isScored(5 + t, b));
      }
      assertEquals(task.delimiter(), batch.symbol(4, b));
      assertEquals(task.delimiter(), batch.target(4, b));
      assertFalse(batch.isScored(4, b));
    }
    assertEquals(4 * 6, Network.countScored(batch));
  }

  @Test
  void accuracyCountsOnlyThePositionsAfterTheDelimiter() {
    MemoryTask task = new MemoryTask(new MemoryTask.Settings(4, 3));
    SequenceBatch batch = new SequenceBatch(task.shape(), 2);
    task.sample(batch, SplitMix64.derive(2, "data"));
    long rightAfterWrongBefore = 0, wrongAfterRightBefore = 0;
    for (int t = 0; t < task.shape().steps(); t++) {
      boolean after = t > 4;
      rightAfterWrongBefore += Network.countCorrect(outputs(batch, t, after), batch, t);
      wrongAfterRightBefore += Network.countCorrect(outputs(batch, t, !after), batch, t);
    }
    assertEquals(8, rightAfterWrongBefore, "all 4×2 recalls right");
    assertEquals(0, wrongAfterRightBefore, "reading and delimiter positions never count");
  }

  /** Logits whose arg-max is the target (right) or the next class (wrong). */
  private static MatrixView outputs(SequenceBatch batch, int t, boolean right) {
    int k = batch.shape().outputSize();
    MatrixView z = MatrixView.zeros(k, batch.batchSize());
    for (int b = 0; b < batch.batchSize(); b++) {
      int target = batch.target(t, b);
      z.set(right ? target : (target + 1) % k, b, 5);
    }
    return z;
  }

  @Test
  void symbolsAreDrawnUniformly() {
    MemoryTask task = new MemoryTask(new MemoryTask.Settings(13, 8));
    SequenceBatch batch = new SequenceBatch(task.shape(), 1000);
    task.sample(batch, SplitMix64.derive(3, "data"));
    int[] counts = new int[8];
    for (int b = 0; b < 1000; b++) {
      for (int t = 0; t < 13; t++) {
        counts[batch.symbol(t, b)]++;
      }
    }
    for (int c : counts) {
      assertEquals(13000 / 8.0, c, 150);
    }
  }
}
