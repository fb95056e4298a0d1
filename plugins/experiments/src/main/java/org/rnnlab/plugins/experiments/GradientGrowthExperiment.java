package org.rnnlab.plugins.experiments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rnnlab.experiment.Components;
import org.rnnlab.experiment.Estimate;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.Outcome;
import org.rnnlab.experiment.RunIO;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.TableLog;
import org.rnnlab.nn.MemoryEstimate;
import org.rnnlab.nn.Network;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;
import org.rnnlab.spi.TaskShape;

/**
 * How the gradient grows with the sequence length, and how clipping tames it (the exploding
 * gradient study of the original design; Bengio, Simard &amp; Frasconi 1994; Pascanu, Mikolov &amp;
 * Bengio 2013). For each condition (a cell × hidden size × task from the list settings; by default
 * the configured one): pre-train a fresh network for a few steps on short sequences without
 * clipping, then for every length 1 … {@code max_length} run BPTT on a fresh batch without updating
 * and record the mean |gradient| over all parameters, the global L2 norm before and after the
 * configured clipper, and each matrix's norm. Writes {@code gradient-growth.csv} and the log-log
 * charts {@code gradient-growth.png} (norm before and after clipping) and {@code
 * gradient-growth-mean.png} (mean |gradient|).
 */
public final class GradientGrowthExperiment implements Experiment {

  /** Settings of {@code gradient-growth}. */
  public record Settings(
      @Setting(value = "the longest sequence measured", defaultValue = "1000", min = 1, max = 1_000_000)
      int maxLength,
      @Setting(value = "measure every this many lengths (1, 1 + stride, …, and max_length)", defaultValue = "1",
          min = 1)
      int stride,
      @Setting(value = "sequences per measurement", defaultValue = "1", min = 1, max = 10_000)
      int batchSize,
      @Setting(value = "training steps before measuring, without clipping", defaultValue = "10", min = 0)
      int pretrainSteps,
      @Setting(value = "sequence length of the pre-training steps", defaultValue = "3", min = 1)
      int pretrainLength,
      @Setting(value = "cells, one condition each (empty: network.cell)", defaultValue = "[]")
      List<Configured<Cell>> cells,
      @Setting(value = "hidden sizes, one condition each (empty: network.hidden)", defaultValue = "[]")
      List<Integer> hidden,
      @Setting(value = "tasks, one condition each, e.g. several vocabularies (empty: task)", defaultValue = "[]")
      List<Configured<Task>> tasks) {
    public Settings {
      for (int h : hidden) {
        if (h < 1 || h > 4096) {
          throw new IllegalArgumentException("hidden sizes must be in 1..4096, got " + h);
        }
      }
    }
  }

  /** The table of measurements, a row per condition and length. */
  static final String CSV = "gradient-growth.csv";

  private final Settings settings;

  public GradientGrowthExperiment(Settings settings) {
    this.settings = settings;
  }

  /** One line of the study: a cell, a hidden size, a task. */
  private record Condition(String label, Cell cell, int hidden, Task task) {}

  /** Every task measured must take the pre-training length and the longest length. */
  @Override
  public void check(Task configured) {
    List<Task> tasks = settings.tasks().isEmpty() ? List.of(configured)
        : settings.tasks().stream().map(Configured::create).toList();
    for (Task task : tasks) {
      task.withLength(settings.pretrainLength());
      task.withLength(settings.maxLength());
    }
  }

  @Override
  public Estimate estimate(Components components) {
    List<Condition> conditions = conditions(components);
    long peak = 0, lengths = 0;
    for (int length = 1; length <= settings.maxLength(); length += settings.stride()) {
      lengths += length;
    }
    for (Condition c : conditions) { // one condition at a time
      TaskShape longest = c.task().withLength(settings.maxLength()).shape();
      long bptt = MemoryEstimate.unrolled(c.cell(), longest, c.hidden(), settings.batchSize(), settings.maxLength());
      if (bptt < 0) {
        return null;
      }
      peak = Math.max(peak, 3 * MemoryEstimate.parameters(c.cell(), longest, c.hidden()) + bptt
          + MemoryEstimate.batch(longest, settings.batchSize()));
    }
    return new Estimate(peak, "BPTT buffers for " + settings.batchSize() + " × " + settings.maxLength() + " steps and"
        + " the network " + Estimate.size(peak), String.format(Locale.ROOT, "%d condition(s) × %,d time steps of"
        + " BPTT (lengths 1 … %,d)", conditions.size(), lengths, settings.maxLength()));
  }

  @Override
  public Outcome run(Components components, RunIO io) throws IOException {
    List<Condition> conditions = conditions(components);
    List<Integer> lengths = new ArrayList<>();
    for (int length = 1; length <= settings.maxLength(); length += settings.stride()) {
      lengths.add(length);
    }
    if (lengths.get(lengths.size() - 1) != settings.maxLength()) {
      lengths.add(settings.maxLength());
    }
    List<String> blockNames = new ArrayList<>(); // the union over the conditions, for the table's header
    for (Condition condition : conditions) {
      for (ParameterLayout.Block block : Network.layout(condition.cell(), condition.task().shape(),
          condition.hidden()).blocks()) {
        if (!blockNames.contains(block.name())) {
          blockNames.add(block.name());
        }
      }
    }
    List<String> header = new ArrayList<>(List.of("condition", "length", "mean_abs_gradient", "norm", "clipped_norm"));
    blockNames.forEach(b -> header.add("norm_" + b));
    TableLog table = io.openTable(CSV, header);
    Clipper clipper = components.clipper();
    List<Measurements> all = new ArrayList<>();
    String stoppedAt = null;
    // The work is Σ lengths per condition (BPTT costs about as much per time step at every length).
    double total = (double) conditions.size() * lengths.stream().mapToLong(Integer::longValue).sum(), done = 0;
    long started = System.nanoTime(), lastProgress = started;
    for (int ci = 0; ci < conditions.size() && stoppedAt == null; ci++) {
      Condition condition = conditions.get(ci);
      Network network = pretrain(components, condition);
      Measurements m = new Measurements(condition.label(), lengths.size());
      all.add(m);
      Network.Unrolled unrolled = network.unroll(settings.batchSize(), settings.maxLength());
      RandomGenerator data = components.random("growth-data");
      Parameters g = network.gradients();
      for (int li = 0; li < lengths.size(); li++) {
        if (io.stopRequested()) {
          stoppedAt = "stopped at " + (condition.label().isEmpty() ? "" : condition.label() + ", ") + "length "
              + lengths.get(li) + " of " + settings.maxLength() + "; the lengths measured are kept";
          break;
        }
        int length = lengths.get(li);
        Task task = condition.task().withLength(length);
        SequenceBatch batch = new SequenceBatch(task.shape(), settings.batchSize());
        task.sample(batch, data);
        unrolled.lossAndGradient(batch, components.loss());
        double sumAbs = 0;
        for (double v : g.values()) {
          sumAbs += Math.abs(v);
        }
        double meanAbs = sumAbs / g.values().length;
        double norm = g.norm();
        List<Object> row = new ArrayList<>(List.of(condition.label(), length, meanAbs, norm));
        List<Object> blocks = new ArrayList<>();
        for (String b : blockNames) {
          blocks.add(g.layout().has(b) ? (Object) g.blockNorm(g.layout().block(b)) : "");
        }
        clipper.clip(g);
        double clipped = g.norm();
        row.add(clipped);
        row.addAll(blocks);
        table.append(row); // on disk before the next length is measured
        m.add(meanAbs, norm, clipped);
        done += length;
        if (li % 50 == 0 || li == lengths.size() - 1 || System.nanoTime() - lastProgress > 2e9) {
          lastProgress = System.nanoTime();
          // The first lengths cost little and the JIT is still warming: an ETA from them is wildly off
          // (billions of hours for a growth to 10^6), so one is shown after 2 s of measuring.
          double elapsed = (lastProgress - started) / 1e9, eta = elapsed * (total - done) / done;
          io.console().progress(String.format(Locale.ROOT, "condition %d/%d %s · length %d/%d · norm %.3e → %.3e"
              + "%s", ci + 1, conditions.size(), condition.label(), length, settings.maxLength(), norm,
              clipped, elapsed < 2 ? "" : " · ETA " + duration(eta)));
        }
      }
    }
    int skipped = drawCharts(io, lengths, all);
    Map<String, Object> results = summary(lengths, all);
    results.put("skipped_chart_points", skipped);
    io.console().println("wrote " + CSV + ", gradient-growth.png and gradient-growth-mean.png"
        + (skipped == 0 ? "" : " (" + skipped + " points that are zero, NaN or infinite left out of the log-log charts)"));
    return stoppedAt == null ? new Outcome(RunStatus.COMPLETED, "", results)
        : new Outcome(RunStatus.INTERRUPTED, stoppedAt, results);
  }

  /** The product of the list settings, each defaulting to the configured value. */
  private List<Condition> conditions(Components components) {
    List<String> cellLabels = settings.cells().isEmpty() ? List.of("") : Labels.of(settings.cells());
    List<String> taskLabels = settings.tasks().isEmpty() ? List.of("") : Labels.of(settings.tasks());
    List<Integer> hiddens = settings.hidden().isEmpty() ? List.of(components.hiddenSize()) : settings.hidden();
    List<Condition> conditions = new ArrayList<>();
    for (int c = 0; c < cellLabels.size(); c++) {
      for (int h : hiddens) {
        for (int t = 0; t < taskLabels.size(); t++) {
          Cell cell = settings.cells().isEmpty() ? components.newCell() : settings.cells().get(c).create();
          Task task = settings.tasks().isEmpty() ? components.task() : settings.tasks().get(t).create();
          List<String> parts = new ArrayList<>();
          if (cellLabels.size() > 1) {
            parts.add(cellLabels.get(c));
          }
          if (hiddens.size() > 1) {
            parts.add("H=" + h);
          }
          if (taskLabels.size() > 1) {
            parts.add(taskLabels.get(t));
          }
          conditions.add(new Condition(String.join(" ", parts), cell, h, task));
        }
      }
    }
    return conditions;
  }

  /** A fresh network trained for pretrain_steps on short sequences, without clipping. */
  private Network pretrain(Components components, Condition condition) {
    Task shortTask = condition.task().withLength(settings.pretrainLength());
    Network network = components.newNetwork(condition.cell(), shortTask.shape(), condition.hidden());
    Optimizer optimizer = components.newOptimizer();
    optimizer.plan(settings.pretrainSteps());
    SequenceBatch batch = new SequenceBatch(shortTask.shape(), settings.batchSize());
    Network.Unrolled unrolled = network.unroll(settings.batchSize());
    RandomGenerator data = components.random("pretrain-data");
    for (int step = 0; step < settings.pretrainSteps(); step++) {
      shortTask.sample(batch, data);
      unrolled.lossAndGradient(batch, components.loss());
      optimizer.update(network.parameters(), network.gradients());
    }
    return network;
  }

  /** What one condition measured, per length, as far as it got. */
  private static final class Measurements {
    final String label;
    final double[] meanAbs, norm, clippedNorm;
    int count;

    Measurements(String label, int lengths) {
      this.label = label;
      meanAbs = new double[lengths];
      norm = new double[lengths];
      clippedNorm = new double[lengths];
    }

    void add(double meanAbsValue, double normValue, double clippedValue) {
      meanAbs[count] = meanAbsValue;
      norm[count] = normValue;
      clippedNorm[count] = clippedValue;
      count++;
    }
  }

  /** Draws both charts of what was measured; returns the number of points left out. */
  private static int drawCharts(RunIO io, List<Integer> lengths, List<Measurements> all) throws IOException {
    LineChart norms = new LineChart("gradient norm vs sequence length", "sequence length", "L2 norm of the gradient")
        .xScale(LineChart.Scale.LOG).yScale(LineChart.Scale.LOG);
    LineChart means = new LineChart("mean |gradient| vs sequence length", "sequence length", "mean |gradient|")
        .xScale(LineChart.Scale.LOG).yScale(LineChart.Scale.LOG);
    int skipped = 0;
    for (int c = 0; c < all.size(); c++) {
      Measurements m = all.get(c);
      if (m.count == 0) {
        continue;
      }
      double[] x = lengths.subList(0, m.count).stream().mapToDouble(Integer::doubleValue).toArray();
      double[] norm = Arrays.copyOf(m.norm, m.count), clipped = Arrays.copyOf(m.clippedNorm, m.count);
      double[] meanAbs = Arrays.copyOf(m.meanAbs, m.count);
      String prefix = m.label.isEmpty() ? "" : m.label + " · ";
      norms.series(prefix + "no clipping", x, norm, c, LineChart.Style.SOLID);
      norms.series(prefix + "clipped", x, clipped, c, LineChart.Style.DASHED);
      means.series(m.label.isEmpty() ? "no clipping" : m.label, x, meanAbs, c, LineChart.Style.SOLID);
      skipped += undrawable(x, norm) + undrawable(x, clipped) + undrawable(x, meanAbs);
    }
    io.charts().write("gradient-growth.png", norms);
    io.charts().write("gradient-growth-mean.png", means);
    return skipped;
  }

  /** "1:05", "1:01:01". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Points a log-log chart cannot show: a value that is not positive and finite. */
  private static int undrawable(double[] x, double[] y) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!(y[i] > 0 && Double.isFinite(y[i]))) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, Object> summary(List<Integer> lengths, List<Measurements> all) {
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> conditions = new LinkedHashMap<>();
    for (Measurements m : all) {
      if (m.count == 0) {
        continue;
      }
      int last = m.count - 1;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("norm_at_length_1", m.norm[0]);
      c.put("longest_length_measured", lengths.get(last));
      c.put("norm_at_longest_length", m.norm[last]);
      c.put("clipped_norm_at_longest_length", m.clippedNorm[last]);
      c.put("max_clipped_norm", Arrays.stream(m.clippedNorm, 0, m.count).max().orElse(Double.NaN));
      c.put("mean_abs_gradient_at_length_1", m.meanAbs[0]);
      c.put("mean_abs_gradient_at_longest_length", m.meanAbs[last]);
      conditions.put(m.label.isEmpty() ? "configured" : m.label, c);
    }
    results.put("lengths_measured", all.stream().mapToInt(m -> m.count).sum());
    results.put("conditions", conditions);
    return results;
  }
}
