package org.rnnlab.plugins.sinks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Setting;
import org.rnnlab.plot.LinePlot;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * Draws headless PNG charts of metrics against the step: one chart per name in {@code charts},
 * holding every column whose name ends with it ({@code loss} draws {@code loss}, {@code test_loss}
 * and {@code baseline_loss}; {@code grad_norm} draws {@code grad_norm} and {@code
 * clipped_grad_norm}). Drawn when the run ends and every {@code redraw_seconds} while it runs.
 * Points that are NaN or infinite, or ≤ 0 on a logarithmic axis, are left out.
 */
public final class ChartSink implements MetricSink {

  /** Settings of {@code chart}. */
  public record Settings(
      @Setting(value = "one chart per name: <name>.png with every column ending in the name",
          defaultValue = "[loss, accuracy, grad_norm]")
      List<String> charts,
      @Setting(value = "charts whose y axis is logarithmic", defaultValue = "[grad_norm]")
      List<String> logY,
      @Setting(value = "image width in pixels", defaultValue = "800", min = 100, max = 10_000)
      int width,
      @Setting(value = "image height in pixels", defaultValue = "500", min = 100, max = 10_000)
      int height,
      @Setting(value = "redraw while running every this many seconds (0 = only at the end)", defaultValue = "60",
          min = 0)
      double redrawSeconds) {
    public Settings {
      for (String chart : charts) {
        if (!chart.matches("[A-Za-z0-9_]+")) {
          throw new IllegalArgumentException("chart names are column names (letters, digits, _), got '" + chart + "'");
        }
      }
    }
  }

  private final Settings settings;
  private SinkContext context;
  private final List<double[]> rows = new ArrayList<>();
  private long lastDrawNanos;

  public ChartSink(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open(SinkContext context) {
    this.context = context;
    context.earlierRows().forEach(row -> rows.add(row.values().clone()));
    this.lastDrawNanos = System.nanoTime();
  }

  @Override
  public void accept(MetricRow row) throws IOException {
    rows.add(row.values().clone());
    if (settings.redrawSeconds() > 0 && System.nanoTime() - lastDrawNanos > settings.redrawSeconds() * 1e9) {
      drawAll();
    }
  }

  @Override
  public void close(RunStatus status) throws IOException {
    if (context != null) {
      drawAll();
    }
  }

  private void drawAll() throws IOException {
    lastDrawNanos = System.nanoTime();
    for (String chart : settings.charts()) {
      LinePlot plot = chart(chart);
      if (plot.hasPoints()) {
        plot.writePng(context.runDirectory().resolve(chart + ".png"));
      }
    }
  }

  /** The chart of every column ending in {@code name}. */
  LinePlot chart(String name) {
    String words = name.replace('_', ' ');
    LinePlot plot = new LinePlot(words + " vs step", "step", words).logY(settings.logY().contains(name))
        .size(settings.width(), settings.height());
    List<String> columns = context.columns();
    double[] steps = rows.stream().mapToDouble(r -> r[0]).toArray();
    for (int c = 1; c < columns.size(); c++) {
      if (columns.get(c).endsWith(name)) {
        final int column = c;
        plot.series(columns.get(c), steps, rows.stream().mapToDouble(r -> r[column]).toArray());
      }
    }
    return plot;
  }
}
