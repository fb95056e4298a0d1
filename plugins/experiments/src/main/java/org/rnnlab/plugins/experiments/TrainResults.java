package org.rnnlab.plugins.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The final and best results of training, for {@code summary.yaml} and the last console line. */
final class TrainResults {

  /**
   * What a checkpoint keeps of them.
   *
   * @param lastEvalBlock the last block of eval_every steps that was evaluated
   * @param lastRow the values of the last logged row, or null before the first
   * @param lastTestLoss the latest test loss (NaN before the first evaluation)
   * @param lastTestAccuracy the latest test accuracy
   * @param bestTestAccuracy the best test accuracy so far
   * @param bestTestAccuracyStep its step
   * @param bestTestLoss the lowest test loss so far
   * @param bestTestLossStep its step
   * @param skipped updates dropped so far
   */
  record State(long lastEvalBlock, double[] lastRow, double lastTestLoss, double lastTestAccuracy,
      double bestTestAccuracy, long bestTestAccuracyStep, double bestTestLoss, long bestTestLossStep, long skipped) {
    static final State EMPTY = new State(0, null, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0);
  }

  /** "test" (a test set) or "val" (a stream's validation data): how the summary names the held-out results. */
  private final String heldOut;
  private final List<String> columns;
  long lastEvalBlock;
  private double[] lastRow;
  private double lastTestLoss = Double.NaN;
  private double lastTestAccuracy = Double.NaN;
  private double bestTestAccuracy = Double.NaN;
  private long bestTestAccuracyStep;
  private double bestTestLoss = Double.NaN;
  private long bestTestLossStep;
  private long solvedStep = -1;
  private long solvedNanos;
  long skipped;

  TrainResults(String heldOut, List<String> columns) {
    this.heldOut = heldOut;
    this.columns = columns;
  }

  /** True when {@code loss} is the lowest held-out loss so far (before {@link #tested} records it). */
  boolean isBestLoss(double loss) {
    return Double.isNaN(bestTestLoss) || loss < bestTestLoss;
  }

  void solved(long step, long trainNanos) {
    solvedStep = step;
    solvedNanos = trainNanos;
  }

  void logged(double[] row) {
    lastRow = row.clone();
  }

  void tested(long step, double loss, double accuracy) {
    lastTestLoss = loss;
    lastTestAccuracy = accuracy;
    if (Double.isNaN(bestTestAccuracy) || accuracy > bestTestAccuracy) {
      bestTestAccuracy = accuracy;
      bestTestAccuracyStep = step;
    }
    if (Double.isNaN(bestTestLoss) || loss < bestTestLoss) {
      bestTestLoss = loss;
      bestTestLossStep = step;
    }
  }

  State state() {
    return new State(lastEvalBlock, lastRow, lastTestLoss, lastTestAccuracy, bestTestAccuracy, bestTestAccuracyStep,
        bestTestLoss, bestTestLossStep, skipped);
  }

  void restore(State s) {
    lastEvalBlock = s.lastEvalBlock();
    lastRow = s.lastRow();
    lastTestLoss = s.lastTestLoss();
    lastTestAccuracy = s.lastTestAccuracy();
    bestTestAccuracy = s.bestTestAccuracy();
    bestTestAccuracyStep = s.bestTestAccuracyStep();
    bestTestLoss = s.bestTestLoss();
    bestTestLossStep = s.bestTestLossStep();
    skipped = s.skipped();
  }

  Map<String, Object> summary(long steps, long sequences, long trainNanos) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("steps", steps);
    s.put(unit() + "s", sequences);
    s.put("train_seconds", round(trainNanos / 1e9, 3));
    s.put("us_per_" + unit(), sequences == 0 ? null : round(trainNanos / 1e3 / sequences, 2));
    s.put("skipped_steps", skipped);
    Map<String, Object> last = new LinkedHashMap<>();
    if (lastRow != null) {
      last.put("step", (long) lastRow[0]);
      last.put("loss", number(lastRow[columns.indexOf("loss")]));
      last.put("accuracy", number(lastRow[columns.indexOf("accuracy")]));
    }
    last.put(heldOut + "_loss", number(lastTestLoss));
    last.put(heldOut + "_accuracy", number(lastTestAccuracy));
    s.put("final", last);
    Map<String, Object> best = new LinkedHashMap<>();
    best.put(heldOut + "_accuracy", number(bestTestAccuracy));
    best.put(heldOut + "_accuracy_step", Double.isNaN(bestTestAccuracy) ? null : bestTestAccuracyStep);
    best.put(heldOut + "_loss", number(bestTestLoss));
    best.put(heldOut + "_loss_step", Double.isNaN(bestTestLoss) ? null : bestTestLossStep);
    if (heldOut.equals("val") && !Double.isNaN(bestTestLoss)) {
      best.put("val_bits_per_char", bestTestLoss / Math.log(2));
      best.put("val_perplexity", Math.exp(bestTestLoss));
    }
    s.put("best", best);
    if (solvedStep >= 0) {
      Map<String, Object> solved = new LinkedHashMap<>();
      solved.put("step", solvedStep);
      solved.put("train_seconds", round(solvedNanos / 1e9, 3));
      s.put("target_reached", solved);
    }
    return s;
  }

  String describe(long steps, long sequences, long trainNanos) {
    List<String> parts = new ArrayList<>();
    if (heldOut.equals("val") && !Double.isNaN(lastTestLoss)) {
      parts.add(String.format(Locale.ROOT, "validation loss %.4f nats/char, %.4f bits/char (best %.4f at step %d)",
          lastTestLoss, lastTestLoss / Math.log(2), bestTestLoss, bestTestLossStep));
    } else if (!Double.isNaN(lastTestAccuracy)) {
      parts.add(String.format(Locale.ROOT, "test accuracy %.4f (best %.4f at step %d)", lastTestAccuracy,
          bestTestAccuracy, bestTestAccuracyStep));
    } else if (!Double.isNaN(lastTestLoss)) {
      parts.add(String.format(Locale.ROOT, "test loss %.4g (best %.4g at step %d)", lastTestLoss, bestTestLoss,
          bestTestLossStep));
    }
    double seconds = trainNanos / 1e9;
    parts.add(String.format(Locale.ROOT, "%,d steps, %,d %ss in %.1f s of training (%.1f µs/%s)",
        steps, sequences, unit(), seconds, sequences == 0 ? 0 : trainNanos / 1e3 / sequences, unit()));
    return String.join(" · ", parts);
  }

  /** What a step reads: sequences, or a stream's characters. */
  private String unit() {
    return heldOut.equals("val") ? "character" : "sequence";
  }

  private static Object number(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }
}
