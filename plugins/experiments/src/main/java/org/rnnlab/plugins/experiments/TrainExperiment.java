package org.rnnlab.plugins.experiments;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.experiment.Checkpoint;
import org.rnnlab.experiment.Components;
import org.rnnlab.experiment.Estimate;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.MetricLog;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.Outcome;
import org.rnnlab.experiment.RunIO;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Workers;
import org.rnnlab.nn.BatchSlices;
import org.rnnlab.nn.MemoryEstimate;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.TestSet;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Loss;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

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
      @Setting(value = "stop as soon as a test loss is at most this fraction of the task's no-memory baseline"
          + " (and the test accuracy reaches stop_at_test_accuracy, when that is set; 0: never)",
          defaultValue = "0", min = 0, max = 1)
      double stopAtTestLossRatio,
      @Setting(value = "stop after this many minutes of training, scoring the test set there (0: no limit); the"
          + " step it stops at depends on the machine", defaultValue = "0", min = 0, max = 1_000_000)
      double maxMinutes,
      @Setting(value = "when the loss or gradient is NaN or infinite: stop (status diverged) or skip that update"
          + " (and stop after 100 skipped in a row)", defaultValue = "stop")
      OnNonfinite onNonfinite) {
    public Settings {
      if (checkpointEvery > 0 && checkpointEvery % logEvery != 0) {
        throw new InvalidSetting(List.of("checkpoint_every", "log_every"),
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
  public static final List<String> COLUMNS = MetricWindow.COLUMNS;

  private final Settings settings;

  public TrainExperiment(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Estimate estimate(Components components) {
    Task task = components.task();
    TaskShape shape = task.shape();
    List<Network.Layer> layers = components.layers();
    int batch = settings.batchSize();
    boolean stream = task instanceof StreamTask;
    int tests = stream ? batch : Math.min(settings.evalSequences(), TestSet.CHUNK); // sequences scored at once
    long network = 2 * MemoryEstimate.parameters(layers, shape); // and the optimizer's state, at most as much
    long bptt = MemoryEstimate.unrolled(layers, shape, components.dropout(), batch, shape.steps());
    long scoring = MemoryEstimate.unrolled(layers, shape, 0, tests, shape.steps());
    if (bptt < 0 || scoring < 0) {
      return null;
    }
    // the batch, and its slices' copies and gradients (BatchSlices: more than one slice)
    long data = MemoryEstimate.batch(shape, batch) * (BatchSlices.count(batch) > 1 ? 2 : 1)
        + (BatchSlices.count(batch) - 1) * MemoryEstimate.parameters(layers, shape) / 2;
    long test = scoring + MemoryEstimate.batch(shape, stream ? batch : settings.evalSequences())
        + (BatchSlices.count(tests) > 1 ? MemoryEstimate.batch(shape, tests) : 0);
    String work = String.format(Locale.ROOT, "%,d steps of %,d %s of %,d time steps", settings.steps(), batch,
        stream ? "streams" : "sequences", shape.steps());
    String held = stream ? "validation" : "test set of " + settings.evalSequences() + " sequences";
    return new Estimate(network + bptt + data + test, "network and optimizer " + Estimate.size(network)
        + ", BPTT buffers for " + batch + " × " + shape.steps() + " steps " + Estimate.size(bptt + data)
        + ", " + held + " " + Estimate.size(test), work);
  }

  /** A stream task's training and validation text must each give every one of the B streams something to read. */
  @Override
  public void check(Task task) {
    if (settings.stopAtTestLossRatio() > 0 && !(task.baselineLoss() > 0 && Double.isFinite(task.baselineLoss()))) {
      throw new InvalidSetting(List.of("experiment.stop_at_test_loss_ratio", "task"), "the task has no no-memory"
          + " baseline loss to measure against; use stop_at_test_accuracy, or 0 here");
    }
    if (task instanceof StreamTask stream) {
      int b = settings.batchSize(), s = task.shape().steps();
      if (stream.chunksPerPass(b) < 1) {
        throw new InvalidSetting(List.of("experiment.batch_size", "task"), "the training data is too short to be"
            + " read as " + b + " streams of at least one chunk of " + s + " steps (" + b + " × " + (s + 1)
            + " symbols); lower experiment.batch_size or the task's chunk length");
      }
      if (stream.validationChunks(b) < 1) {
        throw new InvalidSetting(List.of("experiment.batch_size", "task"), "the validation data is too short to be"
            + " read as " + b + " streams of at least 2 symbols; lower experiment.batch_size or validate on more");
      }
    }
  }

  @Override
  public boolean resumable() {
    return true;
  }

  @Override
  public void checkResume(Checkpoint checkpoint, List<String> metricColumns) {
    long format = TrainCheckpoint.formatOf(checkpoint);
    if (format != TrainCheckpoint.FORMAT) {
      throw new IllegalArgumentException("the checkpoint has format " + format + ", this rnnlab reads format "
          + TrainCheckpoint.FORMAT + " (it was written by another version); run the config again instead");
    }
    if (!metricColumns.isEmpty() && !metricColumns.equals(COLUMNS) && !metricColumns.equals(MetricWindow.STREAM_COLUMNS)) {
      throw new IllegalArgumentException("metrics.csv has the columns " + String.join(",", metricColumns)
          + "; this rnnlab writes " + String.join(",", COLUMNS) + " (another version); run the config again instead");
    }
  }

  @Override
  public Outcome run(Components components, RunIO io) throws IOException {
    try (Workers workers = new Workers(components.threads())) {
      return train(components, io, workers);
    }
  }

  private Outcome train(Components components, RunIO io, Workers workers) throws IOException {
    Training t = new Training(components, settings, workers);
    boolean logPending = false; // resumed from a stop in the middle of logging this step
    if (io.resumeFrom().isPresent()) {
      TrainCheckpoint c = TrainCheckpoint.of(io.resumeFrom().get());
      t.restore(c);
      logPending = c.logPending();
      io.console().println("resumed at step " + t.step + " of " + settings.steps());
    }
    MetricLog metrics = io.openMetrics(t.window.columns(), settings.steps(), settings.maxMinutes() * 60);
    RunStatus status = RunStatus.COMPLETED;
    String message = "";
    while (logPending || t.step < settings.steps()) {
      if (!logPending) {
        if (io.stopRequested()) {
          status = RunStatus.INTERRUPTED;
          message = "stopped at step " + t.step + " of " + settings.steps() + "; ./run resume continues it";
          break;
        }
        boolean finite = t.trainStep();
        if (!finite && (settings.onNonfinite() == OnNonfinite.STOP || t.skippedInARow >= MAX_SKIPPED_IN_A_ROW)) {
          status = RunStatus.DIVERGED;
          message = t.divergence(settings.onNonfinite());
          metrics.append(t.window.row(t.step, t.sequences(), t.trainNanos, Double.NaN, Double.NaN));
          break;
        }
      }
      logPending = false;
      boolean outOfTime = settings.maxMinutes() > 0 && t.trainNanos >= settings.maxMinutes() * 60e9;
      boolean last = t.step == settings.steps() || outOfTime;
      if (outOfTime) {
        message = "the time limit of " + plain(settings.maxMinutes()) + " min reached at step " + t.step;
      }
      if (t.step % settings.logEvery() == 0 || last) {
        double[] test = {Double.NaN, Double.NaN};
        if (last || t.step / settings.evalEvery() > t.results.lastEvalBlock) {
          test = t.evaluate(io::stopRequested);
          if (test != null && t.bestSoFar) { // a stream's lowest validation loss: keep these parameters
            io.saveBestCheckpoint(t.bestCheckpoint());
          }
          if (test == null) { // stopped within the evaluation: resume evaluates and logs this step again
            status = RunStatus.INTERRUPTED;
            message = "stopped during the evaluation at step " + t.step + " of " + settings.steps()
                + " (its partial result is dropped); ./run resume evaluates again and continues";
            io.saveCheckpoint(t.checkpoint(true).toCheckpoint());
            break;
          }
          if (solved(test, t.task.baselineLoss())) {
            t.results.solved(t.step, t.trainNanos);
            message = String.format(Locale.ROOT, "%s at step %d after %.1f s of training", solvedBy(test), t.step,
                t.trainNanos / 1e9);
            last = true;
          }
        }
        MetricRow row = t.window.row(t.step, t.sequences(), t.trainNanos, test[0], test[1]);
        t.results.logged(row.values());
        metrics.append(row);
        t.window.reset(t.trainNanos);
        if (settings.checkpointEvery() > 0 && t.step % settings.checkpointEvery() == 0 && !last) {
          io.saveCheckpoint(t.checkpoint(false).toCheckpoint());
        }
        if (last) {
          break;
        }
      }
    }
    if (status == RunStatus.COMPLETED || status == RunStatus.INTERRUPTED && !message.startsWith("stopped during")) {
      // The end of training saves the network for ./run eval; a stop saves where to resume.
      io.saveCheckpoint(t.checkpoint(false).toCheckpoint());
    }
    Map<String, Object> summary = t.results.summary(t.step, t.sequences(), t.trainNanos);
    Task task = components.task();
    if (Double.isFinite(task.baselineLoss())) {
      summary.put("baseline_loss", task.baselineLoss());
      summary.put("baseline_loss_per_step", task.baselineLoss() / task.shape().steps());
    }
    io.console().println(t.results.describe(t.step, t.sequences(), t.trainNanos));
    return new Outcome(status, message, summary);
  }

  /** Whether a test result {loss, accuracy} meets the stopping rule: every bound that is set, and one is. */
  private boolean solved(double[] test, double baselineLoss) {
    double accuracy = settings.stopAtTestAccuracy(), ratio = settings.stopAtTestLossRatio();
    return (accuracy > 0 || ratio > 0)
        && (accuracy == 0 || test[1] >= accuracy)
        && (ratio == 0 || test[0] <= ratio * baselineLoss);
  }

  private String solvedBy(double[] test) {
    String by = "";
    if (settings.stopAtTestAccuracy() > 0) {
      by = String.format(Locale.ROOT, "test accuracy %.4f ≥ %.4g", test[1], settings.stopAtTestAccuracy());
    }
    if (settings.stopAtTestLossRatio() > 0) {
      by += (by.isEmpty() ? "" : ", ") + String.format(Locale.ROOT, "test loss %.4g ≤ %s × baseline", test[0],
          plain(settings.stopAtTestLossRatio()));
    }
    return by;
  }

  /** A setting as written: 60, 0.01, 0.00001. */
  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * The state of training: the network and its buffers, the optimizer, the data streams, the step
   * and the metrics so far. One step is {@link #trainStep}: sample a batch, forward and BPTT, clip,
   * update.
   */
  private static final class Training {
    final Settings settings;
    final Task task;
    final Network network;
    final Optimizer optimizer;
    final Clipper clipper;
    final Loss loss;
    final SequenceBatch batch;
    final BatchSlices unrolled;
    final TrainData data;
    SplitMix64 dropoutRandom; // the masks' stream
    final boolean classes; // accuracy is defined for class targets only
    final boolean stream;
    final MetricWindow window;
    final TrainResults results;
    long step;
    long trainNanos;
    long units; // sequences, or a stream's characters, trained on
    int skippedInARow;
    double lastFiniteNorm = Double.NaN;
    double lastLoss;
    double lastNorm;
    boolean bestSoFar; // the last evaluation gave the lowest held-out loss yet

    Training(Components components, Settings settings, Workers workers) {
      this.settings = settings;
      task = components.task();
      network = components.newNetwork();
      optimizer = components.newOptimizer();
      optimizer.plan(settings.steps());
      clipper = components.clipper();
      loss = components.loss();
      batch = new SequenceBatch(task.shape(), settings.batchSize());
      unrolled = new BatchSlices(network, settings.batchSize(), task.shape().steps(), workers);
      dropoutRandom = components.random("dropout");
      unrolled.dropout(dropoutRandom);
      data = TrainData.of(task, network, loss, components, settings, workers);
      classes = task.shape().classTargets();
      stream = task instanceof StreamTask;
      window = new MetricWindow(task.baselineLoss(), stream);
      results = new TrainResults(stream ? "val" : "test", window.columns());
    }

    /** One step; returns false when the loss or gradient was NaN or infinite (the update was dropped). */
    boolean trainStep() {
      step++;
      long start = System.nanoTime();
      Parameters gradients = network.gradients();
      data.next(step, batch, unrolled); // the batch, and where the network starts
      double batchLoss = unrolled.lossAndGradient(batch, loss); // forward, then BPTT into gradients
      long correct = classes ? unrolled.countCorrect(batch) : 0;
      long scored = classes || stream ? Network.countScored(batch) : 0;
      long read = stream ? scored : settings.batchSize();
      units += read;
      double normBefore = gradients.norm();
      clipper.clip(gradients);
      double normAfter = gradients.norm();
      boolean finite = Double.isFinite(batchLoss) && Double.isFinite(normBefore) && Double.isFinite(normAfter);
      if (finite) {
        optimizer.update(network.parameters(), gradients);
        skippedInARow = 0;
        lastFiniteNorm = normBefore;
      }
      trainNanos += System.nanoTime() - start;
      lastLoss = batchLoss;
      lastNorm = normBefore;
      if (finite) {
        window.add(data.rowLoss(batchLoss, scored, settings.batchSize()), correct, scored, normBefore, normAfter, read);
      } else {
        window.skip(read);
        results.skipped++;
        skippedInARow++;
      }
      return finite;
    }

    /** Scores the test set: {test loss, test accuracy}; null when {@code stop} said so before it finished. */
    double[] evaluate(java.util.function.BooleanSupplier stop) {
      double[] score = data.evaluate(stop);
      if (score == null) {
        return null;
      }
      results.lastEvalBlock = step / settings.evalEvery();
      bestSoFar = stream && results.isBestLoss(score[0]);
      results.tested(step, score[0], score[1]);
      return score;
    }

    /** Sequences (or a stream's characters) trained on so far. */
    long sequences() {
      return units;
    }

    /** The parameters of the lowest validation loss so far, for {@code best.bin}. */
    Checkpoint bestCheckpoint() {
      return new Checkpoint().putLong("step", step).putArray("parameters", network.parameters().values());
    }

    /** Why the run diverges at this step, and what to try. */
    String divergence(OnNonfinite onNonfinite) {
      String what = Double.isFinite(lastLoss) ? "the gradient norm" : "the loss";
      double value = Double.isFinite(lastLoss) ? lastNorm : lastLoss;
      return (skippedInARow >= MAX_SKIPPED_IN_A_ROW ? skippedInARow + " updates in a row were skipped; " : "")
          + what + " became " + value + " at step " + step
          + (Double.isNaN(lastFiniteNorm) ? "" : String.format(Locale.ROOT,
              " (the last finite gradient norm was %.3g)", lastFiniteNorm))
          + ": lower optimizer.learning_rate or clip the gradients (clipper: norm)"
          + (onNonfinite == OnNonfinite.STOP ? "; experiment.on_nonfinite: skip drops such updates instead" : "");
    }

    /** @param logPending true when the stop came while this step was being evaluated and logged */
    TrainCheckpoint checkpoint(boolean logPending) {
      return new TrainCheckpoint(step, logPending, trainNanos, units, network.parameters().values(), optimizer.state(),
          data.state(unrolled), dropoutRandom.state(), window.state(), results.state());
    }

    void restore(TrainCheckpoint c) {
      step = c.step();
      trainNanos = c.trainNanos();
      System.arraycopy(c.parameters(), 0, network.parameters().values(), 0, network.parameters().values().length);
      units = c.units();
      optimizer.restore(c.optimizer());
      data.restore(c.data());
      dropoutRandom = new SplitMix64(c.dropoutRandom());
      unrolled.dropout(dropoutRandom);
      window.restore(c.window());
      results.restore(c.results());
    }
  }
}
