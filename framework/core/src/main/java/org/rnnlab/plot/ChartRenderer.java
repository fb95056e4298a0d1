package org.rnnlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.experiment.LineChart;
import org.rnnlab.store.AtomicFiles;

/**
 * Draws a {@link LineChart} with XChart, headless, as PNG or SVG. Every rnnlab chart goes through
 * here, so they share one look: the Okabe–Ito palette without its yellow (distinguishable on white
 * and by most colour-blind readers), dashed lines where asked, linear axes that start and end on
 * nice tick values, reference lines in grey. Points an axis cannot show (NaN, infinite, ≤ 0 on a
 * logarithmic axis, where XChart would throw) are left out and counted. Files are written to a
 * temporary name and renamed, so a chart on disk is always complete.
 */
public final class ChartRenderer {
  /** Okabe &amp; Ito (2008), "Color Universal Design", without yellow (#F0E442), which fades on white. */
  static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0x56B4E9), new Color(0xE69F00), new Color(0x000000), new Color(0x7F7F7F)
  };

  private static final Color REFERENCE = new Color(0x999999);
  private static final BasicStroke SOLID = new BasicStroke(2f);
  private static final BasicStroke DASHED =
      new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
  private static final BasicStroke DOTTED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f);

  private final LineChart chart;
  private final boolean logX;
  private final boolean logY;
  private final List<double[][]> kept = new ArrayList<>(); // per series: x, y, errors (or null)
  private int skipped;

  public ChartRenderer(LineChart chart) {
    this.chart = chart;
    this.logX = isLog(chart.xScale(), chart.series().stream().map(LineChart.Series::x).toList());
    // the bars' lower ends too: XChart cannot draw a bar that reaches zero on a logarithmic axis
    this.logY = isLog(chart.yScale(), chart.series().stream().map(ChartRenderer::lowerEnds).toList());
    for (LineChart.Series s : chart.series()) {
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        if (drawable(s.x()[i], logX) && drawable(s.y()[i], logY)) {
          points.add(new double[] {s.x()[i], s.y()[i], s.errors() == null ? Double.NaN : s.errors()[i]});
        } else {
          skipped++;
        }
      }
      double[][] columns = new double[3][points.size()];
      for (int i = 0; i < points.size(); i++) {
        for (int c = 0; c < 3; c++) {
          columns[c][i] = points.get(i)[c];
        }
      }
      kept.add(s.errors() == null ? new double[][] {columns[0], columns[1], null} : columns);
    }
  }

  /** The number of points left out because an axis cannot show them. */
  public int skipped() {
    return skipped;
  }

  /** True when at least one series has a point to draw. */
  public boolean hasPoints() {
    return kept.stream().anyMatch(p -> p[0].length > 0);
  }

  /** Whether the y axis is drawn logarithmic (after resolving {@link LineChart.Scale#AUTO}). */
  public boolean logY() {
    return logY;
  }

  /**
   * Writes a PNG.
   *
   * @throws IllegalStateException when no series has a point
   */
  public void writePng(Path target) throws IOException {
    XYChart xy = build(target);
    AtomicFiles.write(target, false, out -> BitmapEncoder.saveBitmap(xy, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Writes an SVG (XChart's vector encoder). */
  public void writeSvg(Path target) throws IOException {
    XYChart xy = build(target);
    AtomicFiles.write(target, false,
        out -> VectorGraphicsEncoder.saveVectorGraphic(xy, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }

  /** Writes PNG or SVG by the file's extension. */
  public void write(Path target) throws IOException {
    if (target.getFileName().toString().endsWith(".svg")) {
      writeSvg(target);
    } else {
      writePng(target);
    }
  }

  private XYChart build(Path target) {
    if (!hasPoints()) {
      throw new IllegalStateException("nothing to draw in " + target.getFileName());
    }
    System.setProperty("java.awt.headless", "true");
    XYChart xy = new XYChartBuilder().width(chart.width()).height(chart.height()).title(chart.title())
        .xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
    var styler = xy.getStyler();
    styler.setXAxisLogarithmic(logX);
    styler.setYAxisLogarithmic(logY);
    styler.setMarkerSize(4);
    styler.setErrorBarsColorSeriesColor(true); // a bar in its line's colour, not all in black
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(new Color(0xCCCCCC));
    double[] xRange = range(0), yRange = range(1);
    if (!logX) {
      double[] nice = NiceScale.of(xRange[0], xRange[1]);
      styler.setXAxisMin(nice[0]);
      styler.setXAxisMax(nice[1]);
      // XChart puts x ticks on every k-th data point when the x values are equally spaced (steps
      // logged every 100: ticks at 0, 700, 1,400, …). One invisible point off that grid makes it
      // choose nice ticks within the bounds above instead.
      XYSeries offGrid = xy.addSeries(" ", new double[] {nice[0] + (nice[1] - nice[0]) * 0.3183098861837907},
          new double[] {yRange[0]});
      offGrid.setShowInLegend(false);
      offGrid.setMarker(SeriesMarkers.NONE);
      offGrid.setLineColor(new Color(0, 0, 0, 0));
    }
    if (!logY) {
      double[] nice = NiceScale.of(Math.min(yRange[0], referenceMin()), Math.max(yRange[1], referenceMax()));
      styler.setYAxisMin(nice[0]);
      styler.setYAxisMax(nice[1]);
    }
    Map<Integer, Color> hues = new HashMap<>();
    int nextColour = 0;
    List<LineChart.Series> series = chart.series();
    for (int s = 0; s < series.size(); s++) {
      double[][] p = kept.get(s);
      if (p[0].length == 0) {
        continue; // nothing drawable: no legend entry either
      }
      LineChart.Series spec = series.get(s);
      Color colour;
      if (spec.hue() >= 0 && hues.containsKey(spec.hue())) {
        colour = hues.get(spec.hue());
      } else {
        colour = PALETTE[nextColour++ % PALETTE.length];
        if (spec.hue() >= 0) {
          hues.put(spec.hue(), colour);
        }
      }
      XYSeries line = p[2] == null ? xy.addSeries(unique(xy, spec.name()), p[0], p[1])
          : xy.addSeries(unique(xy, spec.name()), p[0], p[1], logY ? aboveZero(p[1], zeroForNaN(p[2]))
              : zeroForNaN(p[2]));
      line.setLineColor(colour);
      line.setMarkerColor(colour);
      line.setLineStyle(spec.style() == LineChart.Style.DASHED ? DASHED : SOLID);
      line.setMarker(p[0].length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    for (LineChart.Reference r : chart.references()) {
      if (!drawable(r.y(), logY)) {
        continue;
      }
      XYSeries line = xy.addSeries(unique(xy, r.name()), new double[] {xRange[0], xRange[1]},
          new double[] {r.y(), r.y()});
      line.setLineColor(REFERENCE);
      line.setLineStyle(DOTTED);
      line.setMarker(SeriesMarkers.NONE);
    }
    return xy;
  }

  /** XChart refuses two series of one name; a repeated name gets " (2)", " (3)", …. */
  private static String unique(XYChart xy, String name) {
    String candidate = name;
    for (int n = 2; xy.getSeriesMap().containsKey(candidate); n++) {
      candidate = name + " (" + n + ")";
    }
    return candidate;
  }

  /** The smallest and largest drawable value of column {@code c} (0 = x, 1 = y) over all series. */
  private double[] range(int c) {
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double[][] p : kept) {
      for (int i = 0; i < p[c].length; i++) {
        double lo = p[c][i], hi = p[c][i];
        if (c == 1 && p[2] != null && Double.isFinite(p[2][i])) {
          // on a log axis a bar ends above zero (see aboveZero): so does the range, which places a point too
          lo -= logY ? Math.min(p[2][i], p[1][i] * 0.999) : p[2][i];
          hi += p[2][i];
        }
        min = Math.min(min, lo);
        max = Math.max(max, hi);
      }
    }
    return new double[] {min, max};
  }

  private double referenceMin() {
    return chart.references().stream().mapToDouble(LineChart.Reference::y).min().orElse(Double.POSITIVE_INFINITY);
  }

  private double referenceMax() {
    return chart.references().stream().mapToDouble(LineChart.Reference::y).max().orElse(Double.NEGATIVE_INFINITY);
  }

  private static double[] zeroForNaN(double[] errors) {
    double[] e = errors.clone();
    for (int i = 0; i < e.length; i++) {
      if (!Double.isFinite(e[i])) {
        e[i] = 0;
      }
    }
    return e;
  }

  /**
   * Whether an axis is logarithmic: as asked, or for {@link LineChart.Scale#AUTO} when every
   * finite value is positive and the largest is at least 100 times the smallest.
   */
  static boolean isLog(LineChart.Scale scale, List<double[]> values) {
    if (scale != LineChart.Scale.AUTO) {
      return scale == LineChart.Scale.LOG;
    }
    double min = Double.POSITIVE_INFINITY, max = 0;
    for (double[] v : values) {
      for (double x : v) {
        if (!Double.isFinite(x)) {
          continue;
        }
        if (x <= 0) {
          return false;
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    return max > 0 && max / min >= 100;
  }

  /** Each value minus its error bar (the value itself where it has none). */
  static double[] lowerEnds(LineChart.Series series) {
    double[] y = series.y().clone();
    if (series.errors() != null) {
      for (int i = 0; i < y.length; i++) {
        if (Double.isFinite(series.errors()[i])) {
          y[i] -= series.errors()[i];
        }
      }
    }
    return y;
  }

  /** Error bars cut where they would reach zero (a log axis asked for explicitly): the bar ends at the axis. */
  private static double[] aboveZero(double[] y, double[] errors) {
    double[] e = errors.clone();
    for (int i = 0; i < e.length; i++) {
      e[i] = Math.min(e[i], y[i] * 0.999);
    }
    return e;
  }

  private static boolean drawable(double value, boolean log) {
    return Double.isFinite(value) && (!log || value > 0);
  }
}
