package org.rnnlab.plugins.sinks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Setting;
import org.rnnlab.spi.MetricRow;
import org.rnnlab.spi.MetricSink;
import org.rnnlab.spi.RunStatus;
import org.rnnlab.spi.SinkContext;

/**
 * Draws headless XChart PNGs of metrics against the step: one chart per name in {@code charts},
 * holding every column whose name ends with it ({@code loss} draws {@code loss} and {@code
 * test_loss}; {@code grad_norm} draws {@code grad_norm} and {@code clipped_grad_norm}). Drawn when
 * the run ends and every {@code redraw_seconds} while it runs. Points that are NaN or infinite,
 * or ≤ 0 on a logarithmic axis, are left out.
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
    System.setProperty("java.awt.headless", "true");
    this.context = context;
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
      XYChart xy = chart(chart);
      if (xy != null) {
        write(xy, context.runDirectory().resolve(chart + ".png"));
      }
    }
  }

  /** The chart of every column ending in {@code name}, or null when none has a drawable point. */
  XYChart chart(String name) {
    boolean logY = settings.logY().contains(name);
    XYChart chart = new XYChartBuilder().width(settings.width()).height(settings.height())
        .title(name.replace('_', ' ') + " vs step").xAxisTitle("step").yAxisTitle(name.replace('_', ' ')).build();
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(4);
    List<String> columns = context.columns();
    int series = 0;
    for (int c = 1; c < columns.size(); c++) {
      if (!columns.get(c).endsWith(name)) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double[] row : rows) {
        double value = row[c];
        if (Double.isFinite(value) && (!logY || value > 0)) {
          x.add(row[0]);
          y.add(value);
        }
      }
      if (!x.isEmpty()) {
        XYSeries s = chart.addSeries(columns.get(c), x, y);
        s.setMarker(x.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        series++;
      }
    }
    return series == 0 ? null : chart;
  }

  /** Writes the PNG to a temporary file first, so a chart on disk is always complete. */
  private static void write(XYChart chart, Path target) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
