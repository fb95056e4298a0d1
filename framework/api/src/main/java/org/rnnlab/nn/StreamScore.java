package org.rnnlab.nn;

import java.util.function.BooleanSupplier;
import org.rnnlab.math.Workers;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;

/**
 * Scores a network on the whole validation data of a stream task: read as B streams, chunk by
 * chunk, the state carried from one chunk to the next from zeros at the start, every character
 * predicted once (but the first of each stream).
 */
public final class StreamScore {
  private final StreamTask task;
  private final BatchSlices unrolled;
  private final SequenceBatch batch;

  /** Buffers for reading the validation data as {@code streams} streams, in slices on {@code workers}. */
  public StreamScore(Network network, StreamTask task, int streams, Workers workers) {
    this.task = task;
    this.unrolled = BatchSlices.forScoring(network, streams, task.shape().steps(), workers);
    this.batch = new SequenceBatch(task.shape(), streams);
  }

  /**
   * {loss per character (nats), accuracy}, or null when {@code stop} said so before the end (it is
   * asked before every chunk).
   */
  public double[] score(Loss loss, BooleanSupplier stop) {
    double total = 0;
    long correct = 0, scored = 0;
    int chunks = task.validationChunks(batch.batchSize());
    unrolled.resetState();
    for (int i = 0; i < chunks; i++) {
      if (stop.getAsBoolean()) {
        return null;
      }
      if (i > 0) {
        unrolled.carryState();
      }
      task.validationChunk(batch, i);
      total += unrolled.loss(batch, loss) * batch.batchSize();
      correct += unrolled.countCorrect(batch);
      scored += Network.countScored(batch);
    }
    return new double[] {total / scored, (double) correct / scored};
  }
}
