package org.rnnlab.nn;

import java.util.Arrays;
import org.rnnlab.math.FloatDense;
import org.rnnlab.math.MatrixView;

/**
 * A weight matrix M (m×n) whose products run in float32 ({@code network.precision: float32}): y +=
 * M x forward; dx += Mᵀ dy and dM += Σ_t dy_t x_tᵀ backward. M is a float copy of the parameters,
 * made by {@link #load} at the start of each forward pass (the optimizer updates the double values:
 * master weights, as in mixed-precision training); x, y, dx and dy are the network's double
 * matrices (n×B, m×B), rounded to float on the way in and added back in double.
 *
 * <p>dM's terms are kept as float rows, up to {@link OuterProducts#DEPTH} of them, and summed in
 * one float product that is then added to the double gradient: as {@link OuterProducts} does in
 * double. Buffers are made at first use (the kept rows at the first backward, so a network that
 * only scores never makes them); after that, nothing is allocated while the batch size stays the
 * same.
 */
public final class Float32Weights {
  private final MatrixView weights, gradient;
  private final int m, n;
  private final float[] w; // M, m×n
  private float[] x, y, dy, dx; // x and dx n×B, y and dy m×B: the network's matrices in float
  private float[] dyRows, xRows, sum; // kept terms: capacity rows of m and of n; their sum, m×n
  private int capacity, kept;

  /** M (m×n, the parameters: read by {@link #load}, never modified) and dM (m×n, added to by {@link #flush}). */
  public Float32Weights(MatrixView weights, MatrixView gradient) {
    weights.requireSameShape(gradient);
    this.weights = weights;
    this.gradient = gradient;
    this.m = weights.rows;
    this.n = weights.cols;
    this.w = new float[m * n];
  }

  /** Copies M's current values into the float copy: before a forward pass, after every update. */
  public void load() {
    final double[] from = weights.data;
    final int at = weights.offset;
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) from[at + i];
    }
  }

  /** out += M x. x: n×B, not modified; out: m×B, modified. */
  public void multAdd(MatrixView in, MatrixView out) {
    final int b = in.cols;
    check(in, n, b, "x");
    check(out, m, b, "y");
    buffers(b);
    toFloat(in, x);
    Arrays.fill(y, 0);
    FloatDense.multAdd(w, 0, n, 1, x, 0, y, 0, m, n, b); // y = M x
    addTo(y, out);
  }

  /**
   * dM += dy xᵀ (now or at a later call or {@link #flush}), and dx += Mᵀ dy unless {@code dxOut} is
   * null. dy: m×B, x: n×B, not modified.
   */
  public void backward(MatrixView dyIn, MatrixView xIn, MatrixView dxOut) {
    final int b = dyIn.cols;
    check(dyIn, m, b, "dy");
    check(xIn, n, b, "x");
    if (dyRows == null || b > capacity) {
      flush();
      capacity = Math.max(b, OuterProducts.DEPTH / b * b);
      dyRows = new float[capacity * m];
      xRows = new float[capacity * n];
      sum = new float[m * n];
    }
    if (kept + b > capacity) {
      flush();
    }
    buffers(b);
    toFloat(dyIn, dy);
    toFloat(xIn, x);
    columnsAsRows(dy, m, b, dyRows, kept);
    columnsAsRows(x, n, b, xRows, kept);
    kept += b;
    if (dxOut != null) {
      check(dxOut, n, b, "dx");
      Arrays.fill(dx, 0);
      FloatDense.multAdd(w, 0, 1, n, dy, 0, dx, 0, n, m, b); // dx = Mᵀ dy
      addTo(dx, dxOut);
    }
  }

  /** Adds the kept terms to dM: at the end of BPTT, so that dM is complete. */
  public void flush() {
    if (kept == 0) {
      return;
    }
    Arrays.fill(sum, 0);
    FloatDense.multAdd(dyRows, 0, 1, m, xRows, 0, sum, 0, m, kept, n); // Σ_r dy_r x_rᵀ
    addTo(sum, gradient);
    kept = 0;
  }

  /** x, y, dy and dx for B columns: made at first use, and again only when B changes. */
  private void buffers(int b) {
    if (x == null || x.length != n * b) {
      x = new float[n * b];
      y = new float[m * b];
      dy = new float[m * b];
      dx = new float[n * b];
    }
  }

  private static void check(MatrixView v, int rows, int cols, String name) {
    if (v.rows != rows || v.cols != cols) {
      throw new IllegalArgumentException(name + " is " + v.rows + "×" + v.cols + ", expected " + rows + "×" + cols);
    }
  }

  private static void toFloat(MatrixView from, float[] to) {
    final double[] d = from.data;
    final int at = from.offset, size = from.size();
    for (int i = 0; i < size; i++) {
      to[i] = (float) d[at + i];
    }
  }

  /** into += from, element by element in double. */
  private static void addTo(float[] from, MatrixView into) {
    final double[] d = into.data;
    final int at = into.offset, size = into.size();
    for (int i = 0; i < size; i++) {
      d[at + i] += from[i];
    }
  }

  /** Column c of v (r×columns, row-major) into row {@code at + c} of {@code rows} (rows of r). */
  private static void columnsAsRows(float[] v, int r, int columns, float[] rows, int at) {
    if (columns == 1) {
      System.arraycopy(v, 0, rows, at * r, r);
      return;
    }
    for (int c = 0; c < columns; c++) {
      final int to = (at + c) * r;
      for (int i = 0; i < r; i++) {
        rows[to + i] = v[i * columns + c];
      }
    }
  }
}
