package org.rnnlab.plugins.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.SinkContext;
import org.rnnlab.plugin.Setting;

/**
 * One progress line per row: step of planned steps, the chosen columns, sequences per second and
 * the estimated time left. On a terminal the line updates in place and rows with a test value are
 * kept as permanent lines; elsewhere every row is a plain line.
 */
public final class ConsoleSink implements MetricSink {

  /** Settings of {@code console}. */
  public record Settings(
      @Setting(value = "the columns to show, in order (absent ones are skipped)",
          defaultValue = "[loss, baseline_loss, accuracy, grad_norm, test_accuracy, val_loss, val_bits_per_char]")
      List<String> show) {}

  private final List<String> show;
  private SinkContext context;
  private final List<Integer> shown = new ArrayList<>();
  private int elapsedColumn = -1;
  private int speedColumn = -1;
  private int testColumn = -1;

  public ConsoleSink(Settings settings) {
    this.show = settings.show();
  }

  @Override
  public void open(SinkContext context) {
    this.context = context;
    List<String> columns = context.columns();
    for (String name : show) {
      int i = columns.indexOf(name);
      if (i > 0) {
        shown.add(i);
      }
    }
    elapsedColumn = columns.indexOf("train_seconds");
    speedColumn = columns.indexOf("sequences_per_second");
    testColumn = columns.indexOf("test_accuracy");
  }

  @Override
  public void accept(MetricRow row) {
    long step = row.step();
    StringBuilder line = new StringBuilder();
    int width = Long.toString(context.plannedSteps()).length();
    line.append(String.format(Locale.ROOT, "step %" + width + "d/%d", step, context.plannedSteps()));
    double[] v = row.values();
    for (int i : shown) {
      if (!Double.isNaN(v[i])) {
        line.append(" · ").append(row.columns().get(i)).append(' ').append(format(v[i]));
      }
    }
    if (speedColumn >= 0 && Double.isFinite(v[speedColumn])) {
      line.append(String.format(Locale.ROOT, " · %,.0f seq/s", v[speedColumn]));
    }
    if (elapsedColumn >= 0 && step > 0 && step < context.plannedSteps() && Double.isFinite(v[elapsedColumn])) {
      double left = v[elapsedColumn] / step * (context.plannedSteps() - step);
      if (context.plannedSeconds() > 0) { // a time limit may end it sooner
        left = Math.max(0, Math.min(left, context.plannedSeconds() - v[elapsedColumn]));
      }
      line.append(" · ETA ").append(duration(left));
    }
    if (testColumn >= 0 && !Double.isNaN(v[testColumn])) {
      context.console().println(line.toString());
    } else {
      context.console().progress(line.toString());
    }
  }

  @Override
  public void close(RunStatus status) {}

  static String format(double value) {
    double a = Math.abs(value);
    if (a != 0 && (a >= 1e5 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4f", value);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
