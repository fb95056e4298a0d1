package org.rnnlab.spi;

import java.util.Arrays;
import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.Precision;

/**
 * Values laid out by a {@link ParameterLayout} in one flat {@code double[]}: a network's weights,
 * or their gradients (same layout, another array). Per-matrix access is through {@link
 * #view(String)}; whole-network operations are loops over {@link #values()}. The values are
 * always double; {@link #precision()} says what a cell's products with them run in.
 */
public final class Parameters {
  private final ParameterLayout layout;
  private final double[] values;
  private final String prefix;
  private final Precision precision;

  public Parameters(ParameterLayout layout) {
    this(layout, new double[layout.size()], "", Precision.FLOAT64);
  }

  private Parameters(ParameterLayout layout, double[] values, String prefix, Precision precision) {
    this.layout = layout;
    this.values = values;
    this.prefix = prefix;
    this.precision = precision;
  }

  /**
   * The same values, with every name given to {@link #view(String)} read as {@code prefix + name}:
   * how a layer of a stacked network sees its own matrices ({@code W}, {@code U}, …) among those of
   * the other layers ({@code l2.W}, …).
   */
  public Parameters scoped(String prefix) {
    return new Parameters(layout, values, this.prefix + prefix, precision);
  }

  /**
   * The same values, for a network whose weight products run in {@code precision} ({@code
   * network.precision}): what {@link Cell#unroll} is given, and what {@code Affine} reads.
   */
  public Parameters withPrecision(Precision precision) {
    return new Parameters(layout, values, prefix, precision);
  }

  /** FLOAT64 unless made by {@link #withPrecision}: what the products with these weights run in. */
  public Precision precision() {
    return precision;
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** The flat array, shared with every view. */
  public double[] values() {
    return values;
  }

  /** The matrix {@code name} (read as {@code prefix + name} in a {@link #scoped} view). */
  public MatrixView view(String name) {
    return view(layout.block(prefix + name));
  }

  public MatrixView view(ParameterLayout.Block block) {
    return new MatrixView(values, block.offset(), block.spec().rows(), block.spec().cols());
  }

  /** Sets all values to zero. */
  public void clear() {
    Arrays.fill(values, 0);
  }

  /** Adds {@code other}'s values (the same layout) to these, element by element. */
  public void add(Parameters other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException(other.values.length + " values added to " + values.length);
    }
    double[] into = values, from = other.values;
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** The L2 norm over all values. */
  public double norm() {
    return Math.sqrt(Dense.sumOfSquares(values, 0, values.length));
  }

  /** The L2 norm over the values of one layer. */
  public double norm(String layer) {
    double sum = 0;
    for (ParameterLayout.Block b : layout.blocks()) {
      if (b.layer().equals(layer)) {
        sum += Dense.sumOfSquares(values, b.offset(), b.offset() + b.size());
      }
    }
    return Math.sqrt(sum);
  }

  /** The L2 norm of one matrix. */
  public double blockNorm(ParameterLayout.Block block) {
    return Math.sqrt(Dense.sumOfSquares(values, block.offset(), block.offset() + block.size()));
  }

  /** Multiplies every value by {@code factor}. */
  public void scale(double factor) {
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
  }

  /** Multiplies every value of {@code layer} by {@code factor}. */
  public void scale(String layer, double factor) {
    for (ParameterLayout.Block b : layout.blocks()) {
      if (b.layer().equals(layer)) {
        for (int i = b.offset(), end = b.offset() + b.size(); i < end; i++) {
          values[i] *= factor;
        }
      }
    }
  }

  /** Copies all values from {@code other}, which must have the same layout. */
  public void copyFrom(Parameters other) {
    if (other.layout != layout) {
      throw new IllegalArgumentException("layouts differ");
    }
    System.arraycopy(other.values, 0, values, 0, values.length);
  }
}
