package org.rnnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A line chart described as data: title, axes, series and reference lines. The run draws it (see
 * {@link ChartWriter}) with the same look as every rnnlab chart: a palette readable on white, nice
 * tick values, points that cannot be drawn (NaN, infinite, ≤ 0 on a logarithmic axis) left out.
 *
 * <pre>{@code
 * LineChart chart = new LineChart("gradient norm vs sequence length", "sequence length", "L2 norm")
 *     .xScale(Scale.LOG).yScale(Scale.LOG)
 *     .series("no clipping", lengths, norms, 0, Style.SOLID)
 *     .series("clipped", lengths, clipped, 0, Style.DASHED);   // same hue, dashed
 * }</pre>
 */
public final class LineChart {

  /** How an axis maps values. */
  public enum Scale {
    LINEAR,
    LOG,
    /** Logarithmic when the drawable values are all positive and span two decades or more, else linear. */
    AUTO
  }

  /** How a series' line is drawn. */
  public enum Style {
    SOLID,
    DASHED
  }

  /**
   * One line.
   *
   * @param name the legend entry
   * @param x the x values
   * @param y the y values, as many as x
   * @param errors ± error bars, as many as x (NaN: no bar at that point), or null for none
   * @param hue series with the same hue share a colour (e.g. one condition clipped and unclipped);
   *     -1 gives the series a colour of its own
   * @param style solid or dashed
   */
  public record Series(String name, double[] x, double[] y, double[] errors, int hue, Style style) {
    public Series {
      Objects.requireNonNull(name);
      Objects.requireNonNull(style);
      if (x.length != y.length || errors != null && errors.length != x.length) {
        throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length
            + " y values" + (errors == null ? "" : ", " + errors.length + " errors"));
      }
    }
  }

  /** A horizontal line at {@code y} named in the legend (e.g. "chance", "baseline"). */
  public record Reference(String name, double y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private Scale xScale = Scale.LINEAR;
  private Scale yScale = Scale.LINEAR;
  private int width = 800;
  private int height = 500;
  private final List<Series> series = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = Objects.requireNonNull(title);
    this.xLabel = Objects.requireNonNull(xLabel);
    this.yLabel = Objects.requireNonNull(yLabel);
  }

  public LineChart xScale(Scale scale) {
    xScale = Objects.requireNonNull(scale);
    return this;
  }

  public LineChart yScale(Scale scale) {
    yScale = Objects.requireNonNull(scale);
    return this;
  }

  /** The image size in pixels (default 800 × 500). */
  public LineChart size(int width, int height) {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException("a chart needs at least 100 × 100 pixels, got " + width + " × " + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** Adds a solid series in a colour of its own. */
  public LineChart series(String name, double[] x, double[] y) {
    return series(new Series(name, x.clone(), y.clone(), null, -1, Style.SOLID));
  }

  /** Adds a series in hue {@code hue} (see {@link Series#hue}) drawn in {@code style}. */
  public LineChart series(String name, double[] x, double[] y, int hue, Style style) {
    return series(new Series(name, x.clone(), y.clone(), null, hue, style));
  }

  /** Adds a solid series with ± error bars (e.g. one standard deviation over seeds). */
  public LineChart series(String name, double[] x, double[] y, double[] errors) {
    return series(new Series(name, x.clone(), y.clone(), errors.clone(), -1, Style.SOLID));
  }

  public LineChart series(Series s) {
    series.add(s);
    return this;
  }

  /** Adds a horizontal reference line; a NaN or infinite level is ignored. */
  public LineChart reference(String name, double y) {
    if (Double.isFinite(y)) {
      references.add(new Reference(name, y));
    }
    return this;
  }

  public String title() {
    return title;
  }

  public String xLabel() {
    return xLabel;
  }

  public String yLabel() {
    return yLabel;
  }

  public Scale xScale() {
    return xScale;
  }

  public Scale yScale() {
    return yScale;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public List<Series> series() {
    return List.copyOf(series);
  }

  public List<Reference> references() {
    return List.copyOf(references);
  }
}
