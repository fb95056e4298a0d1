package org.rnnlab.plugins.experiments;

import java.util.Map;
import org.rnnlab.experiment.Checkpoint;

/**
 * Everything training needs to continue exactly where it stopped, by name. Stored in a {@link
 * Checkpoint} under the keys below; {@link #FORMAT} rises whenever they change, so that an older
 * checkpoint is refused rather than misread.
 *
 * @param step the last step trained
 * @param logPending true when the run stopped while it evaluated and logged {@code step}: resumed,
 *     it does that again before the next step
 * @param trainNanos training time so far (evaluations excluded)
 * @param units sequences (or a stream's characters) trained on so far
 * @param parameters the network's parameters
 * @param optimizer the optimizer's state (see {@code Optimizer.state()})
 * @param data where the training data stood: its random stream, a stream task's carried state
 * @param dropoutRandom the state of the dropout masks' random stream
 * @param window the metric window, possibly half full
 * @param results the final and best results so far
 */
record TrainCheckpoint(long step, boolean logPending, long trainNanos, long units, double[] parameters, Map<String, double[]> optimizer,
    DataState data, long dropoutRandom, MetricWindow.State window, TrainResults.State results) {

  /**
   * Where the training data stood.
   *
   * @param random the state of the training data's random stream (independent sequences)
   * @param carried the network's state at the end of the last chunk (a stream task), or null
   */
  record DataState(long random, double[] carried) {}

  /**
   * The layout of these checkpoints (1: unnamed arrays; 2: skipped steps; 3: named fields; 4: a
   * pending log; 5: a stream's carried state, the held-out kind of the results and dropout's random
   * stream).
   */
  static final long FORMAT = 5;

  Checkpoint toCheckpoint() {
    Checkpoint c = new Checkpoint()
        .putLong("format", FORMAT)
        .putLong("step", step)
        .putLong("log_pending", logPending ? 1 : 0)
        .putLong("train_nanos", trainNanos)
        .putLong("units", units)
        .putArray("parameters", parameters)
        .putArrays("optimizer.", optimizer)
        .putLong("random.train_data", data.random())
        .putLong("random.dropout", dropoutRandom);
    if (data.carried() != null) {
      c.putArray("stream.state", data.carried());
    }
    c.putLong("window.steps", window.steps()).putDouble("window.loss", window.loss())
        .putLong("window.correct", window.correct()).putLong("window.scored", window.scored())
        .putDouble("window.norm_before", window.normBefore()).putDouble("window.norm_after", window.normAfter())
        .putLong("window.clipped", window.clipped()).putLong("window.sequences", window.sequences())
        .putLong("window.skipped", window.skipped()).putLong("window.train_nanos_at_start", window.trainNanosAtStart());
    c.putLong("results.last_eval_block", results.lastEvalBlock())
        .putDouble("results.last_test_loss", results.lastTestLoss())
        .putDouble("results.last_test_accuracy", results.lastTestAccuracy())
        .putDouble("results.best_test_accuracy", results.bestTestAccuracy())
        .putLong("results.best_test_accuracy_step", results.bestTestAccuracyStep())
        .putDouble("results.best_test_loss", results.bestTestLoss())
        .putLong("results.best_test_loss_step", results.bestTestLossStep())
        .putLong("results.skipped", results.skipped());
    if (results.lastRow() != null) {
      c.putArray("results.last_row", results.lastRow());
    }
    return c;
  }

  static TrainCheckpoint of(Checkpoint c) {
    MetricWindow.State window = new MetricWindow.State(c.getLong("window.steps"), c.getDouble("window.loss"),
        c.getLong("window.correct"), c.getLong("window.scored"), c.getDouble("window.norm_before"),
        c.getDouble("window.norm_after"), c.getLong("window.clipped"), c.getLong("window.sequences"),
        c.getLong("window.skipped"), c.getLong("window.train_nanos_at_start"));
    TrainResults.State results = new TrainResults.State(c.getLong("results.last_eval_block"),
        c.has("results.last_row") ? c.array("results.last_row") : null, c.getDouble("results.last_test_loss"),
        c.getDouble("results.last_test_accuracy"), c.getDouble("results.best_test_accuracy"),
        c.getLong("results.best_test_accuracy_step"), c.getDouble("results.best_test_loss"),
        c.getLong("results.best_test_loss_step"), c.getLong("results.skipped"));
    return new TrainCheckpoint(c.getLong("step"), c.getLong("log_pending") != 0, c.getLong("train_nanos"), c.getLong("units"), c.array("parameters"),
        c.arrays("optimizer."), new DataState(c.getLong("random.train_data"),
        c.has("stream.state") ? c.array("stream.state") : null), c.getLong("random.dropout"), window, results);
  }

  /** The format of {@code c}: 1 for checkpoints that predate the "format" entry. */
  static long formatOf(Checkpoint c) {
    return c.has("format") ? c.getLong("format") : 1;
  }
}
