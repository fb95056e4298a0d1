package org.rnnlab.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.io.AtomicFiles;

/**
 * A line chart written as a PNG with XChart, headless. Points a chart cannot show (NaN, infinite,
 * or ≤ 0 on a logarithmic axis, where XChart would throw) are left out and counted, so a caller
 * can say how many were skipped. The file is written to a temporary name and renamed, so a chart
 * on disk is always complete.
 */
public final class LinePlot {
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private int width = 800;
  private int height = 500;
  private final List<String> names = new ArrayList<>();
  private final List<List<double[]>> points = new ArrayList<>(); // x, y[, error]
  private int skipped;

  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public LinePlot logX(boolean value) {
    logX = value;
    return this;
  }

  public LinePlot logY(boolean value) {
    logY = value;
    return this;
  }

  public LinePlot size(int width, int height) {
    this.width = width;
    this.height = height;
    return this;
  }

  /** Adds a series; x and y have the same length. Undrawable points are skipped and counted. */
  public LinePlot series(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
    }
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], logX) && drawable(y[i], logY)) {
        kept.add(new double[] {x[i], y[i]});
      } else {
        skipped++;
      }
    }
    names.add(name);
    points.add(kept);
    return this;
  }

  /**
   * Adds a series with an error bar at each point (e.g. ± one standard deviation over seeds).
   * Points whose error is NaN are drawn without a bar.
   */
  public LinePlot series(String name, double[] x, double[] y, double[] errors) {
    if (errors.length != x.length || x.length != y.length) {
      throw new IllegalArgumentException("x, y and errors differ in length");
    }
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], logX) && drawable(y[i], logY)) {
        kept.add(new double[] {x[i], y[i], Double.isFinite(errors[i]) ? errors[i] : 0});
      } else {
        skipped++;
      }
    }
    names.add(name);
    points.add(kept);
    return this;
  }

  /** The names of the series, in the order added. */
  public List<String> seriesNames() {
    return List.copyOf(names);
  }

  /** The number of points left out so far. */
  public int skipped() {
    return skipped;
  }

  /** True when at least one series has a point to draw. */
  public boolean hasPoints() {
    return points.stream().anyMatch(p -> !p.isEmpty());
  }

  /**
   * Writes the PNG (series without points are left out of the legend).
   *
   * @throws IllegalStateException when no series has a point
   */
  public void writePng(Path target) throws IOException {
    XYChart chart = chart(target);
    AtomicFiles.write(target, false, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Writes the chart as SVG (XChart's vector encoder). */
  public void writeSvg(Path target) throws IOException {
    XYChart chart = chart(target);
    AtomicFiles.write(target, false,
        out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }

  private XYChart chart(Path target) {
    if (!hasPoints()) {
      throw new IllegalStateException("nothing to draw in " + target.getFileName());
    }
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setErrorBarsColorSeriesColor(true); // a bar in its line's colour, not all in black
    for (int s = 0; s < names.size(); s++) {
      List<double[]> p = points.get(s);
      if (p.isEmpty()) {
        continue;
      }
      double[] x = new double[p.size()], y = new double[p.size()], e = new double[p.size()];
      boolean bars = p.get(0).length == 3;
      for (int i = 0; i < p.size(); i++) {
        x[i] = p.get(i)[0];
        y[i] = p.get(i)[1];
        e[i] = bars ? p.get(i)[2] : 0;
      }
      XYSeries series = bars ? chart.addSeries(names.get(s), x, y, e) : chart.addSeries(names.get(s), x, y);
      series.setMarker(p.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    System.setProperty("java.awt.headless", "true");
    return chart;
  }

  private static boolean drawable(double value, boolean log) {
    return Double.isFinite(value) && (!log || value > 0);
  }
}
