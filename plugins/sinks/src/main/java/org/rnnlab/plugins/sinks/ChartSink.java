package org.rnnlab.plugins.sinks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.experiment.MetricRow;
import org.rnnlab.experiment.MetricSink;
import org.rnnlab.experiment.RunStatus;
import org.rnnlab.experiment.SinkContext;
import org.rnnlab.plugin.Setting;

/**
 * Draws PNG charts of metrics against the step: one chart per name in {@code charts}, holding
 * every column whose name ends with it ({@code loss} draws {@code loss}, {@code test_loss} and,
 * dashed in the same hue as the loss, {@code baseline_loss}; {@code grad_norm} draws {@code
 * grad_norm} solid and {@code clipped_grad_norm} dashed, one hue). A chart whose name the task
 * gives a reference level for (chance accuracy, the no-memory loss) shows it as a grey line. The y
 * axis is logarithmic for the charts in {@code log_y}, and for the others when {@code auto_log}
 * and their values span two decades or more. Drawn when the run ends and every {@code
 * redraw_seconds} while it runs; points that are NaN or infinite are left out.
 */
public final class ChartSink implements MetricSink {

  /** Settings of {@code chart}. */
  public record Settings(
      @Setting(value = "one chart per name: <name>.png with every column ending in the name",
          defaultValue = "[loss, accuracy, grad_norm, bits_per_char]")
      List<String> charts,
      @Setting(value = "charts whose y axis is always logarithmic", defaultValue = "[grad_norm]")
      List<String> logY,
      @Setting(value = "make the y axis of the other charts logarithmic when their values span two decades or more",
          defaultValue = "true")
      boolean autoLog,
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
      context.charts().write(chart + ".png", chart(chart));
    }
  }

  /** The chart of every column ending in {@code name}. */
  LineChart chart(String name) {
    String words = name.replace('_', ' ');
    LineChart.Scale y = settings.logY().contains(name) ? LineChart.Scale.LOG
        : settings.autoLog() ? LineChart.Scale.AUTO : LineChart.Scale.LINEAR;
    LineChart chart = new LineChart(words + " vs step", "step", words).yScale(y)
        .size(settings.width(), settings.height());
    List<String> columns = context.columns();
    double[] steps = rows.stream().mapToDouble(r -> r[0]).toArray();
    int hue = 0;
    for (int c = 1; c < columns.size(); c++) {
      String column = columns.get(c);
      if (!column.endsWith(name)) {
        continue;
      }
      final int at = c;
      double[] values = rows.stream().mapToDouble(r -> r[at]).toArray();
      // A column that derives from another (clipped_grad_norm, baseline_loss) shares its hue, dashed.
      boolean derived = !column.equals(name) && !column.startsWith("test_");
      chart.series(column, steps, values, derived ? 0 : hue++, derived ? LineChart.Style.DASHED : LineChart.Style.SOLID);
    }
    Double reference = context.references().get(name);
    if (reference != null && !(name.equals("loss") && columns.contains("baseline_loss"))) {
      chart.reference(name.equals("accuracy") ? "chance" : "baseline", reference);
    }
    return chart;
  }
}
