package org.rnnlab.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rnnlab.math.Workers;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;

/** A held-out set of sequences drawn once, scored by forward passes in chunks of at most 500. */
public final class TestSet {
  /** The most sequences scored in one forward pass. */
  public static final int CHUNK = 500;

  private final List<SequenceBatch> chunks = new ArrayList<>();
  private final Map<Integer, BatchSlices> unrolledBySize = new HashMap<>();
  private final int sequences;
  private final long scored;

  /**
   * Draws {@code sequences} sequences of {@code task} from {@code random}, to score {@code network}
   * in slices on {@code workers} (the same numbers on any number of threads).
   */
  public TestSet(Network network, Task task, int sequences, RandomGenerator random, Workers workers) {
    this.sequences = sequences;
    long scoredPositions = 0;
    for (int from = 0; from < sequences; from += CHUNK) {
      int size = Math.min(CHUNK, sequences - from);
      SequenceBatch chunk = new SequenceBatch(task.shape(), size);
      task.sample(chunk, random);
      chunks.add(chunk);
      scoredPositions += task.shape().classTargets() ? Network.countScored(chunk) : 0;
      unrolledBySize.computeIfAbsent(size, b -> BatchSlices.forScoring(network, b, task.shape().steps(), workers));
    }
    this.scored = scoredPositions;
  }

  /**
   * The network's loss and accuracy on the set: {mean loss per sequence, accuracy on scored
   * positions}; the accuracy is NaN for real-valued targets.
   */
  public double[] score(Loss loss) {
    return score(loss, () -> false);
  }

  /**
   * As {@link #score(Loss)}, but gives up between two chunks (of at most {@value #CHUNK}
   * sequences) once {@code stop} says so, and then returns null.
   */
  public double[] score(Loss loss, java.util.function.BooleanSupplier stop) {
    double totalLoss = 0;
    long correct = 0;
    for (SequenceBatch chunk : chunks) {
      if (stop.getAsBoolean()) {
        return null;
      }
      BatchSlices unrolled = unrolledBySize.get(chunk.batchSize());
      totalLoss += unrolled.loss(chunk, loss) * chunk.batchSize();
      correct += scored == 0 ? 0 : unrolled.countCorrect(chunk);
    }
    return new double[] {totalLoss / sequences, scored == 0 ? Double.NaN : (double) correct / scored};
  }
}
