package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * The contract of every {@link Task}: a stable shape, every target in range or absent, scored
 * positions have a target, every batch overwrites the previous one, and the same random stream
 * gives the same sequences.
 */
public abstract class TaskContract {

  protected abstract Task task();

  @Test
  void batchesAreValidAndFullyOverwritten() {
    Task task = task();
    TaskShape shape = task.shape();
    assertEquals(shape, task.shape());
    SequenceBatch a = new SequenceBatch(shape, 5);
    SplitMix64 random = SplitMix64.derive(1, "data");
    task.sample(a, random);
    long scored = 0;
    for (int t = 0; t < shape.steps(); t++) {
      for (int b = 0; b < 5; b++) {
        if (shape.classTargets()) {
          int y = a.target(t, b);
          assertTrue(y == SequenceBatch.NO_TARGET || y >= 0 && y < shape.outputSize(), "target " + y);
        }
        if (a.isScored(t, b)) {
          scored++;
          assertTrue(a.hasTarget(t, b), "scored position without target at " + t + "," + b);
        }
      }
    }
    assertTrue(scored > 0, "nothing is scored");
    // A batch filled twice from the same stream start equals one filled once, whatever it held.
    SequenceBatch dirty = new SequenceBatch(shape, 5);
    task.sample(dirty, SplitMix64.derive(99, "other"));
    task.sample(dirty, SplitMix64.derive(1, "data"));
    assertSame(a, dirty);
  }

  @Test
  void differentStreamsGiveDifferentSequences() {
    Task task = task();
    SequenceBatch a = new SequenceBatch(task.shape(), 8), b = new SequenceBatch(task.shape(), 8);
    task.sample(a, SplitMix64.derive(1, "data"));
    task.sample(b, SplitMix64.derive(2, "data"));
    assertTrue(!fingerprint(a).equals(fingerprint(b)));
  }

  private static void assertSame(SequenceBatch expected, SequenceBatch actual) {
    assertEquals(fingerprint(expected), fingerprint(actual));
  }

  /** Every input, target and score of a batch, as text. */
  private static String fingerprint(SequenceBatch batch) {
    TaskShape shape = batch.shape();
    StringBuilder s = new StringBuilder();
    for (int t = 0; t < shape.steps(); t++) {
      for (int b = 0; b < batch.batchSize(); b++) {
        s.append(t).append(',').append(b).append(batch.isScored(t, b) ? " scored" : "").append(" in");
        for (int x = 0; x < (shape.symbolInputs() ? 1 : shape.inputSize()); x++) {
          s.append(' ').append(shape.symbolInputs() ? batch.symbol(t, b) : batch.inputValues(t).get(x, b));
        }
        s.append(" target");
        if (shape.classTargets()) {
          s.append(' ').append(batch.target(t, b));
        } else if (batch.hasTarget(t, b)) {
          for (int k = 0; k < shape.outputSize(); k++) {
            s.append(' ').append(batch.targetValue(t, b, k));
          }
        }
        s.append('\n');
      }
    }
    return s.toString();
  }
}
