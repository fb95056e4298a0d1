package org.rnnlab.plugins.experiments;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rnnlab.config.Configured;
import org.rnnlab.config.Setting;
import org.rnnlab.nn.Network;
import org.rnnlab.nn.ParameterLayout;
import org.rnnlab.nn.Parameters;
import org.rnnlab.nn.SequenceBatch;
import org.rnnlab.plot.LinePlot;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.Clipper;
import org.rnnlab.spi.Experiment;
import org.rnnlab.spi.ExperimentContext;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.Outcome;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.Task;

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
  public Outcome run(ExperimentContext context) throws IOException {
    List<Condition> conditions = conditions(context);
    List<Integer> lengths = new ArrayList<>();
    for (int length = 1; length <= settings.maxLength(); length += settings.stride()) {
      lengths.add(length);
    }
    if (lengths.get(lengths.size() - 1) != settings.maxLength()) {
      lengths.add(settings.maxLength());
    }
    Clipper clipper = context.clipper();
    List<Measurements> all = new ArrayList<>();
    List<String> blockNames = new ArrayList<>();
    for (int ci = 0; ci < conditions.size(); ci++) {
      Condition condition = conditions.get(ci);
      Network network = pretrain(context, condition);
      Measurements m = new Measurements(condition.label(), lengths.size());
      for (ParameterLayout.Block block : network.parameters().layout().blocks()) {
        m.blockNames.add(block.name());
        if (!blockNames.contains(block.name())) {
          blockNames.add(block.name());
        }
      }
      Network.Unrolled unrolled = network.unroll(settings.batchSize(), settings.maxLength());
      RandomGenerator data = context.random("growth-data");
      Parameters g = network.gradients();
      for (int li = 0; li < lengths.size(); li++) {
        if (context.stopRequested()) {
          return new Outcome(RunStatus.INTERRUPTED, "stopped at " + condition.label() + ", length " + lengths.get(li),
              Map.of());
        }
        int length = lengths.get(li);
        Task task = condition.task().withLength(length);
        SequenceBatch batch = new SequenceBatch(task.shape(), settings.batchSize());
        task.sample(batch, data);
        unrolled.lossAndGradient(batch, context.loss());
        double sumAbs = 0;
        for (double v : g.values()) {
          sumAbs += Math.abs(v);
        }
        m.meanAbs[li] = sumAbs / g.values().length;
        m.norm[li] = g.norm();
        double[] blocks = new double[m.blockNames.size()];
        for (int b = 0; b < blocks.length; b++) {
          blocks[b] = g.blockNorm(g.layout().block(m.blockNames.get(b)));
        }
        m.blockNorms[li] = blocks;
        clipper.clip(g);
        m.clippedNorm[li] = g.norm();
        if (li % 50 == 0 || li == lengths.size() - 1) {
          context.console().progress(String.format(Locale.ROOT, "condition %d/%d %s · length %d/%d · norm %.3e → %.3e",
              ci + 1, conditions.size(), condition.label(), length, settings.maxLength(), m.norm[li], m.clippedNorm[li]));
        }
      }
      all.add(m);
    }
    writeCsv(context, lengths, all, blockNames);
    int skipped = drawCharts(context, lengths, all);
    Map<String, Object> results = summary(lengths, all);
    results.put("skipped_chart_points", skipped);
    context.console().println("wrote gradient-growth.csv, gradient-growth.png and gradient-growth-mean.png"
        + (skipped == 0 ? "" : " (" + skipped + " points that are zero, NaN or infinite left out of the log-log charts)"));
    return new Outcome(RunStatus.COMPLETED, "", results);
  }

  /** The product of the list settings, each defaulting to the configured value. */
  private List<Condition> conditions(ExperimentContext context) {
    List<String> cellLabels = settings.cells().isEmpty() ? List.of("") : Labels.of(settings.cells());
    List<String> taskLabels = settings.tasks().isEmpty() ? List.of("") : Labels.of(settings.tasks());
    List<Integer> hiddens = settings.hidden().isEmpty() ? List.of(context.hiddenSize()) : settings.hidden();
    List<Condition> conditions = new ArrayList<>();
    for (int c = 0; c < cellLabels.size(); c++) {
      for (int h : hiddens) {
        for (int t = 0; t < taskLabels.size(); t++) {
          Cell cell = settings.cells().isEmpty() ? context.newCell() : settings.cells().get(c).create();
          Task task = settings.tasks().isEmpty() ? context.task() : settings.tasks().get(t).create();
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
  private Network pretrain(ExperimentContext context, Condition condition) {
    Task shortTask = condition.task().withLength(settings.pretrainLength());
    Network network = context.newNetwork(condition.cell(), shortTask.shape(), condition.hidden());
    Optimizer optimizer = context.newOptimizer();
    optimizer.plan(settings.pretrainSteps());
    SequenceBatch batch = new SequenceBatch(shortTask.shape(), settings.batchSize());
    Network.Unrolled unrolled = network.unroll(settings.batchSize());
    RandomGenerator data = context.random("pretrain-data");
    for (int step = 0; step < settings.pretrainSteps(); step++) {
      shortTask.sample(batch, data);
      unrolled.lossAndGradient(batch, context.loss());
      optimizer.update(network.parameters(), network.gradients());
    }
    return network;
  }

  /** What one condition measured, per length. */
  private static final class Measurements {
    final String label;
    final double[] meanAbs, norm, clippedNorm;
    final double[][] blockNorms;
    final List<String> blockNames = new ArrayList<>();

    Measurements(String label, int lengths) {
      this.label = label;
      meanAbs = new double[lengths];
      norm = new double[lengths];
      clippedNorm = new double[lengths];
      blockNorms = new double[lengths][];
    }
  }

  private static void writeCsv(ExperimentContext context, List<Integer> lengths, List<Measurements> all,
      List<String> blockNames) throws IOException {
    List<String> header = new ArrayList<>(List.of("condition", "length", "mean_abs_gradient", "norm", "clipped_norm"));
    blockNames.forEach(b -> header.add("norm_" + b));
    try (Writer writer = Files.newBufferedWriter(context.runDirectory().resolve("gradient-growth.csv"));
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
      csv.printRecord(header);
      for (Measurements m : all) {
        for (int li = 0; li < lengths.size(); li++) {
          List<Object> row = new ArrayList<>(List.of(m.label, lengths.get(li), m.meanAbs[li], m.norm[li],
              m.clippedNorm[li]));
          for (String b : blockNames) {
            int i = m.blockNames.indexOf(b);
            row.add(i < 0 ? "" : m.blockNorms[li][i]);
          }
          csv.printRecord(row);
        }
      }
    }
  }

  /** Draws both charts; returns the number of points left out. */
  private static int drawCharts(ExperimentContext context, List<Integer> lengths, List<Measurements> all)
      throws IOException {
    double[] x = lengths.stream().mapToDouble(Integer::doubleValue).toArray();
    LinePlot norms = new LinePlot("gradient norm vs sequence length", "sequence length", "L2 norm of the gradient")
        .logX(true).logY(true);
    LinePlot means = new LinePlot("mean |gradient| vs sequence length", "sequence length", "mean |gradient|")
        .logX(true).logY(true);
    for (Measurements m : all) {
      String prefix = m.label.isEmpty() ? "" : m.label + " · ";
      norms.series(prefix + "no clipping", x, m.norm);
      norms.series(prefix + "clipped", x, m.clippedNorm);
      means.series(m.label.isEmpty() ? "no clipping" : m.label, x, m.meanAbs);
    }
    if (norms.hasPoints()) {
      norms.writePng(context.runDirectory().resolve("gradient-growth.png"));
    }
    if (means.hasPoints()) {
      means.writePng(context.runDirectory().resolve("gradient-growth-mean.png"));
    }
    return norms.skipped() + means.skipped();
  }

  private static Map<String, Object> summary(List<Integer> lengths, List<Measurements> all) {
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> conditions = new LinkedHashMap<>();
    int last = lengths.size() - 1;
    for (Measurements m : all) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("norm_at_length_1", m.norm[0]);
      c.put("norm_at_max_length", m.norm[last]);
      c.put("clipped_norm_at_max_length", m.clippedNorm[last]);
      c.put("max_clipped_norm", java.util.Arrays.stream(m.clippedNorm).max().orElse(Double.NaN));
      c.put("mean_abs_gradient_at_length_1", m.meanAbs[0]);
      c.put("mean_abs_gradient_at_max_length", m.meanAbs[last]);
      conditions.put(m.label.isEmpty() ? "configured" : m.label, c);
    }
    results.put("lengths_measured", lengths.size());
    results.put("conditions", conditions);
    return results;
  }
}
