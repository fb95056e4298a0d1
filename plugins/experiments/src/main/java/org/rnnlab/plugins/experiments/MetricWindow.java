package org.rnnlab.plugins.experiments;

import java.util.List;
import org.rnnlab.experiment.MetricRow;

/**
 * The training metrics since the last logged row, summed step by step; a row holds their means.
 * Its state is a named record so that a checkpoint can carry a window that was half full.
 */
final class MetricWindow {

  /** The columns of every row of independent sequences, first "step": the loss per sequence. */
  static final List<String> COLUMNS = List.of(
      "step", "sequences", "train_seconds", "loss", "accuracy", "grad_norm", "clipped_grad_norm",
      "clipped_fraction", "skipped_steps", "sequences_per_second", "test_loss", "test_accuracy", "baseline_loss");

  /**
   * The columns of every row of a stream task (text): losses in nats per character, and the same in
   * bits per character and as a perplexity.
   */
  static final List<String> STREAM_COLUMNS = List.of(
      "step", "characters", "train_seconds", "loss", "bits_per_char", "accuracy", "grad_norm", "clipped_grad_norm",
      "clipped_fraction", "skipped_steps", "characters_per_second", "val_loss", "val_bits_per_char", "val_perplexity",
      "val_accuracy");

  /**
   * The sums of a window.
   *
   * @param steps steps whose update was applied
   * @param loss sum of their batch losses (per sequence)
   * @param correct scored positions predicted right
   * @param scored scored positions
   * @param normBefore sum of the gradient norms before clipping
   * @param normAfter sum of the gradient norms after clipping
   * @param clipped steps where clipping changed the gradient
   * @param sequences sequences seen, skipped steps included
   * @param skipped steps whose update was dropped (NaN or infinite)
   * @param trainNanosAtStart the training time when the window opened
   */
  record State(long steps, double loss, long correct, long scored, double normBefore, double normAfter, long clipped,
      long sequences, long skipped, long trainNanosAtStart) {
  }

  private final double baselineLoss;
  private final boolean stream;
  // The sums of the open window (see State); plain fields, so that a step allocates nothing.
  private long steps;
  private double loss;
  private long correct;
  private long scored;
  private double normBefore;
  private double normAfter;
  private long clipped;
  private long sequences;
  private long skipped;
  private long trainNanosAtStart;

  /** @param stream rows of {@link #STREAM_COLUMNS}, else of {@link #COLUMNS} */
  MetricWindow(double baselineLoss, boolean stream) {
    this.baselineLoss = baselineLoss;
    this.stream = stream;
  }

  List<String> columns() {
    return stream ? STREAM_COLUMNS : COLUMNS;
  }

  /**
   * A step whose update was applied.
   *
   * @param batchSize the sequences (or, for a stream, the characters) the step read
   */
  void add(double batchLoss, long correct, long scored, double normBefore, double normAfter, long batchSize) {
    steps++;
    loss += batchLoss;
    this.correct += correct;
    this.scored += scored;
    this.normBefore += normBefore;
    this.normAfter += normAfter;
    if (normAfter < normBefore) {
      clipped++;
    }
    sequences += batchSize;
  }

  /** A step whose update was dropped: it counts as a step and its sequences, nothing else. */
  void skip(long batchSize) {
    skipped++;
    sequences += batchSize;
  }

  /** The row of the window's means at {@code step}; held-out values NaN when the step has no evaluation. */
  MetricRow row(long step, long sequencesSoFar, long trainNanos, double testLoss, double testAccuracy) {
    double windowSeconds = (trainNanos - trainNanosAtStart) / 1e9;
    double n = steps == 0 ? Double.NaN : steps; // a window of skipped steps only has no means
    if (stream) {
      double ln2 = Math.log(2);
      return new MetricRow(STREAM_COLUMNS, new double[] {
          step, sequencesSoFar, trainNanos / 1e9, loss / n, loss / n / ln2,
          scored == 0 ? Double.NaN : (double) correct / scored, normBefore / n, normAfter / n, clipped / n, skipped,
          windowSeconds > 0 ? sequences / windowSeconds : Double.NaN, testLoss, testLoss / ln2, Math.exp(testLoss),
          testAccuracy});
    }
    return new MetricRow(COLUMNS, new double[] {
        step, sequencesSoFar, trainNanos / 1e9, loss / n, scored == 0 ? Double.NaN : (double) correct / scored,
        normBefore / n, normAfter / n, clipped / n, skipped,
        windowSeconds > 0 ? sequences / windowSeconds : Double.NaN, testLoss, testAccuracy, baselineLoss});
  }

  /** Opens a new window at {@code trainNanos}. */
  void reset(long trainNanos) {
    restore(new State(0, 0, 0, 0, 0, 0, 0, 0, 0, trainNanos));
  }

  State state() {
    return new State(steps, loss, correct, scored, normBefore, normAfter, clipped, sequences, skipped,
        trainNanosAtStart);
  }

  void restore(State s) {
    steps = s.steps();
    loss = s.loss();
    correct = s.correct();
    scored = s.scored();
    normBefore = s.normBefore();
    normAfter = s.normAfter();
    clipped = s.clipped();
    sequences = s.sequences();
    skipped = s.skipped();
    trainNanosAtStart = s.trainNanosAtStart();
  }
}
