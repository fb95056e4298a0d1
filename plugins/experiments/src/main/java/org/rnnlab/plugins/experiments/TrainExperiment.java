package org.rnnlab.plugins.experiments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.checkpoint.Checkpoint;
import org.rnnlab.config.InvalidSetting;
import org.rnnlab.config.Setting;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.Parameters;
import org.rnnlab.nn.SequenceBatch;
import org.rnnlab.nn.TestSet;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Experiment;
import org.rnnlab.spi.ExperimentContext;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.MetricLog;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Outcome;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.Task;

/**
 * Mini-batch training: each step samples a fresh batch, runs forward and BPTT, clips, updates.
 * Every {@code log_every} steps one metric row holds the window's means (loss per sequence,
 * accuracy on scored positions, gradient norm before and after clipping, the fraction of steps
 * clipped); every {@code eval_every} steps, and at the end, the network is scored on a held-out
 * test set drawn once from its own random stream.
 *
 * <p>Every {@code checkpoint_every} steps, when stopped, and at the end it saves a checkpoint:
 * parameters, optimizer state, the training data's random state, the metrics window and the best
 * results so far. Resumed from it ({@code ./run resume}), training continues with the numbers an
 * uninterrupted run would have had, bit for bit (the timing columns aside).
 */
public final class TrainExperiment implements Experiment {

  /** Settings of {@code train}. */
  public record Settings(
      @Setting(value = "number of training steps (one mini-batch each)", defaultValue = "10000", min = 1)
      long steps,
      @Setting(value = "sequences per mini-batch B", defaultValue = "32", min = 1, max = 65_536)
      int batchSize,
      @Setting(value = "write a metric row every this many steps", defaultValue = "100", min = 1)
      long logEvery,
      @Setting(value = "score the test set every this many steps (rounded up to a logged step)",
          defaultValue = "1000", min = 1)
      long evalEvery,
      @Setting(value = "size of the held-out test set (fresh sequences)", defaultValue = "1000", min = 1,
          max = 10_000_000)
      int evalSequences,
      @Setting(value = "save a checkpoint every this many steps, a multiple of log_every (0: only when stopped"
          + " and at the end)", defaultValue = "1000", min = 0)
      long checkpointEvery,
      @Setting(value = "stop as soon as a test accuracy reaches this (0: never): time to solve", defaultValue = "0",
          min = 0, max = 1)
      double stopAtTestAccuracy,
      @Setting(value = "when the loss or gradient is NaN or infinite: stop (status diverged) or skip that update"
          + " (and stop after 100 skipped in a row)", defaultValue = "stop")
      OnNonfinite onNonfinite) {
    public Settings {
      if (checkpointEvery > 0 && checkpointEvery % logEvery != 0) {
        throw new InvalidSetting("checkpoint_every",
            "expected 0 or a multiple of experiment.log_every (" + logEvery + "), got " + checkpointEvery);
      }
    }
  }

  /** What a step with a NaN or infinite loss or gradient does. */
  public enum OnNonfinite {
    /** End the run, status diverged. */
    STOP,
    /** Drop that update, count it, go on. */
    SKIP
  }

  /** Skipped updates in a row after which a skipping run gives up as diverged. */
  static final int MAX_SKIPPED_IN_A_ROW = 100;

  /** The columns of every row, first "step". */
  public static final List<String> COLUMNS = List.of(
      "step", "sequences", "train_seconds", "loss", "accuracy", "grad_norm", "clipped_grad_norm",
      "clipped_fraction", "skipped_steps", "sequences_per_second", "test_loss", "test_accuracy", "baseline_loss");

  /**
   * The layout of this experiment's checkpoints; raised whenever what {@link #checkpoint} writes
   * changes, so that an older checkpoint is refused rather than misread.
   */
  static final long CHECKPOINT_FORMAT = 2;

  private final Settings settings;

  public TrainExperiment(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void checkResume(Checkpoint checkpoint, List<String> metricColumns) {
    long format = checkpoint.has("format") ? checkpoint.getLong("format") : 1;
    if (format != CHECKPOINT_FORMAT) {
      throw new IllegalArgumentException("the checkpoint has format " + format + ", this rnnlab reads format "
          + CHECKPOINT_FORMAT + " (it was written by another version); run the config again instead");
    }
    if (!metricColumns.isEmpty() && !metricColumns.equals(COLUMNS)) {
      throw new IllegalArgumentException("metrics.csv has the columns " + String.join(",", metricColumns)
          + "; this rnnlab writes " + String.join(",", COLUMNS) + " (another version); run the config again instead");
    }
  }

  @Override
  public Outcome run(ExperimentContext context) throws IOException {
    Task task = context.task();
    Network network = context.newNetwork();
    Optimizer optimizer = context.newOptimizer();
    optimizer.plan(settings.steps());
    Clipper clipper = context.clipper();
    Loss loss = context.loss();
    Parameters parameters = network.parameters();
    Parameters gradients = network.gradients();

    int batchSize = settings.batchSize();
    SequenceBatch batch = new SequenceBatch(task.shape(), batchSize);
    Network.Unrolled unrolled = network.unroll(batchSize);
    TestSet testSet = new TestSet(network, task, settings.evalSequences(), context.random("test-data"));
    SplitMix64 trainData = context.random("train-data");
    boolean classes = task.shape().classTargets(); // accuracy is defined for class targets only

    Window window = new Window(task.baselineLoss());
    Results results = new Results();
    long step = 0;
    long trainNanos = 0;
    if (context.resumeFrom().isPresent()) {
      Checkpoint c = context.resumeFrom().get();
      step = c.getLong("step");
      trainNanos = c.getLong("train_nanos");
      System.arraycopy(c.array("parameters"), 0, parameters.values(), 0, parameters.values().length);
      optimizer.restore(c.arrays("optimizer."));
      trainData = new SplitMix64(c.getLong("random.train_data"));
      window.restore(c);
      results.restore(c);
      context.console().println("resumed at step " + step + " of " + settings.steps());
    }

    MetricLog metrics = context.openMetrics(COLUMNS, settings.steps());
    RunStatus status = RunStatus.COMPLETED;
    String message = "";
    int skippedInARow = 0;
    double lastFiniteNorm = Double.NaN;
    while (step < settings.steps()) {
      if (context.stopRequested()) {
        status = RunStatus.INTERRUPTED;
        message = "stopped at step " + step + " of " + settings.steps() + "; ./run resume continues it";
        break;
      }
      step++;
      long start = System.nanoTime();
      task.sample(batch, trainData);
      double batchLoss = unrolled.lossAndGradient(batch, loss);
      long correct = classes ? unrolled.countCorrect(batch) : 0;
      long scored = classes ? Network.countScored(batch) : 0;
      double normBefore = gradients.norm();
      clipper.clip(gradients);
      double normAfter = gradients.norm();
      boolean finite = Double.isFinite(batchLoss) && Double.isFinite(normBefore) && Double.isFinite(normAfter);
      if (finite) {
        optimizer.update(parameters, gradients);
        skippedInARow = 0;
        lastFiniteNorm = normBefore;
      }
      trainNanos += System.nanoTime() - start;
      if (finite) {
        window.add(batchLoss, correct, scored, normBefore, normAfter, batchSize);
      } else {
        window.skip(batchSize);
        results.skipped++;
        skippedInARow++;
      }
      if (!finite && (settings.onNonfinite() == OnNonfinite.STOP || skippedInARow >= MAX_SKIPPED_IN_A_ROW)) {
        status = RunStatus.DIVERGED;
        String what = Double.isFinite(batchLoss) ? "the gradient norm" : "the loss";
        double value = Double.isFinite(batchLoss) ? normBefore : batchLoss;
        message = (skippedInARow >= MAX_SKIPPED_IN_A_ROW ? skippedInARow + " updates in a row were skipped; " : "")
            + what + " became " + value + " at step " + step
            + (Double.isNaN(lastFiniteNorm) ? "" : String.format(Locale.ROOT,
                " (the last finite gradient norm was %.3g)", lastFiniteNorm))
            + ": lower optimizer.learning_rate or clip the gradients (clipper: norm)"
            + (settings.onNonfinite() == OnNonfinite.STOP ? "; experiment.on_nonfinite: skip drops such updates instead"
                : "");
        metrics.append(window.row(step, (long) step * batchSize, trainNanos, Double.NaN, Double.NaN));
        break;
      }
      boolean last = step == settings.steps(); // or, below, the target accuracy is reached
      if (step % settings.logEvery() == 0 || last) {
        double testLoss = Double.NaN, testAccuracy = Double.NaN;
        if (last || step / settings.evalEvery() > results.lastEvalBlock) {
          results.lastEvalBlock = step / settings.evalEvery();
          double[] score = testSet.score(loss);
          testLoss = score[0];
          testAccuracy = score[1];
          results.test(step, testLoss, testAccuracy);
          if (settings.stopAtTestAccuracy() > 0 && testAccuracy >= settings.stopAtTestAccuracy()) {
            results.solved(step, trainNanos);
            message = String.format(Locale.ROOT, "test accuracy %.4f ≥ %.4g at step %d after %.1f s of training",
                testAccuracy, settings.stopAtTestAccuracy(), step, trainNanos / 1e9);
            last = true;
          }
        }
        MetricRow row = window.row(step, (long) step * batchSize, trainNanos, testLoss, testAccuracy);
        results.train(row);
        metrics.append(row);
        window.reset(trainNanos);
        if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0 && !last) {
          context.saveCheckpoint(checkpoint(step, trainNanos, parameters, optimizer, trainData, window, results));
        }
        if (last) {
          break;
        }
      }
    }
    if (status == RunStatus.COMPLETED || status == RunStatus.INTERRUPTED) {
      // The end of training saves the network for ./run eval; a stop saves where to resume.
      context.saveCheckpoint(checkpoint(step, trainNanos, parameters, optimizer, trainData, window, results));
    }
    Map<String, Object> summary = results.summary(step, (long) step * batchSize, trainNanos);
    if (Double.isFinite(task.baselineLoss())) {
      summary.put("baseline_loss", task.baselineLoss());
      summary.put("baseline_loss_per_step", task.baselineLoss() / task.shape().steps());
    }
    context.console().println(results.describe(step, (long) step * batchSize, trainNanos));
    return new Outcome(status, message, summary);
  }

  private static Checkpoint checkpoint(long step, long trainNanos, Parameters parameters, Optimizer optimizer,
      SplitMix64 trainData, Window window, Results results) {
    Checkpoint c = new Checkpoint()
        .putLong("format", CHECKPOINT_FORMAT)
        .putLong("step", step)
        .putLong("train_nanos", trainNanos)
        .putArray("parameters", parameters.values())
        .putArrays("optimizer.", optimizer.state())
        .putLong("random.train_data", trainData.state());
    window.save(c);
    results.save(c);
    return c;
  }

  /** Means over the steps since the last row. */
  private static final class Window {
    final double baselineLoss;
    long steps;
    double loss;
    long correct;
    long scored;
    double normBefore;
    double normAfter;
    long clipped;
    long sequences;
    long skipped;
    long trainNanosAtStart;

    Window(double baselineLoss) {
      this.baselineLoss = baselineLoss;
    }

    void add(double batchLoss, long correct, long scored, double before, double after, int batchSize) {
      steps++;
      loss += batchLoss;
      this.correct += correct;
      this.scored += scored;
      normBefore += before;
      normAfter += after;
      if (after < before) {
        clipped++;
      }
      sequences += batchSize;
    }

    /** A step whose update was dropped: it counts as a step and its sequences, nothing else. */
    void skip(int batchSize) {
      skipped++;
      sequences += batchSize;
    }

    MetricRow row(long step, long sequencesSoFar, long trainNanos, double testLoss, double testAccuracy) {
      double windowSeconds = (trainNanos - trainNanosAtStart) / 1e9;
      double n = steps == 0 ? Double.NaN : steps; // a window of skipped steps only has no means
      return new MetricRow(COLUMNS, new double[] {
          step, sequencesSoFar, trainNanos / 1e9, loss / n, scored == 0 ? Double.NaN : (double) correct / scored,
          normBefore / n, normAfter / n, clipped / n, skipped, windowSeconds > 0 ? sequences / windowSeconds : Double.NaN,
          testLoss, testAccuracy, baselineLoss});
    }

    void reset(long trainNanos) {
      trainNanosAtStart = trainNanos;
      steps = 0;
      loss = 0;
      correct = 0;
      scored = 0;
      normBefore = 0;
      normAfter = 0;
      clipped = 0;
      sequences = 0;
      skipped = 0;
    }

    void save(Checkpoint c) {
      c.putArray("window", new double[] {steps, loss, correct, scored, normBefore, normAfter, clipped, sequences,
          trainNanosAtStart, skipped});
    }

    void restore(Checkpoint c) {
      double[] w = c.array("window");
      steps = (long) w[0];
      loss = w[1];
      correct = (long) w[2];
      scored = (long) w[3];
      normBefore = w[4];
      normAfter = w[5];
      clipped = (long) w[6];
      sequences = (long) w[7];
      trainNanosAtStart = (long) w[8];
      skipped = (long) w[9];
    }
  }

  /** Final and best metrics for the summary. */
  private static final class Results {
    long lastEvalBlock;
    double[] lastRow;
    double lastTestLoss = Double.NaN;
    double lastTestAccuracy = Double.NaN;
    double bestTestAccuracy = Double.NaN;
    long bestTestStep;
    double bestTestLoss = Double.NaN;
    long bestTestLossStep;
    long solvedStep = -1;
    long solvedNanos;
    long skipped;

    void solved(long step, long trainNanos) {
      solvedStep = step;
      solvedNanos = trainNanos;
    }

    void train(MetricRow row) {
      lastRow = row.values().clone();
    }

    void test(long step, double loss, double accuracy) {
      lastTestLoss = loss;
      lastTestAccuracy = accuracy;
      if (Double.isNaN(bestTestAccuracy) || accuracy > bestTestAccuracy) {
        bestTestAccuracy = accuracy;
        bestTestStep = step;
      }
      if (Double.isNaN(bestTestLoss) || loss < bestTestLoss) {
        bestTestLoss = loss;
        bestTestLossStep = step;
      }
    }

    void save(Checkpoint c) {
      c.putArray("results", new double[] {lastEvalBlock, lastTestLoss, lastTestAccuracy, bestTestAccuracy,
          bestTestStep, bestTestLoss, bestTestLossStep, skipped});
      if (lastRow != null) {
        c.putArray("results.last_row", lastRow);
      }
    }

    void restore(Checkpoint c) {
      double[] r = c.array("results");
      lastEvalBlock = (long) r[0];
      lastTestLoss = r[1];
      lastTestAccuracy = r[2];
      bestTestAccuracy = r[3];
      bestTestStep = (long) r[4];
      bestTestLoss = r[5];
      bestTestLossStep = (long) r[6];
      skipped = (long) r[7];
      lastRow = c.has("results.last_row") ? c.array("results.last_row") : null;
    }

    Map<String, Object> summary(long steps, long sequences, long trainNanos) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("steps", steps);
      s.put("sequences", sequences);
      s.put("train_seconds", round(trainNanos / 1e9, 3));
      s.put("us_per_sequence", sequences == 0 ? null : round(trainNanos / 1e3 / sequences, 2));
      s.put("skipped_steps", skipped);
      Map<String, Object> last = new LinkedHashMap<>();
      if (lastRow != null) {
        last.put("step", (long) lastRow[0]);
        last.put("loss", number(lastRow[COLUMNS.indexOf("loss")]));
        last.put("accuracy", number(lastRow[COLUMNS.indexOf("accuracy")]));
      }
      last.put("test_loss", number(lastTestLoss));
      last.put("test_accuracy", number(lastTestAccuracy));
      s.put("final", last);
      Map<String, Object> best = new LinkedHashMap<>();
      best.put("test_accuracy", number(bestTestAccuracy));
      best.put("test_accuracy_step", Double.isNaN(bestTestAccuracy) ? null : bestTestStep);
      best.put("test_loss", number(bestTestLoss));
      best.put("test_loss_step", Double.isNaN(bestTestLoss) ? null : bestTestLossStep);
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
      if (!Double.isNaN(lastTestAccuracy)) {
        parts.add(String.format(Locale.ROOT, "test accuracy %.4f (best %.4f at step %d)", lastTestAccuracy,
            bestTestAccuracy, bestTestStep));
      } else if (!Double.isNaN(lastTestLoss)) {
        parts.add(String.format(Locale.ROOT, "test loss %.4g (best %.4g at step %d)", lastTestLoss, bestTestLoss,
            bestTestLossStep));
      }
      double seconds = trainNanos / 1e9;
      parts.add(String.format(Locale.ROOT, "%,d steps, %,d sequences in %.1f s of training (%.1f µs/sequence)",
          steps, sequences, seconds, sequences == 0 ? 0 : trainNanos / 1e3 / sequences));
      return String.join(" · ", parts);
    }

    private static Object number(double value) {
      return Double.isNaN(value) ? null : value;
    }

    private static double round(double value, int digits) {
      double f = Math.pow(10, digits);
      return Math.round(value * f) / f;
    }
  }
}
