package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.spi.TaskShape;

/**
 * The contract of every {@link StreamTask}, beyond {@link TaskContract}'s: symbols in and out, the
 * vocabulary as large as the shape says, chunk i + 1 of a stream continuing chunk i (its first
 * input is chunk i's last target), every scored position's target the next input, and validation
 * reading each stream to its end with nothing scored twice. A task under test must hold enough data
 * for {@link #STREAMS} streams of a few chunks.
 */
public abstract class StreamTaskContract extends TaskContract {
  /** The streams the contract reads the data as. */
  protected static final int STREAMS = 3;

  @Override
  protected abstract StreamTask task();

  @Test
  void symbolsInAndOutFromTheVocabulary() {
    StreamTask task = task();
    TaskShape shape = task.shape();
    assertTrue(shape.symbolInputs() && shape.classTargets(), "a stream reads and predicts symbols");
    assertEquals(task.vocabulary().size(), shape.inputSize());
    assertEquals(task.vocabulary().size(), shape.outputSize());
  }

  @Test
  void trainingChunksContinueEachOther() {
    StreamTask task = task();
    long chunks = task.chunksPerPass(STREAMS);
    assertTrue(chunks >= 2, "the data under test holds at least two chunks per stream, not " + chunks);
    assertEquals(0, task.chunksPerPass(Integer.MAX_VALUE), "too many streams leave no chunk");
    SequenceBatch previous = new SequenceBatch(task.shape(), STREAMS), batch = new SequenceBatch(task.shape(), STREAMS);
    int steps = task.shape().steps();
    for (long i = 0; i < chunks; i++) {
      task.trainingChunk(batch, i);
      for (int b = 0; b < STREAMS; b++) {
        for (int t = 0; t < steps; t++) {
          assertTrue(batch.isScored(t, b), "every position of a training chunk is scored: chunk " + i + ", " + t);
          if (t + 1 < steps) {
            assertEquals(batch.target(t, b), batch.symbol(t + 1, b), "the target is the next input");
          }
        }
        if (i > 0) {
          assertEquals(previous.target(steps - 1, b), batch.symbol(0, b), "chunk " + i + " continues chunk " + (i - 1));
        }
      }
      SequenceBatch swap = previous;
      previous = batch;
      batch = swap;
    }
  }

  @Test
  void validationReadsEveryStreamOnceToItsEnd() {
    StreamTask task = task();
    int chunks = task.validationChunks(STREAMS);
    assertTrue(chunks >= 1, "validation holds something for " + STREAMS + " streams");
    SequenceBatch batch = new SequenceBatch(task.shape(), STREAMS);
    int steps = task.shape().steps();
    int[] last = new int[STREAMS];
    boolean[] ended = new boolean[STREAMS];
    long scored = 0;
    for (int i = 0; i < chunks; i++) {
      task.validationChunk(batch, i);
      for (int b = 0; b < STREAMS; b++) {
        for (int t = 0; t < steps; t++) {
          if (!batch.isScored(t, b)) {
            ended[b] = true; // the stream's end: nothing after it is scored
            continue;
          }
          assertTrue(!ended[b], "a scored position after the end of stream " + b);
          if (i > 0 || t > 0) {
            assertEquals(last[b], batch.symbol(t, b), "the input is the previous target");
          }
          last[b] = batch.target(t, b);
          scored++;
        }
      }
    }
    assertTrue(scored > 0);
    task.validationChunk(batch, 0); // the same chunk again: the same data
    SequenceBatch again = new SequenceBatch(task.shape(), STREAMS);
    task.validationChunk(again, 0);
    for (int b = 0; b < STREAMS; b++) {
      for (int t = 0; t < steps; t++) {
        assertEquals(batch.symbol(t, b), again.symbol(t, b));
        assertEquals(batch.target(t, b), again.target(t, b));
      }
    }
  }
}
