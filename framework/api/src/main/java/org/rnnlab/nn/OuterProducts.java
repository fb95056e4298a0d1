package org.rnnlab.nn;

import org.rnnlab.math.Dense;
import org.rnnlab.math.MatrixView;

/**
 * A weight gradient summed over the steps of BPTT, Σ_t a_t b_tᵀ (a_t: M×B, b_t: N×B, the sum M×N),
 * kept step by step and added in one matrix product K = T·B deep: dU = Σ_t da_t h_{t-1}ᵀ of a
 * cell's {@link Affine}, the readout's dV = Σ_t dz_t h_tᵀ. Added step by step, each step's product
 * streams all of the M×N gradient through the cache for only B terms per element; added at once,
 * the product runs at the speed of a large one.
 *
 * <p>{@link #keep} appends the columns of a_t and b_t as rows of two (T·B)×M and (T·B)×N buffers;
 * {@link #addTo} adds (kept a)ᵀ (kept b) and starts again. Each element's terms are added in the
 * order they were kept, as {@link Dense#multAddTransB} would have added them step by step, so the
 * result has the same bits ({@code AffineTest}). Allocation-free after construction.
 */
public final class OuterProducts {
  private final double[] aRows, bRows;
  private final int m, n, capacity;
  private int kept;
  private MatrixView aView, bView; // their first `kept` rows, made again only when that count changes

  /** For a_t of {@code m} rows and b_t of {@code n} rows, at most {@code maxSteps} steps of {@code batchSize} columns. */
  public OuterProducts(int m, int n, int maxSteps, int batchSize) {
    this.m = m;
    this.n = n;
    this.capacity = maxSteps * batchSize;
    this.aRows = new double[capacity * m];
    this.bRows = new double[capacity * n];
  }

  /** Keeps the term a bᵀ (a: M×B, b: N×B, not modified) for {@link #addTo}. */
  public void keep(MatrixView a, MatrixView b) {
    if (a.rows != m || b.rows != n || a.cols != b.cols || kept + a.cols > capacity) {
      throw new IllegalArgumentException("keep: " + a.rows + "×" + a.cols + " and " + b.rows + "×" + b.cols + " for "
          + m + " and " + n + " rows, " + (capacity - kept) + " columns left");
    }
    copyColumnsAsRows(a, aRows, kept);
    copyColumnsAsRows(b, bRows, kept);
    kept += a.cols;
  }

  /** into (M×N, modified) += Σ of the kept terms; then none is kept. */
  public void addTo(MatrixView into) {
    if (kept == 0) {
      return;
    }
    if (aView == null || aView.rows != kept) {
      aView = new MatrixView(aRows, 0, kept, m);
      bView = new MatrixView(bRows, 0, kept, n);
    }
    Dense.multAddTransA(aView, bView, into);
    kept = 0;
  }

  /** Column c of x (R×C) into row {@code at + c} of {@code rows} (rows of R). */
  private static void copyColumnsAsRows(MatrixView x, double[] rows, int at) {
    final int r = x.rows, columns = x.cols;
    for (int c = 0; c < columns; c++) {
      final int to = (at + c) * r;
      for (int i = 0; i < r; i++) {
        rows[to + i] = x.data[x.offset + i * columns + c];
      }
    }
  }
}
