package org.rnnlab.plugins.experiments;

import java.util.function.BooleanSupplier;
import org.rnnlab.experiment.Components;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.nn.BatchSlices;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.StreamScore;
import org.rnnlab.nn.TestSet;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.spi.Task;

/**
 * Where training's batches and held-out scores come from: fresh independent sequences and a test
 * set drawn once ({@link Sampled}), or a stream task's chunks in order with the network's state
 * carried from one to the next, and its whole validation data ({@link Streams}).
 */
abstract class TrainData {

  /** Fills {@code batch} for training step {@code step} (from 1) and sets where the network starts. */
  abstract void next(long step, SequenceBatch batch, BatchSlices unrolled);

  /** {loss, accuracy} on the held-out data, in the units of the rows; null when {@code stop} said so first. */
  abstract double[] evaluate(BooleanSupplier stop);

  /** A training batch's loss (summed over steps, averaged over the batch) in the units of the rows. */
  abstract double rowLoss(double batchLoss, long scored, int batchSize);

  /** The state a checkpoint keeps: the data's random stream, and a stream's carried network state. */
  abstract TrainCheckpoint.DataState state(BatchSlices unrolled);

  abstract void restore(TrainCheckpoint.DataState state);

  static TrainData of(Task task, Network network, Loss loss, Components components, TrainExperiment.Settings s,
      Workers workers) {
    return task instanceof StreamTask stream ? new Streams(stream, network, loss, s.batchSize(), workers)
        : new Sampled(task, network, loss, components, s, workers);
  }

  /** Independent sequences, fresh every step, and a test set drawn once from its own stream. */
  static final class Sampled extends TrainData {
    private final Task task;
    private final TestSet testSet;
    private final Loss loss;
    private SplitMix64 random;

    Sampled(Task task, Network network, Loss loss, Components components, TrainExperiment.Settings s,
        Workers workers) {
      this.task = task;
      this.loss = loss;
      this.testSet = new TestSet(network, task, s.evalSequences(), components.random("test-data"), workers);
      this.random = components.random("train-data");
    }

    @Override
    void next(long step, SequenceBatch batch, BatchSlices unrolled) {
      task.sample(batch, random); // every batch starts from zeros
    }

    @Override
    double[] evaluate(BooleanSupplier stop) {
      return testSet.score(loss, stop);
    }

    @Override
    double rowLoss(double batchLoss, long scored, int batchSize) {
      return batchLoss; // per sequence
    }

    @Override
    TrainCheckpoint.DataState state(BatchSlices unrolled) {
      return new TrainCheckpoint.DataState(random.state(), null);
    }

    @Override
    void restore(TrainCheckpoint.DataState state) {
      random = new SplitMix64(state.random());
    }
  }

  /**
   * A stream task: step i reads chunk (i − 1) mod P of the P chunks of a pass; the network starts a
   * chunk where the previous one ended (truncated BPTT), and from zeros at the start of every pass.
   * Validation reads the whole validation data as B streams, its state carried the same way.
   */
  static final class Streams extends TrainData {
    private final StreamTask task;
    private final Loss loss;
    private final long chunks;
    private final StreamScore validation;
    private double[] pending; // a resumed run's carried state, for its first step

    Streams(StreamTask task, Network network, Loss loss, int batchSize, Workers workers) {
      this.task = task;
      this.loss = loss;
      this.chunks = task.chunksPerPass(batchSize);
      this.validation = new StreamScore(network, task, batchSize, workers);
    }

    @Override
    void next(long step, SequenceBatch batch, BatchSlices unrolled) {
      long chunk = (step - 1) % chunks;
      if (chunk == 0) {
        unrolled.resetState(); // a new pass over the data
      } else if (pending != null) {
        unrolled.startFrom(pending);
      } else {
        unrolled.carryState(); // where the previous chunk ended
      }
      pending = null;
      task.trainingChunk(batch, chunk);
    }

    @Override
    double[] evaluate(BooleanSupplier stop) {
      return validation.score(loss, stop); // per character
    }

    @Override
    double rowLoss(double batchLoss, long scored, int batchSize) {
      return batchLoss * batchSize / scored; // per character
    }

    @Override
    TrainCheckpoint.DataState state(BatchSlices unrolled) {
      return new TrainCheckpoint.DataState(0, unrolled.endState());
    }

    @Override
    void restore(TrainCheckpoint.DataState state) {
      pending = state.carried();
    }
  }
}
