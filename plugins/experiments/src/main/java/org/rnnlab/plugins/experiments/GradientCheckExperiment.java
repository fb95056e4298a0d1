package org.rnnlab.plugins.experiments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.experiment.Components;
import org.rnnlab.experiment.Console;
import org.rnnlab.experiment.Experiment;
import org.rnnlab.experiment.Outcome;
import org.rnnlab.experiment.RunIO;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.TableLog;
import org.rnnlab.math.SplitMix64;
import org.rnnlab.math.Precision;
import org.rnnlab.nn.GradientCheck;
import org.rnnlab.nn.Network;
import org.rnnlab.plugin.Configured;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Cell;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.Task;

/**
 * Checks BPTT against finite differences: builds the configured network (or one per cell in
 * {@code cells}) on a short random batch of the task, computes the gradient without updating, and
 * compares randomly chosen entries of every parameter matrix with the central difference
 * (L(θ + δ) − L(θ − δ)) / 2δ. An entry passes when its relative error |a − n| / max(|a|, |n|) or
 * its absolute error |a − n| is within its bound (the original design used 5e-3 and 1e-7; the
 * defaults here are stricter). Writes {@code gradcheck.csv} (one row per entry) and prints a
 * table per parameter; the run fails (status failed, exit code 1) when any entry does not pass.
 */
public final class GradientCheckExperiment implements Experiment {

  /** Settings of {@code gradcheck}. */
  public record Settings(
      @Setting(value = "sequences in the batch the gradient is checked on", defaultValue = "2", min = 1, max = 10_000)
      int batchSize,
      @Setting(value = "entries checked per parameter matrix, chosen at random (all when the matrix is smaller)",
          defaultValue = "20", min = 1)
      int entries,
      @Setting(value = "δ of the central difference", defaultValue = "1.0e-5", min = 0, exclusiveMin = true, max = 1)
      double delta,
      @Setting(value = "an entry passes when |a − n| / max(|a|, |n|) is at most this …", defaultValue = "1.0e-5",
          min = 0)
      double maxRelativeError,
      @Setting(value = "… or when |a − n| is at most this", defaultValue = "1.0e-8", min = 0)
      double maxAbsoluteError,
      @Setting(value = "cells to check, each in its own one-layer network (empty: the configured network, stacked"
          + " layers and all)", defaultValue = "[]")
      List<Configured<Cell>> cells,
      @Setting(value = "the state the network starts from: zeros (independent sequences) or random values in"
          + " (−0.9, 0.9) (as a chunk of a stream starts, truncated BPTT)", defaultValue = "zeros")
      StartState startState) {}

  /** Where the checked forward pass starts. */
  public enum StartState {
    /** Every layer's state zero. */
    ZEROS,
    /** Every layer's state uniform in (−0.9, 0.9), drawn from the "gradcheck-state" stream. */
    RANDOM
  }

  /** The table of checked entries, a row each. */
  static final String CSV = "gradcheck.csv";

  static final List<String> CSV_COLUMNS = List.of(
      "cell", "parameter", "row", "col", "analytic", "numeric", "absolute_error", "relative_error", "passed");

  private final Settings settings;

  public GradientCheckExperiment(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Outcome run(Components components, RunIO io) throws IOException {
    Task task = components.task();
    List<Cell> cells = new ArrayList<>(); // empty: the configured network
    List<String> names = new ArrayList<>();
    if (settings.cells().isEmpty()) {
      names.add("network");
    } else {
      settings.cells().forEach(c -> cells.add(c.create()));
      names.addAll(Labels.of(settings.cells()));
    }
    Console console = io.console();
    console.println(String.format(Locale.ROOT, "gradient check: %d entries per matrix, δ = %.1e, pass when relative"
        + " error ≤ %.1e or absolute error ≤ %.1e", settings.entries(), settings.delta(), settings.maxRelativeError(),
        settings.maxAbsoluteError()));
    console.println(String.format(Locale.ROOT, "%-24s %-10s %-9s %7s %12s %12s  %s", "cell", "parameter", "shape",
        "checked", "max abs err", "max rel err", "result"));
    long checked = 0, failed = 0;
    GradientCheck.Entry worst = null;
    String worstCell = null;
    Map<String, Object> perCell = new LinkedHashMap<>();
    TableLog csv = io.openTable(CSV, CSV_COLUMNS);
    String stopped = null;
    for (int c = 0; c < names.size() && stopped == null; c++) {
      Network network = cells.isEmpty() ? components.newNetwork()
          : components.newNetwork(cells.get(c), task.shape(), components.hiddenSize());
      SequenceBatch batch = new SequenceBatch(task.shape(), settings.batchSize());
      task.sample(batch, components.random("gradcheck-data"));
      if (network.precision() != Precision.FLOAT64) {
        console.println("network.precision is " + network.precision().name().toLowerCase(Locale.ROOT)
            + " for training; the check runs in float64");
      }
      Network.Unrolled unrolled = network.unroll(settings.batchSize(), task.shape().steps(), Precision.FLOAT64);
      if (settings.startState() == StartState.RANDOM) {
        SplitMix64 random = components.random("gradcheck-state");
        double[] state = new double[unrolled.stateSize()];
        for (int i = 0; i < state.length; i++) {
          state[i] = 0.9 * (2 * random.nextDouble() - 1);
        }
        unrolled.startFrom(state);
      }
      List<GradientCheck.Entry> entries = new ArrayList<>();
      String cell = names.get(c);
      IOException[] writeError = new IOException[1];
      GradientCheck.check(network, unrolled, batch, components.loss(), settings.delta(),
          settings.entries(), components.random("gradcheck-entries"), e -> {
            entries.add(e);
            try { // on disk as soon as it is measured
              csv.append(List.of(cell, e.parameter(), e.row(), e.col(), e.analytic(), e.numeric(), e.absoluteError(),
                  e.relativeError(), passes(e)));
            } catch (IOException ex) {
              writeError[0] = ex;
              return false;
            }
            return !io.stopRequested();
          });
      if (writeError[0] != null) {
        throw writeError[0];
      }
      if (io.stopRequested()) {
        stopped = "stopped while checking " + cell + " after " + (checked + entries.size())
            + " entries; the entries checked are in " + CSV;
      }
      Map<String, Object> perParameter = new LinkedHashMap<>();
      for (var block : network.parameters().layout().blocks()) {
        List<GradientCheck.Entry> of = entries.stream().filter(e -> e.parameter().equals(block.name())).toList();
        if (of.isEmpty()) {
          continue;
        }
        double maxAbs = of.stream().mapToDouble(GradientCheck.Entry::absoluteError).max().orElse(0);
        double maxRel = of.stream().mapToDouble(GradientCheck.Entry::relativeError).max().orElse(0);
        long bad = of.stream().filter(e -> !passes(e)).count();
        console.println(String.format(Locale.ROOT, "%-24s %-10s %-9s %7d %12.3e %12.3e  %s", names.get(c),
            block.name(), block.spec().rows() + "×" + block.spec().cols(), of.size(), maxAbs, maxRel,
            bad == 0 ? "ok" : bad + " FAILED"));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("checked", of.size());
        stats.put("failed", bad);
        stats.put("max_absolute_error", maxAbs);
        stats.put("max_relative_error", maxRel);
        perParameter.put(block.name(), stats);
      }
      perCell.put(names.get(c), perParameter);
      for (GradientCheck.Entry e : entries) {
        boolean ok = passes(e);
        checked++;
        if (!ok) {
          failed++;
        }
        if (worst == null || excess(e) > excess(worst)) {
          worst = e;
          worstCell = names.get(c);
        }
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("passed", failed == 0);
    results.put("entries_checked", checked);
    results.put("entries_failed", failed);
    if (worst != null) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("cell", worstCell);
      w.put("parameter", worst.parameter() + "[" + worst.row() + "," + worst.col() + "]");
      w.put("analytic", worst.analytic());
      w.put("numeric", worst.numeric());
      w.put("absolute_error", worst.absoluteError());
      w.put("relative_error", worst.relativeError());
      results.put("worst", w);
    }
    results.put("cells", perCell);
    if (stopped != null) {
      return new Outcome(RunStatus.INTERRUPTED, stopped, results);
    }
    if (failed == 0) {
      console.println("gradient check passed: " + checked + " entries");
      return new Outcome(RunStatus.COMPLETED, "", results);
    }
    String message = String.format(Locale.ROOT, "gradient check failed: %d of %d entries out of bounds (worst: %s %s[%d,%d],"
        + " analytic %.6e vs numeric %.6e)", failed, checked, worstCell, worst.parameter(), worst.row(), worst.col(),
        worst.analytic(), worst.numeric());
    return new Outcome(RunStatus.FAILED, message, results);
  }

  private boolean passes(GradientCheck.Entry e) {
    return e.relativeError() <= settings.maxRelativeError() || e.absoluteError() <= settings.maxAbsoluteError();
  }

  /** How far an entry is from passing (≤ 1 passes), for picking the worst. */
  private double excess(GradientCheck.Entry e) {
    double rel = settings.maxRelativeError() == 0 ? Double.POSITIVE_INFINITY : e.relativeError() / settings.maxRelativeError();
    double abs = settings.maxAbsoluteError() == 0 ? Double.POSITIVE_INFINITY : e.absoluteError() / settings.maxAbsoluteError();
    return Math.min(rel, abs);
  }
}
